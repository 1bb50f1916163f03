import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OUTBOX_NOTIFY_CHANNEL } from './outbox';
import { messagingMetrics } from '../messaging.metrics';

export interface PendingMessage {
  id: string;
  messageId: string;
  exchange: string;
  routingKey: string;
  messageType: string;
  payload: string;
  headers: Record<string, string>;
  createdAt: Date;
}

/** Sends one message and resolves once the broker has confirmed it. */
export interface OutboxPublisher {
  publish(message: PendingMessage): Promise<void>;
}

export interface OutboxRelayOptions {
  /** Rows claimed and published per round trip. */
  batchSize: number;
  /** Fallback poll when no notification arrives (another process wrote, or LISTEN is down). */
  pollIntervalMs: number;
  /** Sent rows older than this are deleted. */
  retentionHours: number;
}

export const DEFAULT_RELAY_OPTIONS: OutboxRelayOptions = { batchSize: 500, pollIntervalMs: 250, retentionHours: 24 };

const MAX_BACKOFF_MS = 5000;

/**
 * Publishes outbox rows in id order. Rows are claimed with FOR UPDATE SKIP LOCKED inside a
 * transaction that stays open until the broker confirms them, so two replicas never send the same
 * row, and a relay killed mid-batch leaves its rows unsent for the next one (at-least-once; the
 * consumers' inbox removes the duplicates that a crash between confirm and commit can cause).
 */
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private pendingWake = false;
  private listener: { release: () => void } | null = null;
  private lastCleanup = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly publisher: OutboxPublisher,
    private readonly options: OutboxRelayOptions = DEFAULT_RELAY_OPTIONS,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
    void this.listen();
  }

  /** Stops after the batch in flight; the rows of an interrupted batch stay unsent. */
  async stop(): Promise<void> {
    this.running = false;
    this.nudge();
    await this.loop;
    this.loop = null;
    this.listener?.release();
    this.listener = null;
  }

  /** Wakes the loop now, e.g. right after a commit in this process. */
  nudge(): void {
    this.pendingWake = true;
    this.wake?.();
  }

  /** Publishes until nothing is left or the deadline passes; used on shutdown. */
  async flush(deadlineMs: number): Promise<number> {
    const deadline = Date.now() + deadlineMs;
    let total = 0;
    while (Date.now() < deadline) {
      const sent = await this.publishBatch();
      total += sent;
      if (sent === 0) break;
    }
    return total;
  }

  /** Claims one batch, publishes it with confirms in parallel, marks what was confirmed. */
  async publishBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: Array<Record<string, unknown>> = await manager.query(
        `SELECT id, message_id, exchange, routing_key, message_type, payload, headers, created_at
           FROM outbox_message
          WHERE sent_at IS NULL
          ORDER BY id
          LIMIT $1
          FOR UPDATE SKIP LOCKED`,
        [this.options.batchSize],
      );
      if (rows.length === 0) return 0;
      const messages = rows.map(toPendingMessage);
      const results = await Promise.allSettled(messages.map((message) => this.publisher.publish(message)));
      const confirmed = messages.filter((_, index) => results[index].status === 'fulfilled');
      const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
      if (confirmed.length > 0) {
        await manager.query(`UPDATE outbox_message SET sent_at = now() WHERE id = ANY($1::bigint[])`, [
          confirmed.map((message) => message.id),
        ]);
        messagingMetrics.outboxPublished.inc(confirmed.length);
      }
      if (failure) {
        messagingMetrics.outboxPublishFailures.inc(messages.length - confirmed.length);
        throw failure.reason instanceof Error ? failure.reason : new Error(String(failure.reason));
      }
      return confirmed.length;
    });
  }

  private async run(): Promise<void> {
    let backoffMs = 0;
    while (this.running) {
      try {
        const sent = await this.publishBatch();
        backoffMs = 0;
        await this.updateLagMetric();
        await this.cleanupIfDue();
        if (sent >= this.options.batchSize) continue;
        await this.sleep(this.options.pollIntervalMs);
      } catch (error) {
        backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs ? backoffMs * 2 : 100);
        this.logger.warn(`Outbox relay could not publish, retrying in ${backoffMs} ms: ${(error as Error).message}`);
        await this.sleep(backoffMs);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.pendingWake || !this.running) {
      this.pendingWake = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.wake?.(), ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = null;
        this.pendingWake = false;
        resolve();
      };
    });
  }

  private async listen(): Promise<void> {
    try {
      // A dedicated connection: LISTEN is per session and must outlive single queries.
      const driver = this.dataSource.driver as unknown as {
        obtainMasterConnection(): Promise<[PgClient, (error?: unknown) => void]>;
      };
      const [client, release] = await driver.obtainMasterConnection();
      client.on('notification', () => this.nudge());
      await client.query(`LISTEN ${OUTBOX_NOTIFY_CHANNEL}`);
      this.listener = {
        release: () => {
          client.removeAllListeners('notification');
          client.query(`UNLISTEN ${OUTBOX_NOTIFY_CHANNEL}`).then(release, () => release(true));
        },
      };
      if (!this.running) this.listener.release();
    } catch (error) {
      this.logger.warn(`Outbox relay falls back to polling: ${(error as Error).message}`);
    }
  }

  private async updateLagMetric(): Promise<void> {
    const [row] = await this.dataSource.query(
      `SELECT EXTRACT(EPOCH FROM (now() - min(created_at))) AS lag FROM outbox_message WHERE sent_at IS NULL`,
    );
    messagingMetrics.outboxLagSeconds.set(row?.lag ? Number(row.lag) : 0);
  }

  private async cleanupIfDue(): Promise<void> {
    if (Date.now() - this.lastCleanup < 60_000) return;
    this.lastCleanup = Date.now();
    await this.dataSource.query(
      `DELETE FROM outbox_message WHERE sent_at IS NOT NULL AND sent_at < now() - make_interval(hours => $1)`,
      [this.options.retentionHours],
    );
  }
}

interface PgClient {
  on(event: 'notification', listener: () => void): void;
  removeAllListeners(event: string): void;
  query(sql: string): Promise<unknown>;
}

function toPendingMessage(row: Record<string, unknown>): PendingMessage {
  return {
    id: String(row['id']),
    messageId: String(row['message_id']),
    exchange: String(row['exchange']),
    routingKey: String(row['routing_key']),
    messageType: String(row['message_type']),
    payload: String(row['payload']),
    headers: (row['headers'] as Record<string, string>) ?? {},
    createdAt: row['created_at'] as Date,
  };
}
