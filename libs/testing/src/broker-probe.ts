import { randomBytes } from 'node:crypto';
import * as amqp from 'amqplib';

export const TEST_RABBITMQ_URL = process.env['TEST_RABBITMQ_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672';

export interface ReceivedMessage {
  body: Record<string, unknown>;
  raw: amqp.Message;
}

/**
 * A raw AMQP client for tests: it observes what the services put on the broker without going
 * through the code under test.
 */
export class BrokerProbe {
  private constructor(
    private readonly connection: amqp.ChannelModel,
    readonly channel: amqp.Channel,
  ) {}

  static async connect(url = TEST_RABBITMQ_URL): Promise<BrokerProbe> {
    const connection = await amqp.connect(url);
    const channel = await connection.createChannel();
    return new BrokerProbe(connection, channel);
  }

  static uniqueName(prefix: string): string {
    return `${prefix}.${randomBytes(4).toString('hex')}`;
  }

  /** A temporary queue bound to `exchange` with the given keys (deleted when the probe closes). */
  async bindTemporaryQueue(exchange: string, routingKeys: string[]): Promise<string> {
    const { queue } = await this.channel.assertQueue('', { exclusive: true, autoDelete: true });
    for (const key of routingKeys) await this.channel.bindQueue(queue, exchange, key);
    return queue;
  }

  /** A channel with publisher confirms, closed with the probe. */
  async confirmChannel(): Promise<amqp.ConfirmChannel> {
    return this.connection.createConfirmChannel();
  }

  async depth(queue: string): Promise<number> {
    const checkChannel = await this.connection.createChannel();
    try {
      return (await checkChannel.checkQueue(queue)).messageCount;
    } finally {
      await checkChannel.close().catch(() => undefined);
    }
  }

  async exists(queue: string): Promise<boolean> {
    const checkChannel = await this.connection.createChannel();
    checkChannel.on('error', () => undefined);
    try {
      await checkChannel.checkQueue(queue);
      await checkChannel.close();
      return true;
    } catch {
      return false;
    }
  }

  /** Takes up to `max` messages off a queue (acknowledging them). */
  async drain(queue: string, max = Number.MAX_SAFE_INTEGER): Promise<ReceivedMessage[]> {
    const received: ReceivedMessage[] = [];
    while (received.length < max) {
      const raw = await this.channel.get(queue, { noAck: true });
      if (!raw) break;
      received.push({ raw, body: JSON.parse(raw.content.toString('utf8')) });
    }
    return received;
  }

  async publishRaw(exchange: string, routingKey: string, content: string, options: amqp.Options.Publish = {}): Promise<void> {
    this.channel.publish(exchange, routingKey, Buffer.from(content), { contentType: 'application/json', ...options });
  }

  async deleteQueues(...queues: string[]): Promise<void> {
    for (const queue of queues) await this.channel.deleteQueue(queue).catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.channel.close().catch(() => undefined);
    await this.connection.close().catch(() => undefined);
  }
}
