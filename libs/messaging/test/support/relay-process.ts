/**
 * A bare outbox relay in its own process, so a test can SIGKILL it mid-batch.
 * Env: DATABASE_URL, RABBITMQ_URL, RELAY_BATCH_SIZE.
 */
import 'reflect-metadata';
import { AmqpConnection } from '@golevelup/nestjs-rabbitmq';
import { DataSource } from 'typeorm';
import { amqpOutboxPublisher, exchangeTopology, messagingEntities, OutboxRelay } from '../../src';
import { dataSourceOptions } from '@loyalty/persistence';

async function main(): Promise<void> {
  const dataSource = new DataSource(
    dataSourceOptions({ url: process.env['DATABASE_URL'] as string, entities: messagingEntities, migrations: [] }),
  );
  await dataSource.initialize();
  const amqp = new AmqpConnection({
    uri: process.env['RABBITMQ_URL'] as string,
    exchanges: exchangeTopology(),
    defaultPublishOptions: { persistent: true },
    connectionInitOptions: { wait: true, timeout: 10_000, reject: true },
  });
  await amqp.init();
  const relay = new OutboxRelay(dataSource, amqpOutboxPublisher(amqp), {
    batchSize: Number(process.env['RELAY_BATCH_SIZE'] ?? 100),
    pollIntervalMs: 50,
    retentionHours: 24,
  });
  relay.start();
  process.stdout.write('relay started\n');
}

main().catch((error) => {
  process.stderr.write(`relay failed: ${error}\n`);
  process.exit(1);
});
