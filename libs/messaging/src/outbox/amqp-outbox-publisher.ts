import type { AmqpConnection } from '@golevelup/nestjs-rabbitmq';
import type { Options } from 'amqplib';
import type { OutboxPublisher } from './outbox-relay';

/** How long one publish may wait for the broker's confirm (including while reconnecting). */
const PUBLISH_CONFIRM_TIMEOUT_MS = 10_000;

/** Publishes outbox rows as persistent messages with the AMQP properties of SPEC §2.1. */
export function amqpOutboxPublisher(amqp: AmqpConnection): OutboxPublisher {
  return {
    async publish(message) {
      const options: Options.Publish & { timeout: number } = {
        persistent: true,
        contentType: 'application/json',
        messageId: message.messageId,
        type: message.messageType,
        timestamp: Math.floor(new Date(message.createdAt).getTime() / 1000),
        headers: message.headers,
        timeout: PUBLISH_CONFIRM_TIMEOUT_MS,
      };
      const accepted = await amqp.publish(message.exchange, message.routingKey, Buffer.from(message.payload), options);
      if (accepted === false) throw new Error(`Broker did not accept message ${message.messageId}`);
    },
  };
}
