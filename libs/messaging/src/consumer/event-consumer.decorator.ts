import { SetMetadata } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ContractClass } from '@loyalty/contracts';

export const EVENT_CONSUMER_METADATA = Symbol('loyalty:event-consumer');

export interface EventConsumerOptions {
  /** Durable queue owned by this consumer, e.g. `processing.cards-projection`. */
  queue: string;
  routingKeys: string[];
  /** The contract every message is validated against, or a contract per routing key. */
  contract: ContractClass | Record<string, ContractClass>;
  exchange?: string;
}

export interface HandlerContext {
  /** The transaction the inbox record is written in: write the handler's changes (and outbox events) here. */
  manager: EntityManager;
  messageId: string;
  routingKey: string;
  tryCount: number;
  headers: Record<string, unknown>;
}

/**
 * Marks a provider method as the handler of a queue. Messages are validated, deduplicated by
 * messageId in the handler's transaction, retried through delay queues and finally parked in
 * `<queue>.error`: handlers only contain the domain logic.
 */
export const ConsumeEvents = (options: EventConsumerOptions): MethodDecorator =>
  SetMetadata(EVENT_CONSUMER_METADATA, options);
