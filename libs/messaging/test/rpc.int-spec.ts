import { Injectable, INestApplication } from '@nestjs/common';
import { IsInt, Min } from 'class-validator';
import { RPC_EXCHANGE, RpcClient, RpcFault, RpcHandler, rpcQueueName, RpcTimeoutError } from '../src';
import { createTestDatabase, TestDatabase } from '@loyalty/persistence';
import { currentContext, RequestContext, runWithContext } from '@loyalty/runtime';
import { BrokerProbe } from '@loyalty/testing';
import { startMessagingApp } from './support/messaging-test-app';

const ROUTING_KEY = BrokerProbe.uniqueName('test.rpc.double');
const UNSERVED_KEY = BrokerProbe.uniqueName('test.rpc.unserved');

class DoubleRequest {
  @IsInt()
  @Min(0)
  value: number;
}

@Injectable()
class DoublingServer {
  calls = 0;
  lastContext: RequestContext | undefined;

  @RpcHandler({ routingKey: ROUTING_KEY, request: DoubleRequest })
  async double(request: DoubleRequest): Promise<{ doubled: number }> {
    this.calls += 1;
    this.lastContext = currentContext();
    if (request.value === 13) throw new RpcFault('UnluckyNumber', 'Thirteen is not served', { value: 13 });
    if (request.value === 500) throw new Error('connection refused to 10.0.0.5: SELECT secret FROM vault');
    return { doubled: request.value * 2 };
  }
}

describe('RPC over RabbitMQ', () => {
  let database: TestDatabase;
  let app: INestApplication;
  let client: RpcClient;
  let probe: BrokerProbe;

  beforeAll(async () => {
    database = await createTestDatabase('messaging_rpc');
    app = await startMessagingApp(database.url, [DoublingServer], { outboxRelay: false });
    client = app.get(RpcClient);
    probe = await BrokerProbe.connect();
  });

  afterAll(async () => {
    await app?.close();
    await probe?.deleteQueues(rpcQueueName(ROUTING_KEY), rpcQueueName(UNSERVED_KEY));
    await probe?.close();
    await database?.drop();
  });

  it('returns the typed result', async () => {
    await expect(client.call(ROUTING_KEY, { value: 21 })).resolves.toEqual({ doubled: 42 });
  });

  it('carries the caller\'s correlation id and trace into the handler', async () => {
    const traceId = '12'.repeat(16);
    await runWithContext({ correlationId: 'corr-rpc-7', traceparent: `00-${traceId}-${'34'.repeat(8)}-01` }, () =>
      client.call(ROUTING_KEY, { value: 2 }),
    );
    const seen = app.get(DoublingServer).lastContext;
    expect(seen?.correlationId).toBe('corr-rpc-7');
    // Same trace, new span for the handler.
    expect(seen?.traceparent).toMatch(new RegExp(`^00-${traceId}-(?!${'34'.repeat(8)})[0-9a-f]{16}-01$`));
  });

  it('returns a typed error thrown by the handler', async () => {
    const error = await client.call(ROUTING_KEY, { value: 13 }).catch((caught) => caught);
    expect(error).toBeInstanceOf(RpcFault);
    expect(error).toMatchObject({ code: 'UnluckyNumber', message: 'Thirteen is not served', details: { value: 13 } });
  });

  it('rejects an invalid request without calling the handler', async () => {
    const before = app.get(DoublingServer).calls;
    const error = await client.call(ROUTING_KEY, { value: 'seven' }).catch((caught) => caught);
    expect(error).toMatchObject({ code: 'ValidationFailed' });
    expect(JSON.stringify(error.details)).toContain('value');
    expect(app.get(DoublingServer).calls).toBe(before);
  });

  it('answers an unexpected failure with an internal error that reveals nothing, and keeps serving', async () => {
    const error = await client.call(ROUTING_KEY, { value: 500 }).catch((caught) => caught);
    expect(error).toMatchObject({ code: 'InternalError' });
    expect(error.message).toMatch(/^Internal error [0-9a-f]{32}$/);
    await expect(client.call(ROUTING_KEY, { value: 1 })).resolves.toEqual({ doubled: 2 });
  });

  it('times out, and the expired request is never delivered later', async () => {
    const queue = rpcQueueName(UNSERVED_KEY);
    await probe.channel.assertQueue(queue, { durable: true });
    await probe.channel.bindQueue(queue, RPC_EXCHANGE, UNSERVED_KEY);

    const error = await client.call(UNSERVED_KEY, { value: 1 }, 300).catch((caught) => caught);
    expect(error).toBeInstanceOf(RpcTimeoutError);
    // The request carries expiration = timeout; once that much time has passed since it was sent,
    // the broker discards it instead of handing it to a server that starts late.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await probe.channel.get(queue, { noAck: true })).toBe(false);
  });
});
