import { EVENTS_EXCHANGE_NAME } from './names';
import { BrokerProbe, waitFor } from '@loyalty/testing';
import type { ConsumeMessage } from 'amqplib';

export interface CapturedEvent {
  routingKey: string;
  body: Record<string, unknown>;
  properties: ConsumeMessage['properties'];
}

/**
 * Everything published under some routing keys while a suite runs, captured by a temporary queue
 * bound to `loyalty.events` (like the SMC queue, or like a notification adapter's queue).
 */
export class EventLog {
  readonly events: CapturedEvent[] = [];

  private constructor(private readonly probe: BrokerProbe) {}

  static async open(routingKeys: readonly string[]): Promise<EventLog> {
    const probe = await BrokerProbe.connect();
    const log = new EventLog(probe);
    const queue = await probe.bindTemporaryQueue(EVENTS_EXCHANGE_NAME, [...routingKeys]);
    await probe.channel.consume(
      queue,
      (message) => {
        if (!message) return;
        log.events.push({
          routingKey: message.fields.routingKey,
          body: JSON.parse(message.content.toString('utf8')),
          properties: message.properties,
        });
      },
      { noAck: true },
    );
    return log;
  }

  /** Events whose customerInfo names the member. */
  ofMember(customerId: number): CapturedEvent[] {
    return this.events.filter((event) => (event.body['customerInfo'] as { customerId?: number } | undefined)?.customerId === customerId);
  }

  /** Waits until `select` finds at least `count` events, and returns them. */
  async waitFor(select: (events: CapturedEvent[]) => CapturedEvent[], count: number, description: string, timeoutMs = 15_000): Promise<CapturedEvent[]> {
    return waitFor(
      () => {
        const found = select(this.events);
        return found.length >= count && found;
      },
      { timeoutMs, intervalMs: 25, description },
    );
  }

  async close(): Promise<void> {
    await this.probe.close();
  }
}
