import { AmqpConnection } from '@golevelup/nestjs-rabbitmq';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MessagingExplorer } from './messaging.explorer';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import { amqpOutboxPublisher } from './outbox/amqp-outbox-publisher';
import { DEFAULT_RELAY_OPTIONS, OutboxRelay } from './outbox/outbox-relay';

/**
 * Runs the outbox relay for the lifetime of the app. On shutdown it drains in order: consumers
 * stop and finish in-flight handlers, then the outbox is flushed, then (in later hooks) the broker
 * connection and the database close.
 */
@Injectable()
export class MessagingLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private relay: OutboxRelay | null = null;

  constructor(
    private readonly amqp: AmqpConnection,
    private readonly explorer: MessagingExplorer,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Optional() private readonly dataSource?: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.options.outboxRelay) return;
    if (!this.dataSource) throw new Error('The outbox relay needs a database: import PersistenceModule');
    const overrides = typeof this.options.outboxRelay === 'object' ? this.options.outboxRelay : {};
    this.relay = new OutboxRelay(this.dataSource, amqpOutboxPublisher(this.amqp), { ...DEFAULT_RELAY_OPTIONS, ...overrides });
    this.relay.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.explorer.stopConsuming();
    if (!this.relay) return;
    await this.relay.stop();
    try {
      const sent = await this.relay.flush(5000);
      if (sent) this.logger.log(`Flushed ${sent} outbox messages before shutdown`);
    } catch (error) {
      this.logger.warn(`Outbox not flushed, the next start publishes the rest: ${(error as Error).message}`);
    }
  }
}
