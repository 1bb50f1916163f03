import { loadConfig } from '@loyalty/runtime';
import { TEST_RABBITMQ_URL, waitFor } from '@loyalty/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { GatewayConfig } from '../src/config/gateway.config';
import { configureHttpApp } from '../src/http/configure-http-app';

// The real root module, wired the way main.ts wires it, against the real broker (TEST_RABBITMQ_URL).

async function startGateway(rabbitmqUrl: string): Promise<{ app: NestExpressApplication; config: GatewayConfig }> {
  const config = loadConfig(GatewayConfig, {
    ADMIN_CLIENT_ID: 'platform-admin',
    ADMIN_CLIENT_SECRET: 'integration-test-secret',
    TOKEN_SIGNING_SECRET: 'integration-test-token-signing-secret-0001',
    RABBITMQ_URL: rabbitmqUrl,
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
  configureHttpApp(app, config);
  await app.init();
  return { app, config };
}

describe('gateway AppModule with the broker up', () => {
  let app: NestExpressApplication;
  let config: GatewayConfig;

  beforeAll(async () => {
    ({ app, config } = await startGateway(TEST_RABBITMQ_URL));
  });

  afterAll(() => app.close());

  it('makes the validated config injectable by its class', () => {
    expect(app.get(GatewayConfig)).toBe(config);
  });

  it('becomes ready once the broker connection is up', async () => {
    await request(app.getHttpServer()).get('/health/live').expect(200, { status: 'ok' });
    const ready = await waitFor(
      async () => {
        const response = await request(app.getHttpServer()).get('/health/ready');
        return response.status === 200 && response.body;
      },
      { description: 'gateway readiness' },
    );
    expect(ready).toEqual({ status: 'ok', checks: { broker: true } });
  });

  it('serves metrics and the API document', async () => {
    const metrics = await request(app.getHttpServer()).get('/metrics').expect(200);
    expect(metrics.text).toContain('service="gateway"');
    const document = await request(app.getHttpServer()).get('/api/docs-json').expect(200);
    expect(document.body.info.title).toBe('Loyalty platform API');
    expect(Object.keys(document.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/token',
        '/api/v1/Registration/BeginRegistration',
        '/api/v1/user/actions',
        '/api/v1/User/Questions',
        '/api/v1/Cards/EmitVirtual',
        '/api/v1/system/cards/import',
      ]),
    );
    expect(document.body.components.schemas.QuestionNodeResult.properties.children).toBeDefined();
  });
});

describe('gateway AppModule with the broker unreachable', () => {
  let app: NestExpressApplication;

  beforeAll(async () => {
    // Nothing listens on port 1: the connection is refused at once, as with a broker that is down.
    ({ app } = await startGateway('amqp://guest:guest@127.0.0.1:1'));
  });

  afterAll(() => app.close());

  it('still starts, stays live and answers not-ready quickly', async () => {
    await request(app.getHttpServer()).get('/health/live').expect(200, { status: 'ok' });
    const started = Date.now();
    await request(app.getHttpServer()).get('/health/ready').expect(503, { status: 'unavailable', checks: { broker: false } });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('answers API calls with 503 at once instead of waiting for an RPC timeout', async () => {
    const started = Date.now();
    const response = await request(app.getHttpServer()).post('/api/v1/Registration/BeginRegistration').send({ login: '79123487979', password: '' });
    expect(response.status).toBe(503);
    expect(response.body).toEqual({ data: null, result: { state: 'Error', message: 'Service temporarily unavailable, retry later', validationErrors: null } });
    expect(Date.now() - started).toBeLessThan(1500);
  });
});
