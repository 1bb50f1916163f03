/**
 * Outbox relay throughput (SPEC §7: ≥ 5,000 events/s into RabbitMQ from one process).
 *
 *   npm run bench:outbox            (EVENTS=50000 by default)
 *
 * Fills a fresh database's outbox with EVENTS rows, then measures how long the relay takes to
 * publish them all with publisher confirms, against a baseline that awaits each confirm before
 * sending the next message (what "one await per message" costs). Both publish persistent
 * messages to a queue bound for the purpose, which is deleted afterwards.
 */
import 'reflect-metadata';
import { AmqpConnection } from '@golevelup/nestjs-rabbitmq';
import { DataSource } from 'typeorm';
import {
  amqpOutboxPublisher,
  EVENTS_EXCHANGE,
  exchangeTopology,
  messagingEntities,
  messagingMigrations,
  OutboxPublisher,
  OutboxRelay,
} from '@loyalty/messaging';
import { createTestDatabase, dataSourceOptions, migrateDatabase } from '@loyalty/persistence';
import { BrokerProbe, TEST_RABBITMQ_URL } from '@loyalty/testing';

const EVENTS = Number(process.env['EVENTS'] ?? 50_000);

async function fillOutbox(dataSource: DataSource, routingKey: string): Promise<void> {
  await dataSource.query('TRUNCATE outbox_message');
  await dataSource.query(
    `INSERT INTO outbox_message (message_id, exchange, routing_key, message_type, payload)
     SELECT md5(n::text || clock_timestamp()::text), $1, $2, 'BenchEvent',
            json_build_object('customerInfo', json_build_object('customerId', n, 'accountgroupId', n::text), 'eventCode', 'BenchEvent')::text
       FROM generate_series(1, $3) AS n`,
    [EVENTS_EXCHANGE, routingKey, EVENTS],
  );
}

/** Publishes until no unsent row is left; returns events per second. */
async function measure(dataSource: DataSource, publisher: OutboxPublisher, batchSize: number): Promise<number> {
  const relay = new OutboxRelay(dataSource, publisher, { batchSize, pollIntervalMs: 10, retentionHours: 24 });
  const started = process.hrtime.bigint();
  while ((await relay.publishBatch()) > 0) {
    // keep going until the outbox is empty
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return EVENTS / seconds;
}

async function main(): Promise<void> {
  const database = await createTestDatabase('bench_outbox');
  const probe = await BrokerProbe.connect();
  const queue = BrokerProbe.uniqueName('bench.outbox');
  const routingKey = `${queue}.event`;
  await probe.channel.assertQueue(queue, { durable: true });
  await probe.channel.bindQueue(queue, EVENTS_EXCHANGE, routingKey);
  const amqp = new AmqpConnection({
    uri: TEST_RABBITMQ_URL,
    exchanges: exchangeTopology(),
    connectionInitOptions: { wait: true, timeout: 10_000, reject: true },
  });
  await amqp.init();
  await migrateDatabase({ url: database.url, entities: messagingEntities, migrations: messagingMigrations });
  const dataSource = new DataSource(dataSourceOptions({ url: database.url, entities: messagingEntities, migrations: [] }));
  await dataSource.initialize();
  try {
    const pipelined = amqpOutboxPublisher(amqp);
    // Baseline: the same publisher, but the next message waits for the previous confirm.
    let chain: Promise<void> = Promise.resolve();
    const sequential: OutboxPublisher = {
      publish: (message) => (chain = chain.then(() => pipelined.publish(message))),
    };

    await fillOutbox(dataSource, routingKey);
    const relayRate = await measure(dataSource, pipelined, 500);
    await probe.channel.purgeQueue(queue);
    await fillOutbox(dataSource, routingKey);
    const baselineRate = await measure(dataSource, sequential, 500);

    console.log(`outbox relay, ${EVENTS} persistent events with publisher confirms, one process`);
    console.log(`  relay (pipelined confirms, batches of 500): ${relayRate.toFixed(0)} events/s`);
    console.log(`  baseline (one await per message):           ${baselineRate.toFixed(0)} events/s`);
    console.log(`  ratio: ${(relayRate / baselineRate).toFixed(1)}x   target: >= 5000 events/s -> ${relayRate >= 5000 ? 'met' : 'NOT met'}`);
  } finally {
    await probe.deleteQueues(queue);
    await probe.close();
    await amqp.close();
    await dataSource.destroy();
    await database.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
