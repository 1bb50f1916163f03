import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { EVENTS_EXCHANGE, Outbox } from '../src';
import { createTestDatabase, TestDatabase } from '@loyalty/persistence';
import { BrokerProbe, TcpProxy, waitFor } from '@loyalty/testing';
import { startMessagingApp } from './support/messaging-test-app';

const BROKER_PORT = Number(new URL(process.env['TEST_RABBITMQ_URL'] ?? 'amqp://127.0.0.1:5672').port || 5672);

describe('broker outage', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let app: INestApplication;
  let probe: BrokerProbe;

  beforeAll(async () => {
    database = await createTestDatabase('messaging_outage');
    proxy = await TcpProxy.start(BROKER_PORT);
    app = await startMessagingApp(database.url, [], { url: `amqp://guest:guest@127.0.0.1:${proxy.port}` });
    probe = await BrokerProbe.connect();
  });

  afterAll(async () => {
    await app?.close();
    await proxy?.close();
    await probe?.close();
    await database?.drop();
  });

  const readiness = async (): Promise<{ status: number; body: { checks: Record<string, boolean> } }> => {
    const response = await request(app.getHttpServer()).get('/health/ready');
    return { status: response.status, body: response.body };
  };

  it('turns not-ready while the broker is away, keeps accepting changes, and drains the outbox when it is back', async () => {
    const routingKey = BrokerProbe.uniqueName('test.outage') + '.event';
    const queue = await probe.bindTemporaryQueue(EVENTS_EXCHANGE, [routingKey]);
    expect((await readiness()).status).toBe(200);

    await proxy.cut();
    const down = await waitFor(async () => {
      const current = await readiness();
      return current.status === 503 ? current : undefined;
    }, { description: 'readiness to report the broker down' });
    expect(down.body.checks).toMatchObject({ broker: false, database: true });

    // The database is up, so changes (and their events) are still accepted while the broker is away.
    const dataSource = app.get(DataSource);
    const outbox = app.get(Outbox);
    const ids: string[] = [];
    for (let index = 0; index < 20; index += 1) {
      ids.push(await dataSource.transaction((manager) => outbox.add(manager, { routingKey, eventCode: 'TestOutage', body: { name: `n${index}` } })));
    }
    expect((await dataSource.query('SELECT count(*)::int AS count FROM outbox_message WHERE sent_at IS NULL'))[0].count).toBe(20);

    await proxy.restore();
    await waitFor(async () => (await readiness()).status === 200, { timeoutMs: 20_000, description: 'readiness to recover' });

    const received: string[] = [];
    await waitFor(
      async () => {
        received.push(...(await probe.drain(queue)).map((message) => String(message.raw.properties.messageId)));
        return received.length >= ids.length;
      },
      { timeoutMs: 20_000, description: 'the outbox to drain after the outage' },
    );
    expect(new Set(received)).toEqual(new Set(ids));
  }, 60_000);
});
