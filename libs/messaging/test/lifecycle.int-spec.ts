import { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { errorQueueName, EVENTS_EXCHANGE, messagingEntities, messagingMigrations, newMessageId } from '../src';
import { createTestDatabase, dataSourceOptions, migrateDatabase, TestDatabase } from '@loyalty/persistence';
import { BrokerProbe, freePort, TEST_RABBITMQ_URL, waitFor } from '@loyalty/testing';
import { spawnTs } from '@loyalty/testing';

const MESSAGES = 400;
const QUEUE = BrokerProbe.uniqueName('test.draining');
const ROUTING_KEY = `${QUEUE}.work`;
const GRACE_MS = 25_000;

describe('SIGTERM while a service handles a stream of messages', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let probe: BrokerProbe;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('messaging_lifecycle');
    await migrateDatabase({ url: database.url, entities: messagingEntities, migrations: messagingMigrations });
    dataSource = new DataSource(dataSourceOptions({ url: database.url, entities: messagingEntities, migrations: [] }));
    await dataSource.initialize();
    await dataSource.query('CREATE TABLE handled (message_id text NOT NULL)');
    probe = await BrokerProbe.connect();
  });

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await probe?.deleteQueues(QUEUE, errorQueueName(QUEUE), ...[1, 5, 30, 120, 600].map((delay) => `${QUEUE}.delay.${delay}s`));
    await probe?.close();
    await dataSource?.destroy();
    await database?.drop();
  });

  const startService = async (): Promise<ChildProcess> => {
    const child = spawnTs(join(__dirname, 'support/draining-service.ts'), {
      DATABASE_URL: database.url,
      RABBITMQ_URL: TEST_RABBITMQ_URL,
      PORT: String(await freePort()),
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
      TEST_QUEUE: QUEUE,
      TEST_ROUTING_KEY: ROUTING_KEY,
      SHUTDOWN_TIMEOUT_MS: String(GRACE_MS),
    }).child;
    children.push(child);
    return child;
  };
  const count = async (sql: string): Promise<number> => (await dataSource.query(sql))[0].count;

  it('stops taking work, finishes in-flight handlers, flushes the outbox and exits 0; nothing lost or handled twice', async () => {
    const followUps = await probe.bindTemporaryQueue(EVENTS_EXCHANGE, [`${ROUTING_KEY}.done`]);
    const first = await startService();
    // The service declares its queue on start; publish once it is there so nothing is unroutable.
    await waitFor(() => probe.exists(QUEUE), { timeoutMs: 30_000, description: 'the service queue' });
    for (let index = 0; index < MESSAGES; index += 1) {
      await probe.publishRaw(EVENTS_EXCHANGE, ROUTING_KEY, JSON.stringify({ name: `job-${index}` }), {
        messageId: newMessageId(),
        persistent: true,
      });
    }

    await waitFor(async () => (await count('SELECT count(*)::int AS count FROM handled')) >= 50, {
      timeoutMs: 30_000,
      description: 'the service to be busy',
    });
    const signalledAt = Date.now();
    first.kill('SIGTERM');
    const [exitCode] = await once(first, 'exit');
    expect(exitCode).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(GRACE_MS);

    const handledBeforeRestart = await count('SELECT count(*)::int AS count FROM handled');
    expect(handledBeforeRestart).toBeLessThan(MESSAGES);
    // Every follow-up event of what was handled left the outbox before the process exited.
    expect(await count('SELECT count(*)::int AS count FROM outbox_message WHERE sent_at IS NULL')).toBe(0);

    const second = await startService();
    await waitFor(async () => (await count('SELECT count(*)::int AS count FROM handled')) === MESSAGES, {
      timeoutMs: 60_000,
      intervalMs: 200,
      description: 'the restarted service to handle the rest',
    });
    second.kill('SIGTERM');
    const [secondExit] = await once(second, 'exit');
    expect(secondExit).toBe(0);

    expect(await count('SELECT count(DISTINCT message_id)::int AS count FROM handled')).toBe(MESSAGES);
    expect(await count('SELECT count(*)::int AS count FROM handled')).toBe(MESSAGES);
    let followUpCount = 0;
    await waitFor(
      async () => {
        followUpCount += (await probe.drain(followUps)).length;
        return followUpCount >= MESSAGES;
      },
      { description: `${MESSAGES} follow-up events` },
    );
    expect(followUpCount).toBe(MESSAGES);
  }, 120_000);
});
