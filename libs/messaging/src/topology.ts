import type { RabbitMQExchangeConfig, RabbitMQQueueConfig } from '@golevelup/nestjs-rabbitmq';
import { LOYALTY_EVENTS_EXCHANGE, LOYALTY_UNROUTED_EXCHANGE, LOYALTY_UNROUTED_QUEUE } from '@loyalty/contracts';

// The names are part of the contract (libs/contracts); these aliases are what messaging code reads.
/** Every domain event, SMC-bound or internal, is published here. */
export const EVENTS_EXCHANGE = LOYALTY_EVENTS_EXCHANGE;
/** Alternate exchange of EVENTS_EXCHANGE: whatever no queue is bound to lands here instead of being dropped. */
export const UNROUTED_EXCHANGE = LOYALTY_UNROUTED_EXCHANGE;
export const UNROUTED_QUEUE = LOYALTY_UNROUTED_QUEUE;
/** Gateway → service request/reply. */
export const RPC_EXCHANGE = 'loyalty.rpc';

export const DEFAULT_RETRY_DELAYS_SECONDS: readonly number[] = [1, 5, 30, 120, 600];

export type QueueType = 'classic' | 'quorum';

export const errorQueueName = (queue: string): string => `${queue}.error`;
export const delayQueueName = (queue: string, delaySeconds: number): string => `${queue}.delay.${delaySeconds}s`;

export function exchangeTopology(): RabbitMQExchangeConfig[] {
  return [
    { name: UNROUTED_EXCHANGE, type: 'fanout', options: { durable: true } },
    { name: EVENTS_EXCHANGE, type: 'topic', options: { durable: true, alternateExchange: UNROUTED_EXCHANGE } },
    { name: RPC_EXCHANGE, type: 'direct', options: { durable: true } },
  ];
}

export function queueTopology(): RabbitMQQueueConfig[] {
  return [{ name: UNROUTED_QUEUE, exchange: UNROUTED_EXCHANGE, routingKey: '', options: { durable: true } }];
}

/**
 * Arguments of a consumer's main queue. Rejected messages (nack without requeue) dead-letter into
 * the error queue, so even a failure of our own retry path never drops a message.
 */
export function consumerQueueArguments(queue: string, type: QueueType): Record<string, unknown> {
  return {
    'x-queue-type': type,
    'x-dead-letter-exchange': '',
    'x-dead-letter-routing-key': errorQueueName(queue),
  };
}

/** A delay queue holds a retried message for `delaySeconds`, then dead-letters it back to its queue. */
export function delayQueueArguments(queue: string, delaySeconds: number, type: QueueType): Record<string, unknown> {
  return {
    'x-queue-type': type,
    'x-message-ttl': delaySeconds * 1000,
    'x-dead-letter-exchange': '',
    'x-dead-letter-routing-key': queue,
  };
}
