import { Injectable, INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  ConsumeEvents,
  errorQueueName,
  EVENTS_EXCHANGE,
  HandlerContext,
  messagingMetrics,
  newMessageId,
  Outbox,
  replayErrorQueue,
} from '../src';
import { createTestDatabase, TestDatabase } from '@loyalty/persistence';
import { BrokerProbe, ReceivedMessage, waitFor } from '@loyalty/testing';
import { startMessagingApp, TestEvent } from './support/messaging-test-app';

const QUEUE = BrokerProbe.uniqueName('test.consumer');
const ROUTING_KEY = `${QUEUE}.happened`;

@Injectable()
class RecordingConsumer {
  readonly handled: string[] = [];
  /** tryCount seen at each attempt, per message id. */
  readonly attempts = new Map<string, number[]>();
  /** Set once the "bug" behind the failures is fixed, before an operator replays the error queue. */
  repaired = false;

  @ConsumeEvents({ queue: QUEUE, routingKeys: [ROUTING_KEY], contract: TestEvent })
  async handle(event: TestEvent, context: HandlerContext): Promise<void> {
    this.attempts.set(context.messageId, [...(this.attempts.get(context.messageId) ?? []), context.tryCount]);
    if (event.name === 'explode' && !this.repaired) throw new Error('boom: the handler refuses this event');
    await context.manager.query('SELECT 1');
    this.handled.push(context.messageId);
  }
}

describe('consumer wrapper: validate → inbox → handle → retry → error queue', () => {
  let database: TestDatabase;
  let app: INestApplication;
  let probe: BrokerProbe;
  let consumer: RecordingConsumer;
  let publish: (name: string) => Promise<string>;

  beforeAll(async () => {
    database = await createTestDatabase('messaging_consumer');
    app = await startMessagingApp(database.url, [RecordingConsumer]);
    probe = await BrokerProbe.connect();
    consumer = app.get(RecordingConsumer);
    const outbox = app.get(Outbox);
    const dataSource = app.get(DataSource);
    publish = (name) =>
      dataSource.transaction((manager) => outbox.add(manager, { routingKey: ROUTING_KEY, eventCode: 'TestHappened', body: { name } }));
  });

  afterAll(async () => {
    await app?.close();
    await probe?.deleteQueues(QUEUE, errorQueueName(QUEUE), `${QUEUE}.delay.1s`, `${QUEUE}.delay.2s`);
    await probe?.close();
    await database?.drop();
  });

  const nextErrorMessage = (): Promise<ReceivedMessage> =>
    waitFor(async () => (await probe.drain(errorQueueName(QUEUE), 1))[0], {
      timeoutMs: 20_000,
      description: 'a message in the error queue',
    });

  it('retries a failing handler with growing tryCount, keeps serving others, then parks it in <queue>.error', async () => {
    const failingId = await publish('explode');
    const goodIds = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((name) => publish(name)));

    // The healthy messages are handled while the failing one waits in its delay queues.
    await waitFor(() => goodIds.every((id) => consumer.handled.includes(id)), { description: 'the healthy messages' });
    expect(consumer.attempts.get(failingId)?.length ?? 0).toBeLessThan(4);

    const parked = await nextErrorMessage();
    expect(parked.raw.properties.messageId).toBe(failingId);
    expect(consumer.attempts.get(failingId)).toEqual([0, 1, 2, 3]);
    expect(parked.body).toMatchObject({ name: 'explode', externalId: failingId, tryCount: 3, delaySecond: 2, toErrorQueue: true });
    expect(parked.raw.properties.deliveryMode).toBe(2);
    expect(parked.raw.properties.headers).toMatchObject({
      'x-error-reason': 'handler-failed',
      'x-original-routing-key': ROUTING_KEY,
    });
    expect(String(parked.raw.properties.headers?.['x-error-message'])).toContain('boom: the handler refuses this event');
    expect(consumer.handled).not.toContain(failingId);
  });

  it('sends an invalid message to the error queue at once, without calling the handler', async () => {
    const messageId = newMessageId();
    await probe.publishRaw(EVENTS_EXCHANGE, ROUTING_KEY, JSON.stringify({ note: 'no name' }), { messageId, persistent: true });

    const parked = await nextErrorMessage();
    expect(parked.raw.properties.messageId).toBe(messageId);
    expect(parked.body).toMatchObject({ note: 'no name', toErrorQueue: true });
    expect(parked.raw.properties.headers?.['x-error-reason']).toBe('validation-failed');
    expect(String(parked.raw.properties.headers?.['x-error-message'])).toMatch(/^name: /);
    expect(consumer.attempts.has(messageId)).toBe(false);
  });

  it('sends a body that is not JSON to the error queue as it came', async () => {
    const messageId = newMessageId();
    await probe.publishRaw(EVENTS_EXCHANGE, ROUTING_KEY, 'definitely { not json', { messageId });

    const parked = await waitFor(async () => (await probe.channel.get(errorQueueName(QUEUE), { noAck: true })) || undefined, {
      description: 'the non-JSON message in the error queue',
    });
    expect(parked.properties.messageId).toBe(messageId);
    expect(parked.content.toString()).toBe('definitely { not json');
    expect(parked.properties.headers?.['x-error-reason']).toBe('invalid-json');
  });

  it('handles a message delivered twice with the same messageId once', async () => {
    const duplicatesBefore = await duplicateCount();
    const messageId = newMessageId();
    const body = JSON.stringify({ name: 'twice', externalId: messageId, tryCount: 0, delaySecond: null, toErrorQueue: false });
    await probe.publishRaw(EVENTS_EXCHANGE, ROUTING_KEY, body, { messageId });
    await probe.publishRaw(EVENTS_EXCHANGE, ROUTING_KEY, body, { messageId });

    await waitFor(async () => (await duplicateCount()) > duplicatesBefore, { description: 'the second delivery to be recognised' });
    expect(consumer.handled.filter((id) => id === messageId)).toHaveLength(1);
  });

  it('replays the error queue into the consumer once the cause is fixed', async () => {
    const failingId = await publish('explode');
    await waitFor(async () => (await probe.depth(errorQueueName(QUEUE))) === 1, { timeoutMs: 20_000, description: 'the parked message' });

    consumer.repaired = true;
    const channel = await probe.confirmChannel();
    expect(await replayErrorQueue(channel, QUEUE)).toBe(1);

    await waitFor(() => consumer.handled.includes(failingId), { description: 'the replayed message to be handled' });
    expect(consumer.attempts.get(failingId)).toEqual([0, 1, 2, 3, 0]);
    expect(await probe.depth(errorQueueName(QUEUE))).toBe(0);
  });

  async function duplicateCount(): Promise<number> {
    const metric = await messagingMetrics.handled.get();
    return metric.values.find((value) => value.labels['queue'] === QUEUE && value.labels['outcome'] === 'duplicate')?.value ?? 0;
  }
});
