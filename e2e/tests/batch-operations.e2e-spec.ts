import { PROCESSING_MEMBERS_RESOLVE, ProcessingRpc } from '@loyalty/contracts';
import { createTestDatabase, TestDatabase } from '@loyalty/persistence';
import { freePort, spawnTs, SpawnedProcess, TEST_RABBITMQ_URL, waitFor, WORKSPACE_ROOT } from '@loyalty/testing';
import { RPC_EXCHANGE } from '@loyalty/messaging';
import { AmqpConnection } from '@golevelup/nestjs-rabbitmq';
import { once } from 'node:events';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Api } from '../support/http-client';
import { Platform } from '../support/platform';
import { adminToken, importCards, newCardNumber, newPhone } from '../support/registration-helpers';

// SPEC §3.6 through the gateway: the real gateway, registration, cards, processing and
// batch-operations apps. Members register over HTTP and take an imported card (Cards/Set); the
// cards service's link event is how processing learns the card number used as memberNo.

const ACCEPTED = 'Операция выполнена успешно';

/** The batch-operations app next to the platform: a child process with its own test database. */
class BatchService {
  private process: SpawnedProcess | null = null;

  private constructor(
    private readonly database: TestDatabase,
    private readonly env: Record<string, string>,
  ) {}

  static async start(): Promise<BatchService> {
    const database = await createTestDatabase('e2e_batch_operations');
    const env = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      RABBITMQ_URL: TEST_RABBITMQ_URL,
      DATABASE_URL: database.url,
      PORT: String(await freePort()),
      BATCH_WORKER_POLL_MS: '100',
    };
    const service = new BatchService(database, env);
    const migration = spawnTs(join(WORKSPACE_ROOT, 'apps/batch-operations/src/migrate.ts'), env);
    const [code] = await once(migration.child, 'exit');
    if (code !== 0) throw new Error(`Migrating batch-operations failed:\n${migration.output()}`);
    service.process = spawnTs(join(WORKSPACE_ROOT, 'apps/batch-operations/src/main.ts'), env);
    const child = service.process.child;
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`batch-operations exited:\n${service.process?.output()}`);
        return (await fetch(`http://127.0.0.1:${env.PORT}/health/ready`).catch(() => null))?.status === 200;
      },
      { timeoutMs: 60_000, intervalMs: 100, description: 'batch-operations to become ready' },
    );
    return service;
  }

  async stop(): Promise<void> {
    const child = this.process?.child;
    if (child && child.exitCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }
    await this.database.drop().catch(() => undefined);
  }
}

interface Member {
  token: string;
  cardNumber: string;
}

function seedRequest(type: 2 | 3 | 4 | 5, requestId: string, memberNo: string) {
  const item = { memberNo, Description: 'string', operationDate: '2013-08-14 12:26:14', merchantName: ' merchantName', transactionAmount: 152246.54, pointsAmount: 1522.46 };
  return {
    requestId,
    type,
    accrueDescription: 'string',
    currencyExternalId: 'string',
    lifeTimeDefinitionExternalId: 'string',
    accrue: [item, { ...item }, { ...item }],
  };
}

