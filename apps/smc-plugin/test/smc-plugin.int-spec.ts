import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import {
  INTERNAL_ROUTING_KEYS,
  loadFixture,
  SMC_CUSTOMER_EVENTS_QUEUE,
  SMC_ROUTING_KEYS,
  seedShapeMismatches,
} from '@loyalty/contracts';
import { EVENTS_EXCHANGE, MessagingModule, messagingEntities, messagingMigrations, Outbox, UNROUTED_EXCHANGE } from '@loyalty/messaging';
import { createTestDatabase, migrateDatabase, PersistenceModule, TestDatabase } from '@loyalty/persistence';
import { loadConfig } from '@loyalty/runtime';
import { BrokerProbe, ReceivedMessage, TEST_RABBITMQ_URL, waitFor } from '@loyalty/testing';
import { AppModule } from '../src/app.module';
import { SmcPluginConfig } from '../src/config/smc-plugin.config';
import { SmcQueueService } from '../src/smc-queue/smc-queue.service';

async function startPlugin(enabled: boolean): Promise<INestApplication> {
  const config = loadConfig(SmcPluginConfig, {
    SMC_ENABLED: String(enabled),
    RABBITMQ_URL: TEST_RABBITMQ_URL,
    LOG_LEVEL: 'error',
    SMC_METRICS_INTERVAL_MS: '500',
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
  const app = moduleRef.createNestApplication({ logger: ['error'] });
  await app.init();
  const service = app.get(SmcQueueService);
  await waitFor(() => service.isReady(), { description: 'the SMC bindings to be applied' });
  return app;
}

/** A producing service as the platform's services are: database, outbox and relay. */
async function startProducer(databaseUrl: string): Promise<INestApplication> {
  const database = { url: databaseUrl, entities: messagingEntities, migrations: messagingMigrations };
  await migrateDatabase(database);
  const moduleRef = await Test.createTestingModule({
    imports: [
      PersistenceModule.forRoot(database),
      MessagingModule.forRoot({ serviceName: 'smc-test-producer', url: TEST_RABBITMQ_URL, waitForBroker: true, outboxRelay: { pollIntervalMs: 50 } }),
    ],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: ['error'] });
  await app.init();
  return app;
}

describe('smc-plugin: smc.customerEvents', () => {
  let database: TestDatabase;
  let probe: BrokerProbe;

  beforeAll(async () => {
    database = await createTestDatabase('smc_plugin');
    probe = await BrokerProbe.connect();
  });

  afterAll(async () => {
    await probe?.close();
    await database?.drop();
  });

  describe('while enabled', () => {
    let plugin: INestApplication;
    let producer: INestApplication;

    beforeAll(async () => {
      plugin = await startPlugin(true);
      producer = await startProducer(database.url);
      await probe.channel.purgeQueue(SMC_CUSTOMER_EVENTS_QUEUE);
    });

    afterAll(async () => {
      // golevelup closes every connection of the process on shutdown: stop the producer first.
      await producer?.close();
      await plugin?.close();
    });

    it('delivers every SMC event written to the outbox with every field of its seed model, and no internal event', async () => {
      const outbox = producer.get(Outbox);
      const published = await producer.get(DataSource).transaction(async (manager) => {
        // Internal events go first: had any been routed to SMC, it would arrive before the SMC ones.
        for (const routingKey of INTERNAL_ROUTING_KEYS) {
          await outbox.add(manager, { routingKey, eventCode: 'Internal', body: { note: routingKey } });
        }
        const ids = new Map<string, string>();
        for (const routingKey of SMC_ROUTING_KEYS) {
          const fixture = loadFixture<Record<string, unknown>>(routingKey);
          ids.set(routingKey, await outbox.add(manager, { routingKey, eventCode: String(fixture['eventCode']), body: fixture }));
        }
        return ids;
      });

      // Other services on the same broker may publish too: keep what this test published, and
      // fail on any internal event whoever published it.
      const ours = new Set(published.values());
      const received: ReceivedMessage[] = [];
      await waitFor(
        async () => {
          for (const message of await probe.drain(SMC_CUSTOMER_EVENTS_QUEUE)) {
            expect(INTERNAL_ROUTING_KEYS).not.toContain(message.raw.fields.routingKey);
            if (ours.has(String(message.raw.properties.messageId))) received.push(message);
          }
          return received.length >= SMC_ROUTING_KEYS.length;
        },
        { description: 'the 12 SMC events in smc.customerEvents' },
      );

      expect(received.map((message) => message.raw.fields.routingKey)).toEqual([...SMC_ROUTING_KEYS]);
      for (const message of received) {
        const routingKey = message.raw.fields.routingKey;
        const fixture = loadFixture<Record<string, unknown>>(routingKey as (typeof SMC_ROUTING_KEYS)[number]);
        expect({ routingKey, mismatches: seedShapeMismatches(message.body, fixture) }).toEqual({ routingKey, mismatches: [] });
        expect(message.raw.properties).toMatchObject({
          messageId: published.get(routingKey),
          type: fixture['eventCode'],
          contentType: 'application/json',
          deliveryMode: 2,
        });
        expect(message.body).toMatchObject({ externalId: published.get(routingKey), tryCount: 0, delaySecond: null, toErrorQueue: false });
        expect(message.raw.properties.headers?.['traceparent']).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/);
      }
    });

    it('reports depth and consumers without consuming the queue itself', async () => {
      await probe.channel.sendToQueue(SMC_CUSTOMER_EVENTS_QUEUE, Buffer.from('{}'));
      const status = await waitFor(
        async () => {
          const current = await plugin.get(SmcQueueService).status();
          return current.messages === 1 ? current : undefined;
        },
        { description: 'the status to show one waiting message' },
      );
      expect(status).toMatchObject({ enabled: true, bindingsApplied: true, consumers: 0, queue: SMC_CUSTOMER_EVENTS_QUEUE });

      const metrics = await request(plugin.getHttpServer()).get('/metrics');
      expect(metrics.status).toBe(200);
      expect(metrics.text).toMatch(/^smc_queue_messages(\{[^}]*\})? 1$/m);
      expect(metrics.text).toMatch(/^smc_queue_consumers(\{[^}]*\})? 0$/m);
      const ready = await request(plugin.getHttpServer()).get('/health/ready');
      expect(ready.status).toBe(200);
      await probe.channel.purgeQueue(SMC_CUSTOMER_EVENTS_QUEUE);
    });
  });

  it('unbinds when disabled, keeping the backlog, and binds again when re-enabled', async () => {
    const publishBegin = (): Promise<void> =>
      probe.publishRaw(EVENTS_EXCHANGE, 'customer.registration.begin', JSON.stringify(loadFixture('customer.registration.begin')));

    let plugin = await startPlugin(true);
    await probe.channel.purgeQueue(SMC_CUSTOMER_EVENTS_QUEUE);
    await publishBegin();
    await waitFor(async () => (await probe.depth(SMC_CUSTOMER_EVENTS_QUEUE)) === 1, { description: 'one event in the backlog' });
    await plugin.close();

    plugin = await startPlugin(false);
    const unroutedTap = await probe.bindTemporaryQueue(UNROUTED_EXCHANGE, ['']);
    await publishBegin();
    // Unbound, the event is unroutable and lands in the alternate exchange; the backlog stays as it was.
    await waitFor(async () => (await probe.drain(unroutedTap)).length === 1, { description: 'the event in loyalty.unrouted' });
    expect(await probe.depth(SMC_CUSTOMER_EVENTS_QUEUE)).toBe(1);
    expect(await plugin.get(SmcQueueService).status()).toMatchObject({ enabled: false, bindingsApplied: true });
    await plugin.close();

    plugin = await startPlugin(true);
    await publishBegin();
    await waitFor(async () => (await probe.depth(SMC_CUSTOMER_EVENTS_QUEUE)) === 2, { description: 'the new event next to the backlog' });
    await plugin.close();
    await probe.channel.purgeQueue(SMC_CUSTOMER_EVENTS_QUEUE);
  });
});
