import { Injectable } from '@nestjs/common';
import { initialRetryFields } from '@loyalty/contracts';
import { outgoingContextHeaders } from '@loyalty/runtime';
import { EntityManager } from 'typeorm';
import { newMessageId } from '../message-id';
import { EVENTS_EXCHANGE } from '../topology';

export const OUTBOX_NOTIFY_CHANNEL = 'outbox_message_added';

export interface OutboxEvent {
  routingKey: string;
  /** Becomes the AMQP `type` property and the body's `eventCode` where the model has one. */
  eventCode: string;
  body: object;
  exchange?: string;
}

/**
 * The only way to publish: the event is stored in the caller's transaction and the relay sends it
 * after commit. A rolled-back transaction therefore publishes nothing.
 */
@Injectable()
export class Outbox {
  async add(manager: EntityManager, event: OutboxEvent): Promise<string> {
    const [messageId] = await this.addMany(manager, [event]);
    return messageId;
  }

  async addMany(manager: EntityManager, events: OutboxEvent[]): Promise<string[]> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('Outbox.add must run inside the transaction that makes the change');
    }
    if (events.length === 0) return [];
    const headers = outgoingContextHeaders();
    const rows = events.map((event) => {
      const messageId = newMessageId();
      return {
        messageId,
        exchange: event.exchange ?? EVENTS_EXCHANGE,
        routingKey: event.routingKey,
        messageType: event.eventCode,
        payload: JSON.stringify({ ...event.body, ...initialRetryFields(messageId) }),
        headers,
      };
    });
    const values: unknown[] = [];
    const tuples = rows.map((row, index) => {
      const base = index * 6;
      values.push(row.messageId, row.exchange, row.routingKey, row.messageType, row.payload, JSON.stringify(row.headers));
      return `($${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}, $${base + 5}, $${base + 6}::jsonb)`;
    });
    await manager.query(
      `INSERT INTO outbox_message (message_id, exchange, routing_key, message_type, payload, headers) VALUES ${tuples.join(', ')}`,
      values,
    );
    // Delivered at commit only, so the relay wakes up exactly when the rows become visible.
    await manager.query(`SELECT pg_notify($1, '')`, [OUTBOX_NOTIFY_CHANNEL]);
    return rows.map((row) => row.messageId);
  }
}
