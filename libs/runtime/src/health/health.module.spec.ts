import { Injectable, Module, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { HealthModule } from './health.module';
import type { ReadinessCheck } from './readiness-check';
import { ShutdownState } from './shutdown-state';

@Injectable()
class FakeBrokerCheck implements ReadinessCheck {
  readonly name = 'broker';
  mode: 'up' | 'down' | 'hang' | 'throw' = 'up';

  isReady(): Promise<boolean> {
    if (this.mode === 'hang') return new Promise(() => undefined);
    if (this.mode === 'throw') return Promise.reject(new Error('connection refused'));
    return Promise.resolve(this.mode === 'up');
  }
}

@Module({ providers: [FakeBrokerCheck], exports: [FakeBrokerCheck] })
class FakeBrokerModule {}

describe('HealthModule', () => {
  let app: INestApplication;
  let broker: FakeBrokerCheck;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [HealthModule.register({ checks: [FakeBrokerCheck], checkTimeoutMs: 100, imports: [FakeBrokerModule] })],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    broker = app.get(FakeBrokerCheck);
  });

  afterAll(() => app.close());

  it('answers liveness without consulting dependencies', async () => {
    broker.mode = 'down';
    await request(app.getHttpServer()).get('/health/live').expect(200, { status: 'ok' });
  });

  it.each([
    ['up', 200, { status: 'ok', checks: { broker: true } }],
    ['down', 503, { status: 'unavailable', checks: { broker: false } }],
    ['throw', 503, { status: 'unavailable', checks: { broker: false } }],
    ['hang', 503, { status: 'unavailable', checks: { broker: false } }],
  ] as const)('readiness with the broker %s answers %i', async (mode, status, body) => {
    broker.mode = mode;
    const started = Date.now();
    await request(app.getHttpServer()).get('/health/ready').expect(status, body);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('fails readiness once shutdown has begun', async () => {
    broker.mode = 'up';
    app.get(ShutdownState).markShuttingDown();
    await request(app.getHttpServer())
      .get('/health/ready')
      .expect(503, { status: 'unavailable', checks: {}, reason: 'shutting down' });
  });
});
