import { Logger } from '@nestjs/common';
import { contextFromHeaders, runWithContext } from '@loyalty/runtime';
import type { ConsumeMessage, Options } from 'amqplib';
import type { DataSource } from 'typeorm';
import { messagingMetrics } from '../messaging.metrics';
import { delayQueueName, errorQueueName } from '../topology';
import { validateMessage } from '@loyalty/contracts';
import type { EventConsumerOptions, HandlerContext } from './event-consumer.decorator';

/** Publishes to the default exchange (straight to a named queue) and resolves on broker confirm. */
export type QueuePublisher = (queue: string, body: Buffer, options: Options.Publish) => Promise<void>;

export type MessageHandler = (message: object, context: HandlerContext) => Promise<void>;

export const ORIGINAL_ROUTING_KEY_HEADER = 'x-original-routing-key';
export const ORIGINAL_EXCHANGE_HEADER = 'x-original-exchange';
export const ERROR_REASON_HEADER = 'x-error-reason';
export const ERROR_MESSAGE_HEADER = 'x-error-message';

const MAX_HEADER_TEXT = 1000;

type Outcome = 'handled' | 'duplicate' | 'retried' | 'failed' | 'invalid';

/** validate → inbox → handle → retry/error queue, for one consumer queue. */
export class MessagePipeline {
  private readonly logger: Logger;

  constructor(
    private readonly options: EventConsumerOptions,
    private readonly handler: MessageHandler,
    private readonly dataSource: DataSource,
    private readonly publishToQueue: QueuePublisher,
    private readonly retryDelaysSeconds: readonly number[],
  ) {
    this.logger = new Logger(`Consumer ${options.queue}`);
  }

  async process(raw: ConsumeMessage): Promise<Outcome> {
    const stopTimer = messagingMetrics.handlerDuration.startTimer({ queue: this.options.queue });
    const outcome = await this.processTimed(raw);
    stopTimer({ outcome });
    messagingMetrics.handled.inc({ queue: this.options.queue, outcome });
    return outcome;
  }

  private async processTimed(raw: ConsumeMessage): Promise<Outcome> {
    const headers = (raw.properties.headers ?? {}) as Record<string, unknown>;
    const routingKey = typeof headers[ORIGINAL_ROUTING_KEY_HEADER] === 'string'
      ? (headers[ORIGINAL_ROUTING_KEY_HEADER] as string)
      : raw.fields.routingKey;

    let body: unknown;
    try {
      body = JSON.parse(raw.content.toString('utf8'));
    } catch {
      return this.reject(raw, null, routingKey, 'invalid-json', 'body is not valid JSON');
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      return this.reject(raw, null, routingKey, 'invalid-message', 'body must be a JSON object');
    }
    const fields = body as Record<string, unknown>;
    const messageId = raw.properties.messageId ?? (typeof fields['externalId'] === 'string' ? fields['externalId'] : undefined);
    if (!messageId) return this.reject(raw, fields, routingKey, 'invalid-message', 'message has no messageId');

    const { contract: declared } = this.options;
    const contract = typeof declared === 'function' ? declared : declared[routingKey];
    if (!contract) return this.reject(raw, fields, routingKey, 'invalid-message', `no contract for routing key ${routingKey}`);
    const validation = validateMessage(contract, fields);
    if (!validation.ok) return this.reject(raw, fields, routingKey, 'validation-failed', validation.errors.join('; '));

    const tryCount = typeof fields['tryCount'] === 'number' ? fields['tryCount'] : 0;
    return runWithContext(contextFromHeaders(headers), async () => {
      try {
        const handled = await this.dataSource.transaction(async (manager) => {
          const inserted: unknown[] = await manager.query(
            `INSERT INTO inbox_message (consumer, message_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING message_id`,
            [this.options.queue, messageId],
          );
          if (inserted.length === 0) return false;
          await this.handler(validation.value, { manager, messageId, routingKey, tryCount, headers });
          return true;
        });
        return handled ? 'handled' : 'duplicate';
      } catch (error) {
        return this.retryOrPark(raw, fields, routingKey, tryCount, error as Error);
      }
    });
  }

  private async retryOrPark(
    raw: ConsumeMessage,
    body: Record<string, unknown>,
    routingKey: string,
    tryCount: number,
    error: Error,
  ): Promise<Outcome> {
    const reason = truncate(error?.message ?? String(error));
    if (tryCount < this.retryDelaysSeconds.length) {
      const delaySecond = this.retryDelaysSeconds[tryCount];
      this.logger.warn(`Handler failed (try ${tryCount + 1}), retrying in ${delaySecond}s: ${reason}`);
      await this.publishToQueue(
        delayQueueName(this.options.queue, delaySecond),
        Buffer.from(JSON.stringify({ ...body, tryCount: tryCount + 1, delaySecond })),
        this.forwardedProperties(raw, routingKey, { 'x-last-error': reason }),
      );
      messagingMetrics.retries.inc({ queue: this.options.queue });
      return 'retried';
    }
    this.logger.error(`Handler failed after ${tryCount + 1} tries, moving the message to the error queue: ${reason}`, error?.stack);
    await this.park(raw, body, routingKey, 'handler-failed', reason);
    return 'failed';
  }

  private async reject(
    raw: ConsumeMessage,
    body: Record<string, unknown> | null,
    routingKey: string,
    reason: string,
    detail: string,
  ): Promise<Outcome> {
    this.logger.warn(`Rejected message ${raw.properties.messageId ?? '(no id)'}: ${reason}: ${detail}`);
    await this.park(raw, body, routingKey, reason, truncate(detail));
    return 'invalid';
  }

  /** Moves a message to `<queue>.error` with `toErrorQueue: true` and the reason in headers. */
  private async park(
    raw: ConsumeMessage,
    body: Record<string, unknown> | null,
    routingKey: string,
    reason: string,
    detail: string,
  ): Promise<void> {
    const content = body ? Buffer.from(JSON.stringify({ ...body, toErrorQueue: true })) : raw.content;
    await this.publishToQueue(
      errorQueueName(this.options.queue),
      content,
      this.forwardedProperties(raw, routingKey, {
        [ERROR_REASON_HEADER]: reason,
        [ERROR_MESSAGE_HEADER]: detail,
        'x-failed-at': new Date().toISOString(),
      }),
    );
    messagingMetrics.errorQueued.inc({ queue: this.options.queue, reason });
  }

  private forwardedProperties(raw: ConsumeMessage, routingKey: string, extraHeaders: Record<string, string>): Options.Publish {
    const { messageId, type, timestamp, correlationId, headers } = raw.properties;
    const kept = { ...(headers ?? {}) };
    delete kept['x-death'];
    delete kept['x-first-death-exchange'];
    delete kept['x-first-death-queue'];
    delete kept['x-first-death-reason'];
    delete kept['x-last-death-exchange'];
    delete kept['x-last-death-queue'];
    delete kept['x-last-death-reason'];
    return {
      messageId,
      type,
      timestamp,
      correlationId,
      contentType: 'application/json',
      persistent: true,
      headers: {
        ...kept,
        [ORIGINAL_ROUTING_KEY_HEADER]: routingKey,
        [ORIGINAL_EXCHANGE_HEADER]: (kept[ORIGINAL_EXCHANGE_HEADER] as string | undefined) ?? raw.fields.exchange,
        ...extraHeaders,
      },
    };
  }
}

function truncate(text: string): string {
  return text.length > MAX_HEADER_TEXT ? `${text.slice(0, MAX_HEADER_TEXT)}…` : text;
}