describe('batch balance operations through the gateway', () => {
  let platform: Platform;
  let batch: BatchService;
  let api: Api;
  let admin: string;
  const members: Member[] = [];

  beforeAll(async () => {
    [platform, batch] = await Promise.all([Platform.start({ with: ['processing'] }), BatchService.start()]);
    api = new Api(platform.gatewayUrl);
    admin = await adminToken(api);
    const cards = [newCardNumber(), newCardNumber()];
    await importCards(api, cards, 1);
    for (const cardNumber of cards) {
      const begun = await api.post<{ authToken: string }>('/api/v1/Registration/BeginRegistration', { json: { login: newPhone(), password: '' } });
      if (begun.status !== 200) throw new Error(`BeginRegistration: ${begun.status} ${JSON.stringify(begun.body)}`);
      const token = begun.body.data.authToken;
      const set = await api.post('/api/v1/Cards/Set', { token, json: { cardNumber } });
      if (set.status !== 200) throw new Error(`Cards/Set: ${set.status} ${JSON.stringify(set.body)}`);
      members.push({ token, cardNumber });
    }
    // The seed's examples name the currency and the lifetime "string": registered the way the
    // System API does it (processing's registry RPCs).
    const amqp = new AmqpConnection({ uri: TEST_RABBITMQ_URL, connectionInitOptions: { wait: true, timeout: 10_000, reject: true } });
    await amqp.init();
    try {
      const call = async (routingKey: string, payload: object) => {
        const reply = await amqp.request<{ ok: boolean }>({ exchange: RPC_EXCHANGE, routingKey, payload, timeout: 5000 });
        if (!reply.ok) throw new Error(`${routingKey}: ${JSON.stringify(reply)}`);
      };
      await call(ProcessingRpc.PutCurrency, {
        externalId: 'string',
        name: 'Баллы',
        nameCases: { nominative: 'балл', genitive: 'балла', plural: 'баллов', abbreviation: 'б.' },
      });
      await call(ProcessingRpc.PutLifetime, { externalId: 'string', name: 'Год', durationDays: 365 });
      // Processing learns the cards from the cards service's link events, a moment after Cards/Set.
      await waitFor(
        async () => {
          const reply = await amqp.request<{ ok: boolean; data?: { unknown: string[] } }>({
            exchange: RPC_EXCHANGE,
            routingKey: PROCESSING_MEMBERS_RESOLVE,
            payload: { memberNos: cards },
            timeout: 5000,
          });
          return reply.ok && reply.data?.unknown.length === 0;
        },
        { timeoutMs: 30_000, intervalMs: 200, description: 'processing to know the members’ cards' },
      );
    } finally {
      await amqp.managedConnection.close();
    }
  }, 180_000);

  afterAll(async () => {
    await batch?.stop();
    await platform?.stop();
  });

  const submit = (body: object) => api.post('/api/v1/batch-operations', { token: admin, json: body });
  const progress = (requestId: string) => api.get<Record<string, unknown>>(`/api/v1/batch-operations/${requestId}`, { token: admin });

  async function finished(requestId: string) {
    return waitFor(
      async () => {
        const response = await progress(requestId);
        return ['Processed', 'ProcessedWithError'].includes(response.body.data['state'] as string) && response.body.data;
      },
      { timeoutMs: 30_000, intervalMs: 100, description: `batch ${requestId} to finish` },
    );
  }

  async function balance(member: Member): Promise<number> {
    const response = await api.post<Array<{ amount: number }>>('/api/v1/Processing/Balance', { token: member.token, json: { currencyExternalId: 'string' } });
    expect(response.status).toBe(200);
    return response.body.data[0].amount;
  }

  describe('the seed examples, each with its own requestId', () => {
    const requestIds = { 2: `e2e-${randomUUID()}`, 3: `e2e-${randomUUID()}`, 4: `e2e-${randomUUID()}`, 5: `e2e-${randomUUID()}` } as const;

    it.each([
      [2, 4567.38],
      [3, 0],
      [4, 4567.38],
      [5, 0],
    ] as const)('type %i answers the seed reply with status 0, and the balance becomes %d', async (type, balanceAfter) => {
      const response = await submit(seedRequest(type, requestIds[type], members[0].cardNumber));
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ requestId: requestIds[type], type, status: 0, message: ACCEPTED });
      expect(await finished(requestIds[type])).toMatchObject({ state: 'Processed', itemCount: 3, appliedCount: 3, failedCount: 0, errors: [] });
      expect(await balance(members[0])).toBe(balanceAfter);
    });

    it('shows the items in the member’s History as RewardData and WithdrawData with their description', async () => {
      const history = await api.get<{ allCount: number; rows: Array<{ type: string; description: string }> }>(
        '/api/v1.1/History?filter.fromDate=2013-01-01&filter.toDate=2013-12-31&filter.count=50',
        { token: members[0].token },
      );
      expect(history.status).toBe(200);
      expect(history.body.data.allCount).toBe(12);
      expect(history.body.data.rows.filter((row) => row.type === 'RewardData')).toHaveLength(6);
      expect(history.body.data.rows.filter((row) => row.type === 'WithdrawData')).toHaveLength(6);
      expect(new Set(history.body.data.rows.map((row) => row.description))).toEqual(new Set(['string']));
    });

    it('answers a repeated requestId with the same body with the original reply, and refuses another body with 409', async () => {
      const same = await submit(seedRequest(2, requestIds[2], members[0].cardNumber));
      expect(same.status).toBe(200);
      expect(same.body).toEqual({ requestId: requestIds[2], type: 2, status: 0, message: ACCEPTED });
      const changed = seedRequest(2, requestIds[2], members[0].cardNumber);
      changed.accrue[0].pointsAmount = 1;
      const conflict = await submit(changed);
      expect(conflict.status).toBe(409);
      expect(conflict.body).toMatchObject({ requestId: requestIds[2], type: 2, status: 1 });
      expect(await balance(members[0])).toBe(0);
    });
  });

  it('rejects a request with bad items as a whole, naming them, and applies nothing', async () => {
    const requestId = `e2e-${randomUUID()}`;
    const good = { memberNo: members[1].cardNumber, operationDate: '2024-05-01T10:00:00+03:00', transactionAmount: 10, pointsAmount: 5 };
    const response = await submit({
      requestId,
      type: 4,
      accrue: [good, { ...good, memberNo: newCardNumber() }, { ...good, pointsAmount: -1 }, { ...good, operationDate: 'yesterday' }],
    });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ requestId, type: 4, status: 1 });
    const message = response.body['message'] as string;
    expect(message).toContain('Ошибки в элементах accrue: 3 из 4');
    for (const index of [1, 2, 3]) expect(message).toContain(`accrue[${index}]`);
    expect(message).not.toContain('accrue[0]');
    expect((await progress(requestId)).status).toBe(404);
    expect(await balance(members[1])).toBe(0);
  });

  it('answers 401 without a token and 400 for a body that is not a batch request', async () => {
    expect((await api.post('/api/v1/batch-operations', { json: seedRequest(2, 'x', members[0].cardNumber) })).status).toBe(401);
    const invalid = await submit({ requestId: 'x', type: 9, accrue: 'all' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.result.state).toBe('ValidationError');
  });
});
