import { Injectable, INestApplication } from '@nestjs/common';
import { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { ConsumeEvents, errorQueueName, HandlerContext } from '../src';
import { createTestDatabase, TestDatabase } from '@loyalty/persistence';
import { BrokerProbe, TEST_RABBITMQ_URL, waitFor } from '@loyalty/testing';
import { startMessagingApp, TestEvent } from './support/messaging-test-app';
import { spawnTs } from '@loyalty/testing';

const ROWS = 10_000;
const QUEUE = BrokerProbe.uniqueName('test.relay-crash');
const ROUTING_KEY = `${QUEUE}.event`;

@Injectable()
class CountingConsumer {
  readonly timesHandled = new Map<string, number>();

  @ConsumeEvents({ queue: QUEUE, routingKeys: [ROUTING_KEY], contract: TestEvent })
  async handle(_event: TestEvent, context: HandlerContext): Promise<void> {
    this.timesHandled.set(context.messageId, (this.timesHandled.get(context.messageId) ?? 0) + 1);
  }
}

function startRelay(databaseUrl: string): ChildProcess {
  return spawnTs(join(__dirname, 'support/relay-process.ts'), {
    DATABASE_URL: databaseUrl,
    RABBITMQ_URL: TEST_RABBITMQ_URL,
    RELAY_BATCH_SIZE: '100',
  }).child;
}

describe('outbox relay killed with SIGKILL mid-publish', () => {
  let database: TestDatabase;
  let app: INestApplication;
  let probe: BrokerProbe;
  let dataSource: DataSource;
  const relays: ChildProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('messaging_relay_crash');
    // This app only consumes: its own relay is off so the child process is the only publisher.
    app = await startMessagingApp(database.url, [CountingConsumer], { outboxRelay: false });
    probe = await BrokerProbe.connect();
    dataSource = app.get(DataSource);
  });

  afterAll(async () => {
    for (const relay of relays) relay.kill('SIGKILL');
    await app?.close();
    await probe?.deleteQueues(QUEUE, errorQueueName(QUEUE), `${QUEUE}.delay.1s`, `${QUEUE}.delay.2s`);
    await probe?.close();
    await database?.drop();
  });

  const sentCount = async (): Promise<number> =>
    (await dataSource.query('SELECT count(*)::int AS count FROM outbox_message WHERE sent_at IS NOT NULL'))[0].count;

  it('publishes every row after a restart, and the consumer handles each messageId once', async () => {
    await dataSource.query(
      `INSERT INTO outbox_message (message_id, exchange, routing_key, message_type, payload)
       SELECT md5(n::text || clock_timestamp()::text), 'loyalty.events', $1, 'TestBulk',
              json_build_object('name', 'bulk-' || n)::text
         FROM generate_series(1, $2) AS n`,
      [ROUTING_KEY, ROWS],
    );
    // The payloads carry no externalId: message ids travel in the AMQP messageId property.
    const expectedIds: string[] = (await dataSource.query('SELECT message_id FROM outbox_message')).map(
      (row: { message_id: string }) => row.message_id,
    );

    const first = startRelay(database.url);
    relays.push(first);
    await waitFor(async () => (await sentCount()) >= 1000, { timeoutMs: 60_000, intervalMs: 5, description: 'the relay to get going' });
    first.kill('SIGKILL');
    await once(first, 'exit');
    const sentAtKill = await sentCount();
    expect(sentAtKill).toBeLessThan(ROWS);

    const second = startRelay(database.url);
    relays.push(second);
    await waitFor(async () => (await sentCount()) === ROWS, { timeoutMs: 120_000, intervalMs: 200, description: 'every row sent' });

    const consumer = app.get(CountingConsumer);
    await waitFor(() => expectedIds.every((id) => consumer.timesHandled.has(id)), {
      timeoutMs: 120_000,
      intervalMs: 200,
      description: 'the consumer to see every message',
    });
    expect(consumer.timesHandled.size).toBe(ROWS);
    expect([...consumer.timesHandled.values()].every((times) => times === 1)).toBe(true);
    second.kill('SIGTERM');
  }, 300_000);
});
