import { RpcTimeoutError } from '@loyalty/messaging';
import { HealthModule, JsonLogger, loadConfig, MetricsModule, type ReadinessCheck } from '@loyalty/runtime';
import { Body, Controller, Get, Global, Injectable, Module, Post } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ApiProperty } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsString, Matches, Min, ValidateNested } from 'class-validator';
import request from 'supertest';
import {
  AccessDeniedError,
  AuthenticationError,
  BusinessRuleError,
  ConflictError,
  DependencyUnavailableError,
  RateLimitedError,
  UpstreamTimeoutError,
} from '../src/http/api-errors';
import { GatewayConfig } from '../src/config/gateway.config';
import { configureHttpApp } from '../src/http/configure-http-app';
import { ApiEnvelopeResponse, ok } from '../src/http/envelope';

// A stand-in API surface: just enough routes to exercise every convention of SPEC §3.0.

class AddressDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  city: string;

  @ApiProperty({ example: '101000' })
  @Matches(/^\d{6}$/, { message: 'postcode must be 6 digits' })
  postcode: string;
}

class EnrolMemberDto {
  @ApiProperty({ example: '79123487979' })
  @Matches(/^\d{11,15}$/, { message: 'phone must be 11-15 digits' })
  phone: string;

  @ApiProperty()
  @IsInt()
  @Min(0)
  bonusBalance: number;

  @ApiProperty({ type: AddressDto })
  @ValidateNested()
  @Type(() => AddressDto)
  address: AddressDto;
}

const LEAKY_SQL = 'duplicate key value violates unique constraint "members_phone_key": INSERT INTO members (phone) VALUES ($1)';

@Controller('api/v1/probe')
class ProbeController {
  @Post('members')
  @ApiEnvelopeResponse(EnrolMemberDto)
  enrol(@Body() member: EnrolMemberDto) {
    return ok({ member, isDto: member instanceof EnrolMemberDto });
  }

  @Get('crash')
  crash(): never {
    throw new Error(LEAKY_SQL);
  }

  @Get('business')
  business(): never {
    throw new BusinessRuleError('Недостаточно бонусов', { code: 'InsufficientBalance' });
  }

  @Get('conflict')
  conflict(): never {
    throw new ConflictError('Idempotency key already used with a different request');
  }

  @Get('unauthorized')
  unauthorized(): never {
    throw new AuthenticationError();
  }

  @Get('forbidden')
  forbidden(): never {
    throw new AccessDeniedError();
  }

  @Get('rate-limited')
  rateLimited(): never {
    throw new RateLimitedError(30);
  }

  @Get('unavailable')
  unavailable(): never {
    throw new DependencyUnavailableError('processing', new Error('connect ECONNREFUSED amqp://loyalty:mq-pass@rabbit:5672'));
  }

  @Get('timeout')
  timeout(): never {
    throw new UpstreamTimeoutError('processing.calculate');
  }

  @Get('rpc-timeout')
  rpcTimeout(): never {
    throw new RpcTimeoutError('processing.purchase.calculate', 5000);
  }
}

@Injectable()
class SwitchableBrokerCheck implements ReadinessCheck {
  readonly name = 'broker';
  ready = true;

  isReady(): Promise<boolean> {
    return Promise.resolve(this.ready);
  }
}

@Global()
@Module({ providers: [SwitchableBrokerCheck], exports: [SwitchableBrokerCheck] })
class FakeBrokerModule {}

const BODY_LIMIT = '2kb';

