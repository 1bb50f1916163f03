import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EVENTS_EXCHANGE, Outbox, UNROUTED_EXCHANGE } from '../src';
import { createTestDatabase, TestDatabase } from '@loyalty/persistence';
import { runWithContext } from '@loyalty/runtime';
import { BrokerProbe, ReceivedMessage, waitFor } from '@loyalty/testing';
import { startMessagingApp } from './support/messaging-test-app';

describe('outbox → loyalty.events', () => {
  let database: TestDatabase;
  let app: INestApplication;
  let probe: BrokerProbe;
  let outbox: Outbox;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase('messaging_outbox');
    app = await startMessagingApp(database.url, []);
    probe = await BrokerProbe.connect();
    outbox = app.get(Outbox);
    dataSource = app.get(DataSource);
  });

  afterAll(async () => {
    await app?.close();
    await probe?.close();
    await database?.drop();
  });

  const receive = (queue: string, count: number): Promise<ReceivedMessage[]> => {
    const received: ReceivedMessage[] = [];
    return waitFor(
      async () => {
        received.push(...(await probe.drain(queue)));
        return received.length >= count ? received : undefined;
      },
      { description: `${count} message(s) on ${queue}` },
    );
  };

  it('publishes a committed event as a persistent message carrying its id, type and trace headers', async () => {
    const routingKey = BrokerProbe.uniqueName('test.outbox') + '.created';
    const queue = await probe.bindTemporaryQueue(EVENTS_EXCHANGE, [routingKey]);
    const traceId = 'ab'.repeat(16);

    const messageId = await runWithContext(
      { correlationId: 'corr-outbox-1', traceparent: `00-${traceId}-${'cd'.repeat(8)}-01` },
      () => dataSource.transaction((manager) => outbox.add(manager, { routingKey, eventCode: 'TestCreated', body: { name: 'a' } })),
    );

    const [message] = await receive(queue, 1);
    expect(messageId).toMatch(/^[0-9a-f]{32}$/);
    expect(message.body).toEqual({ name: 'a', externalId: messageId, tryCount: 0, delaySecond: null, toErrorQueue: false });
    expect(message.raw.properties).toMatchObject({
      messageId,
      type: 'TestCreated',
      contentType: 'application/json',
      deliveryMode: 2,
    });
    expect(typeof message.raw.properties.timestamp).toBe('number');
    expect(message.raw.properties.headers?.['x-correlation-id']).toBe('corr-outbox-1');
    expect(message.raw.properties.headers?.['traceparent']).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    const [row] = await dataSource.query('SELECT sent_at FROM outbox_message WHERE message_id = $1', [messageId]);
    expect(row.sent_at).not.toBeNull();
  });

  it('publishes nothing when the transaction rolls back', async () => {
    const routingKey = BrokerProbe.uniqueName('test.outbox') + '.rollback';
    const queue = await probe.bindTemporaryQueue(EVENTS_EXCHANGE, [routingKey]);

    await expect(
      dataSource.transaction(async (manager) => {
        await outbox.add(manager, { routingKey, eventCode: 'TestRolledBack', body: { name: 'lost' } });
        throw new Error('business rule failed after the event was written');
      }),
    ).rejects.toThrow('business rule failed');
    // A later committed event on the same key proves the relay has passed the rolled-back one.
    await dataSource.transaction((manager) => outbox.add(manager, { routingKey, eventCode: 'TestCommitted', body: { name: 'kept' } }));

    const messages = await receive(queue, 1);
    expect(messages.map((message) => message.body['name'])).toEqual(['kept']);
    const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM outbox_message WHERE payload LIKE '%lost%'`);
    expect(count).toBe(0);
  });

  it('refuses to write an event outside a transaction', async () => {
    await expect(outbox.add(dataSource.manager, { routingKey: 'test.x', eventCode: 'X', body: {} })).rejects.toThrow(
      /inside the transaction/,
    );
  });

  it('keeps an event nobody is bound to in loyalty.unrouted instead of dropping it', async () => {
    const routingKey = BrokerProbe.uniqueName('test.nobody') + '.listens';
    const unroutedTap = await probe.bindTemporaryQueue(UNROUTED_EXCHANGE, ['']);

    const messageId = await dataSource.transaction((manager) =>
      outbox.add(manager, { routingKey, eventCode: 'TestUnrouted', body: { name: 'orphan' } }),
    );

    const found = await waitFor(
      async () => (await probe.drain(unroutedTap)).find((message) => message.raw.properties.messageId === messageId),
      { description: 'the unrouted event in loyalty.unrouted' },
    );
    expect(found.raw.fields.routingKey).toBe(routingKey);
    expect(await probe.exists('loyalty.unrouted')).toBe(true);
  });
});
