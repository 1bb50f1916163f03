import type { QueueType } from './topology';
import type { OutboxRelayOptions } from './outbox/outbox-relay';

export const MESSAGING_OPTIONS = Symbol('loyalty:messaging-options');

export interface MessagingOptions {
  /** Used in connection names and logs. */
  serviceName: string;
  url: string;
  /** Unacknowledged messages per consumer channel. */
  prefetch?: number;
  rpcTimeoutMs?: number;
  /** Delays between tries of a failing handler; after the last, the message is parked. */
  retryDelaysSeconds?: readonly number[];
  queueType?: QueueType;
  /**
   * Run the outbox relay in this process (services with a database). Needs a TypeORM DataSource
   * and the messaging migrations.
   */
  outboxRelay?: boolean | Partial<OutboxRelayOptions>;
  /** Block start-up until the broker answers (tests); services start regardless and report readiness. */
  waitForBroker?: boolean;
}