describe('gateway HTTP conventions', () => {
  let app: NestExpressApplication;
  let broker: SwitchableBrokerCheck;
  const logLines: string[] = [];
  const http = () => request(app.getHttpServer());

  const envelope = (state: string, message: string | null, extra: { data?: unknown; validationErrors?: unknown } = {}) => ({
    data: extra.data ?? null,
    result: { state, message, validationErrors: extra.validationErrors ?? null },
  });

  beforeAll(async () => {
    const config = loadConfig(GatewayConfig, {
      ADMIN_CLIENT_ID: 'platform-admin',
      ADMIN_CLIENT_SECRET: 'integration-test-secret',
      TOKEN_SIGNING_SECRET: 'integration-test-token-signing-secret-0001',
      HTTP_BODY_LIMIT: BODY_LIMIT,
    });
    const moduleRef = await Test.createTestingModule({
      imports: [FakeBrokerModule, MetricsModule.forRoot({ serviceName: 'gateway' }), HealthModule.register({ checks: [SwitchableBrokerCheck] })],
      controllers: [ProbeController],
    }).compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({
      logger: new JsonLogger({ service: 'gateway', level: 'warn', destination: { write: (line) => logLines.push(line) } }),
    });
    configureHttpApp(app, config);
    await app.init();
    broker = app.get(SwitchableBrokerCheck);
  });

  afterAll(() => app.close());

  describe('request validation', () => {
    const valid = { phone: '79123487979', bonusBalance: 10, address: { city: 'Москва', postcode: '101000' } };

    it('hands the handler a DTO instance and wraps the answer', async () => {
      await http()
        .post('/api/v1/probe/members')
        .send(valid)
        .expect(201, { data: { member: valid, isDto: true }, result: { state: 'Success', message: null, validationErrors: null } });
    });

    it('strips unknown fields at every level instead of binding them', async () => {
      const response = await http()
        .post('/api/v1/probe/members')
        .send({ ...valid, isAdmin: true, scopes: ['admin'], address: { ...valid.address, verified: true } })
        .expect(201);
      expect(response.body.data.member).toEqual(valid);
    });

    it('answers 400 ValidationError naming each bad or missing field, nested ones as dotted paths', async () => {
      await http()
        .post('/api/v1/probe/members')
        .send({ phone: '+7 912', address: { city: '', postcode: 'abc' } })
        .expect(
          400,
          envelope('ValidationError', 'Request validation failed', {
            validationErrors: [
              { field: 'phone', errorMessages: ['phone must be 11-15 digits'] },
              {
                field: 'bonusBalance',
                errorMessages: ['bonusBalance must be an integer number', 'bonusBalance must not be less than 0'],
              },
              { field: 'address.city', errorMessages: ['city should not be empty'] },
              { field: 'address.postcode', errorMessages: ['postcode must be 6 digits'] },
            ],
          }),
        );
    });

    it('answers 400 ValidationError for a body that is not valid JSON', async () => {
      await http()
        .post('/api/v1/probe/members')
        .set('content-type', 'application/json')
        .send('{"phone": "79123487979",')
        .expect(400, envelope('ValidationError', 'Request body is not valid JSON'));
    });

    it(`answers 413 for a body above HTTP_BODY_LIMIT (${BODY_LIMIT})`, async () => {
      await http()
        .post('/api/v1/probe/members')
        .send({ ...valid, padding: 'x'.repeat(4096) })
        .expect(413, envelope('Error', `Request body exceeds the limit of ${BODY_LIMIT}`));
    });
  });

  describe('error mapping', () => {
    it('answers 404 in the envelope for an unknown route', async () => {
      await http().get('/api/v1/no-such-thing').expect(404, envelope('Error', 'Cannot GET /api/v1/no-such-thing'));
    });

    it.each([
      ['business', 422, envelope('Error', 'Недостаточно бонусов', { data: { code: 'InsufficientBalance' } }), {}],
      ['conflict', 409, envelope('Error', 'Idempotency key already used with a different request'), {}],
      ['unauthorized', 401, envelope('Error', 'Authentication required'), { 'www-authenticate': 'Bearer' }],
      ['forbidden', 403, envelope('Error', 'Access denied'), {}],
      ['rate-limited', 429, envelope('Error', 'Too many requests, retry later'), { 'retry-after': '30' }],
      ['unavailable', 503, envelope('Error', 'Service temporarily unavailable, retry later'), {}],
      ['timeout', 504, envelope('Error', 'The operation did not complete in time, retry later'), {}],
      ['rpc-timeout', 504, envelope('Error', 'The operation did not complete in time, retry later'), {}],
    ])('maps GET /probe/%s to %i', async (route, status, body, headers) => {
      const response = await http().get(`/api/v1/probe/${route}`).expect(status, body);
      expect(response.headers).toMatchObject(headers);
    });

    it('answers 500 Fail with an error id only, and logs the id with the stack', async () => {
      const response = await http().get('/api/v1/probe/crash').expect(500);

      expect(Object.keys(response.body)).toEqual(['data', 'result']);
      expect(response.body.data).toBeNull();
      expect(response.body.result).toEqual({ state: 'Fail', message: expect.any(String), validationErrors: null });
      expect(response.body.result.message).toMatch(/^Идентификатор ошибки: [0-9a-f]{32}$/);
      expect(response.text).not.toMatch(/INSERT INTO|members_phone_key|ProbeController|\.ts:\d+|\bError\b/);

      const errorId = response.body.result.message.split(': ')[1];
      const logged = logLines.map((line) => JSON.parse(line)).find((record) => record.errorId === errorId);
      expect(logged).toMatchObject({ level: 'error', method: 'GET', path: '/api/v1/probe/crash', err: { message: LEAKY_SQL } });
      expect(logged.err.stack).toContain('ProbeController.crash');
      expect(logged.correlationId).toBe(response.headers['x-correlation-id']);
    });

    it('logs why a dependency was unavailable without leaking URL passwords', async () => {
      await http().get('/api/v1/probe/unavailable').expect(503);
      const logged = logLines.map((line) => JSON.parse(line)).find((record) => record.dependency === 'processing');
      expect(logged).toMatchObject({ level: 'warn', err: { message: 'connect ECONNREFUSED amqp://loyalty:***@rabbit:5672' } });
      expect(logLines.join('')).not.toContain('mq-pass');
    });
  });

  describe('correlation ids', () => {
    it('echoes the caller’s x-correlation-id', async () => {
      const response = await http().get('/health/live').set('x-correlation-id', 'pos-7-req-1001').expect(200);
      expect(response.headers['x-correlation-id']).toBe('pos-7-req-1001');
    });

    it('issues one when the caller sent none', async () => {
      const response = await http().get('/api/v1/no-such-thing').expect(404);
      expect(response.headers['x-correlation-id']).toMatch(/^[0-9a-f]{32}$/);
    });
  });

  describe('operations endpoints', () => {
    it('answers liveness outside the envelope', async () => {
      await http().get('/health/live').expect(200, { status: 'ok' });
    });

    it('reports readiness from the registered checks', async () => {
      broker.ready = false;
      await http().get('/health/ready').expect(503, { status: 'unavailable', checks: { broker: false } });
      broker.ready = true;
      await http().get('/health/ready').expect(200, { status: 'ok', checks: { broker: true } });
    });

    it('exposes the HTTP duration histogram after a request', async () => {
      await http().post('/api/v1/probe/members').send({}).expect(400);
      const response = await http().get('/metrics').expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/plain/);
      expect(response.text).toContain('# TYPE http_server_request_duration_seconds histogram');
      expect(response.text).toMatch(/http_server_request_duration_seconds_count\{[^}]*route="\/api\/v1\/probe\/members"[^}]*status="400"[^}]*\} \d+/);
    });

    it('serves an OpenAPI 3 document generated from the DTOs', async () => {
      const response = await http().get('/api/docs-json').expect(200);
      expect(response.body.openapi).toMatch(/^3\./);
      expect(response.body.paths).toHaveProperty(['/api/v1/probe/members', 'post']);
      expect(response.body.components.schemas.EnrolMemberDto.properties).toHaveProperty('phone');
      expect(response.body.components.schemas).toHaveProperty('ApiResultDto');
      expect(response.body.paths).not.toHaveProperty('/health/ready');
      await http().get('/api/docs').redirects(1).expect(200).expect('content-type', /html/);
    });
  });
});
