/**
 * A minimal service for lifecycle tests, started as a real process through bootstrapService.
 * It consumes TEST_QUEUE, records each handled message in `handled`, and publishes a follow-up
 * event `<routing key>.done` through the outbox, taking a little time per message.
 */
import 'reflect-metadata';
import { DynamicModule, Injectable, Module } from '@nestjs/common';
import { IsString } from 'class-validator';
import { BaseServiceConfig, bootstrapService, HealthModule, MetricsModule, ServiceConfigModule } from '@loyalty/runtime';
import { DatabaseReadinessCheck, PersistenceModule } from '@loyalty/persistence';
import {
  BrokerReadinessCheck,
  ConsumeEvents,
  HandlerContext,
  MessagingModule,
  messagingEntities,
  messagingMigrations,
  Outbox,
} from '../../src';
import { TestEvent } from './messaging-test-app';

const QUEUE = process.env['TEST_QUEUE'] as string;
const ROUTING_KEY = process.env['TEST_ROUTING_KEY'] as string;
const WORK_MS = Number(process.env['TEST_WORK_MS'] ?? 20);

class DrainingServiceConfig extends BaseServiceConfig {
  @IsString()
  DATABASE_URL: string;
}

@Injectable()
class SlowConsumer {
  constructor(private readonly outbox: Outbox) {}

  @ConsumeEvents({ queue: QUEUE, routingKeys: [ROUTING_KEY], contract: TestEvent })
  async handle(event: TestEvent, context: HandlerContext): Promise<void> {
    await context.manager.query('INSERT INTO handled (message_id) VALUES ($1)', [context.messageId]);
    await this.outbox.add(context.manager, { routingKey: `${ROUTING_KEY}.done`, eventCode: 'TestDone', body: { name: event.name } });
    await new Promise((resolve) => setTimeout(resolve, WORK_MS));
  }
}

@Module({})
class DrainingServiceModule {
  static forRoot(config: DrainingServiceConfig): DynamicModule {
    return {
      module: DrainingServiceModule,
      imports: [
        ServiceConfigModule.forRoot(config),
        MetricsModule.forRoot({ serviceName: 'draining-service' }),
        PersistenceModule.forRoot({ url: config.DATABASE_URL, entities: messagingEntities, migrations: messagingMigrations }),
        MessagingModule.forRoot({ serviceName: 'draining-service', url: config.RABBITMQ_URL, outboxRelay: { pollIntervalMs: 50 } }),
        HealthModule.register({ checks: [BrokerReadinessCheck, DatabaseReadinessCheck] }),
      ],
      providers: [SlowConsumer],
    };
  }
}

void bootstrapService({
  serviceName: 'draining-service',
  config: DrainingServiceConfig,
  module: (config) => DrainingServiceModule.forRoot(config),
});
