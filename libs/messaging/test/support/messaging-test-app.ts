import { INestApplication, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { IsOptional, IsString } from 'class-validator';
import { BrokerReadinessCheck, MessagingModule, MessagingOptions, messagingEntities, messagingMigrations } from '../../src';
import { DatabaseReadinessCheck, migrateDatabase, PersistenceModule } from '@loyalty/persistence';
import { HealthModule } from '@loyalty/runtime';
import { TEST_RABBITMQ_URL } from '@loyalty/testing';

/** The contract of the test events: a required string, so a message without it is invalid. */
export class TestEvent {
  @IsString()
  name: string;

  @IsOptional()
  @IsString()
  note?: string;
}

/** Boots a Nest app with a real database and broker around the given consumer providers. */
export async function startMessagingApp(
  databaseUrl: string,
  providers: Type[],
  options: Partial<MessagingOptions> = {},
): Promise<INestApplication> {
  await migrateDatabase({ url: databaseUrl, entities: messagingEntities, migrations: messagingMigrations });
  const moduleRef = await Test.createTestingModule({
    imports: [
      PersistenceModule.forRoot({ url: databaseUrl, entities: messagingEntities, migrations: messagingMigrations }),
      MessagingModule.forRoot({
        serviceName: 'messaging-test',
        url: TEST_RABBITMQ_URL,
        waitForBroker: true,
        retryDelaysSeconds: [1, 1, 2],
        outboxRelay: { pollIntervalMs: 50 },
        ...options,
      }),
      HealthModule.register({ checks: [BrokerReadinessCheck, DatabaseReadinessCheck] }),
    ],
    providers,
  }).compile();
  const app = moduleRef.createNestApplication({ logger: ['error'] });
  app.enableShutdownHooks();
  await app.init();
  return app;
}
