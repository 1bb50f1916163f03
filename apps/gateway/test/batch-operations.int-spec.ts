import {
  BatchErrorCode,
  BatchOperationsRpc,
  BatchProgressRequest,
  BatchSubmitOutcome,
  BatchSubmitReply,
  BatchSubmitRequest,
  BatchUploadRequest,
} from '@loyalty/contracts';
import { BrokerReadinessCheck, MessagingModule, RpcFault, RpcHandler } from '@loyalty/messaging';
import { HealthModule, loadConfig, MetricsModule, ServiceConfigModule } from '@loyalty/runtime';
import { waitFor, TEST_RABBITMQ_URL } from '@loyalty/testing';
import { Injectable } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AuthModule } from '../src/auth/auth.module';
import { BatchOperationsApiModule } from '../src/batch-operations/batch-operations-api.module';
import { GatewayConfig } from '../src/config/gateway.config';
import { configureHttpApp } from '../src/http/configure-http-app';
import { RpcModule } from '../src/rpc/rpc.module';

// The batch route over HTTP: its own body limit, auth before a big body is read, the seed's reply
// model and the status codes. A stand-in serves the batch service's RPCs on the real broker and
// records what arrives; the service itself is covered by its own tests and by e2e.

const ADMIN = { id: 'batch-admin', secret: 'batch-admin-secret-0001' };
const POS = { id: 'batch-pos', secret: 'batch-pos-secret-00001' };

@Injectable()
class BatchServiceStandIn {
  uploads: BatchUploadRequest[] = [];
  submits: BatchSubmitRequest[] = [];
  outcome: BatchSubmitOutcome | 'ProcessingUnavailable' = BatchSubmitOutcome.Accepted;

  @RpcHandler({ routingKey: BatchOperationsRpc.Upload, request: BatchUploadRequest })
  async upload(part: BatchUploadRequest) {
    this.uploads.push(part);
    return { uploadId: part.uploadId, stored: part.items.length };
  }

  @RpcHandler({ routingKey: BatchOperationsRpc.Submit, request: BatchSubmitRequest })
  async submit(submit: BatchSubmitRequest): Promise<BatchSubmitReply> {
    this.submits.push(submit);
    if (this.outcome === 'ProcessingUnavailable') throw new RpcFault(BatchErrorCode.ProcessingUnavailable, 'processing is away');
    const accepted = this.outcome === BatchSubmitOutcome.Accepted || this.outcome === BatchSubmitOutcome.Repeated;
    return {
      reply: { requestId: submit.requestId, type: submit.type, status: accepted ? 0 : 1, message: accepted ? 'Операция выполнена успешно' : 'Запрос отклонён' },
      outcome: this.outcome,
    };
  }

  @RpcHandler({ routingKey: BatchOperationsRpc.Progress, request: BatchProgressRequest })
  async progress(query: BatchProgressRequest) {
    if (query.requestId === 'unknown') throw new RpcFault(BatchErrorCode.BatchNotFound, 'No batch');
    return { requestId: query.requestId, state: 'Processing', errorsFrom: query.errorsFrom ?? null, errorsCount: query.errorsCount ?? null };
  }
}

function seedItem(index: number) {
  return {
    memberNo: String(100000 + (index % 1000)),
    Description: 'Начисление за покупку во внешней системе',
    operationDate: '2013-08-14 12:26:14',
    merchantName: ' merchantName',
    transactionAmount: 152246.54,
    pointsAmount: 1522.46,
  };
}

describe('gateway batch-operations API', () => {
  let app: NestExpressApplication;
  let standIn: BatchServiceStandIn;
  let adminToken: string;
  let posToken: string;

  beforeAll(async () => {
    process.env['BATCH_HTTP_BODY_LIMIT'] = '30mb';
    const config = loadConfig(GatewayConfig, {
      ADMIN_CLIENT_ID: ADMIN.id,
      ADMIN_CLIENT_SECRET: ADMIN.secret,
      TOKEN_SIGNING_SECRET: 'batch-operations-test-token-signing-secret-01',
      OAUTH_CLIENTS: JSON.stringify([{ clientId: POS.id, applicationId: 7, secret: POS.secret, scopes: ['pos'] }]),
      RABBITMQ_URL: TEST_RABBITMQ_URL,
      HTTP_BODY_LIMIT: '1mb',
    });
    const moduleRef = await Test.createTestingModule({
      imports: [
        ServiceConfigModule.forRoot(config),
        MetricsModule.forRoot({ serviceName: 'gateway' }),
        MessagingModule.forRoot({ serviceName: 'gateway', url: config.RABBITMQ_URL, rpcTimeoutMs: config.RPC_TIMEOUT_MS, waitForBroker: true }),
        HealthModule.register({ checks: [BrokerReadinessCheck] }),
        RpcModule,
        AuthModule,
        BatchOperationsApiModule,
      ],
      providers: [BatchServiceStandIn],
    }).compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
    configureHttpApp(app, config);
    await app.init();
    standIn = app.get(BatchServiceStandIn);
    await waitFor(async () => (await request(app.getHttpServer()).get('/health/ready')).status === 200, { description: 'broker connection' });
    const token = async (client: { id: string; secret: string }) =>
      (
        await request(app.getHttpServer())
          .post('/api/v1/token')
          .type('form')
          .send({ grant_type: 'client_credentials', client_id: client.id, client_secret: client.secret })
          .expect(200)
      ).body.access_token as string;
    adminToken = await token(ADMIN);
    posToken = await token(POS);
  });

  afterAll(async () => {
    delete process.env['BATCH_HTTP_BODY_LIMIT'];
    await app?.close();
  });

  beforeEach(() => {
    standIn.uploads = [];
    standIn.submits = [];
    standIn.outcome = BatchSubmitOutcome.Accepted;
  });

  const post = (body: unknown, token = adminToken) =>
    request(app.getHttpServer()).post('/api/v1/batch-operations').set('authorization', `Bearer ${token}`).send(body as object);

  it('accepts a 100,000-item body far above HTTP_BODY_LIMIT, hands it over in parts and answers the seed reply', async () => {
    const accrue = Array.from({ length: 100_000 }, (_, index) => seedItem(index));
    const body = { requestId: 'big-1', type: 2, accrueDescription: 'string', accrue };
    expect(JSON.stringify(body).length).toBeGreaterThan(15 * 1024 * 1024);

    const response = await post(body).set('x-correlation-id', 'batch-big-1').expect(200);
    expect(response.body).toEqual({ requestId: 'big-1', type: 2, status: 0, message: 'Операция выполнена успешно' });
    expect(response.headers['x-correlation-id']).toBe('batch-big-1');

    expect(standIn.uploads).toHaveLength(20);
    const uploadIds = new Set(standIn.uploads.map((part) => part.uploadId));
    expect(uploadIds.size).toBe(1);
    const received = [...standIn.uploads].sort((a, b) => a.offset - b.offset).flatMap((part) => part.items);
    expect(received).toEqual(accrue);
    expect(standIn.submits).toEqual([
      {
        requestId: 'big-1',
        type: 2,
        accrueDescription: 'string',
        currencyExternalId: null,
        lifeTimeDefinitionExternalId: null,
        itemCount: 100_000,
        uploadId: [...uploadIds][0],
      },
    ]);
  }, 60_000);

  it('sends a small batch inline, with the items as the client sent them', async () => {
    const accrue = [seedItem(1), { ...seedItem(2), unknownField: 'kept for the service to ignore' }];
    await post({ requestId: 'small-1', type: 5, accrue }).expect(200);
    expect(standIn.uploads).toHaveLength(0);
    expect(standIn.submits[0]).toMatchObject({ requestId: 'small-1', type: 5, itemCount: 2, items: accrue });
  });

  it('keeps HTTP_BODY_LIMIT on every other route', async () => {
    const response = await request(app.getHttpServer())
      .post('/api/v1/token')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ grant_type: 'client_credentials', padding: 'x'.repeat(2 * 1024 * 1024) }))
      .expect(413);
    expect(response.body.result).toMatchObject({ state: 'Error', message: 'Request body exceeds the limit of 1mb' });
  });

  it('refuses a body over its own limit with 413', async () => {
    const response = await post({ requestId: 'huge', type: 2, accrue: [{ memberNo: 'x'.repeat(31 * 1024 * 1024) }] }).expect(413);
    expect(response.body.result).toMatchObject({ state: 'Error', message: 'Request body exceeds the limit of 30mb' });
    expect(standIn.submits).toHaveLength(0);
  }, 30_000);

  it('needs an admin client token, checked before the body is read', async () => {
    // Larger than the route's limit: reading it first would answer 413.
    const body = { requestId: 'auth-1', type: 2, accrue: [{ memberNo: 'x'.repeat(31 * 1024 * 1024) }] };
    const anonymous = await request(app.getHttpServer()).post('/api/v1/batch-operations').send(body).expect(401);
    expect(anonymous.body.result.state).toBe('Error');
    await post(body, posToken).expect(403);
    await post(body, 'not-a-token').expect(401);
    await request(app.getHttpServer()).get('/api/v1/batch-operations/auth-1').set('authorization', `Bearer ${posToken}`).expect(403);
    expect(standIn.submits).toHaveLength(0);
  }, 30_000);

  it('answers 400 in the envelope when the body is not a batch request', async () => {
    const response = await post({ type: 7, accrue: [1] }).expect(400);
    expect(response.body.result.state).toBe('ValidationError');
    expect(response.body.result.validationErrors.map((error: { field: string }) => error.field).sort()).toEqual(['accrue.0', 'requestId', 'type']);
    await post({ requestId: 'empty', type: 2, accrue: [] }).expect(400);
    const invalidJson = await request(app.getHttpServer())
      .post('/api/v1/batch-operations')
      .set('authorization', `Bearer ${adminToken}`)
      .set('content-type', 'application/json')
      .send('{"requestId": ')
      .expect(400);
    expect(invalidJson.body.result).toMatchObject({ state: 'ValidationError', message: 'Request body is not valid JSON' });
    expect(standIn.submits).toHaveLength(0);
  });

  it.each([
    [BatchSubmitOutcome.Repeated, 200, 0],
    [BatchSubmitOutcome.Rejected, 422, 1],
    [BatchSubmitOutcome.Conflict, 409, 1],
  ] as const)('answers a %s request with %i and the seed reply (status %i)', async (outcome, httpStatus, status) => {
    standIn.outcome = outcome;
    const response = await post({ requestId: `outcome-${outcome}`, type: 3, accrue: [seedItem(0)] }).expect(httpStatus);
    expect(response.body).toEqual({ requestId: `outcome-${outcome}`, type: 3, status, message: expect.any(String) });
  });

  it('answers 503 when the batch service cannot reach processing', async () => {
    standIn.outcome = 'ProcessingUnavailable';
    const response = await post({ requestId: 'no-processing', type: 2, accrue: [seedItem(0)] }).expect(503);
    expect(response.body.result.state).toBe('Error');
  });

  it('reports progress in the envelope, and 404 for an unknown requestId', async () => {
    const response = await request(app.getHttpServer())
      .get('/api/v1/batch-operations/big-1?errorsFrom=5&errorsCount=10')
      .set('authorization', `Bearer ${adminToken}`)
      .expect(200);
    expect(response.body).toEqual({
      data: { requestId: 'big-1', state: 'Processing', errorsFrom: 5, errorsCount: 10 },
      result: { state: 'Success', message: null, validationErrors: null },
    });
    const missing = await request(app.getHttpServer()).get('/api/v1/batch-operations/unknown').set('authorization', `Bearer ${adminToken}`).expect(404);
    expect(missing.body.result.state).toBe('Error');
    await request(app.getHttpServer()).get('/api/v1/batch-operations/big-1?errorsCount=5000').set('authorization', `Bearer ${adminToken}`).expect(400);
  });

  it('documents both routes with the seed models in the OpenAPI document', async () => {
    const document = (await request(app.getHttpServer()).get('/api/docs-json').expect(200)).body;
    expect(Object.keys(document.paths['/api/v1/batch-operations'])).toEqual(['post']);
    expect(Object.keys(document.paths['/api/v1/batch-operations/{requestId}'])).toEqual(['get']);
    expect(Object.keys(document.components.schemas.BatchItemDto.properties).sort()).toEqual(
      ['Description', 'memberNo', 'merchantName', 'operationDate', 'pointsAmount', 'transactionAmount'].sort(),
    );
    expect(Object.keys(document.components.schemas.BatchReplyDto.properties)).toEqual(['requestId', 'type', 'status', 'message']);
  });
});
