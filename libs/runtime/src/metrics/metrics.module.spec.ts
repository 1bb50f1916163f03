import { Controller, Get, Param, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Counter, register } from 'prom-client';
import request from 'supertest';
import { useHttpObservability } from '../http/http-observability';
import { MetricsModule } from './metrics.module';
import { MetricsService } from './metrics.service';

@Controller('cards')
class CardsController {
  @Get(':number')
  find(@Param('number') number: string): { number: string } {
    return { number };
  }
}

/** The `_count` sample of the HTTP histogram whose labels are exactly `labels`, whatever their order. */
function durationCount(exposition: string, labels: Record<string, string>): number | undefined {
  for (const line of exposition.split('\n')) {
    const match = /^http_server_request_duration_seconds_count\{(.*)\} (\d+)$/.exec(line);
    if (!match) continue;
    const found = Object.fromEntries([...match[1].matchAll(/(\w+)="([^"]*)"/g)].map(([, key, value]) => [key, value]));
    if (JSON.stringify(Object.entries(found).sort()) === JSON.stringify(Object.entries(labels).sort())) return Number(match[2]);
  }
  return undefined;
}

describe('MetricsModule', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [MetricsModule.forRoot({ serviceName: 'cards' })],
      controllers: [CardsController],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    useHttpObservability(app);
    await app.init();
  });

  afterAll(() => app.close());

  it('exposes process metrics and HTTP durations labelled by route template', async () => {
    await request(app.getHttpServer()).get('/cards/7000001').expect(200);
    await request(app.getHttpServer()).get('/nowhere/1').expect(404);

    const response = await request(app.getHttpServer()).get('/metrics').expect(200);
    expect(response.headers['content-type']).toContain('text/plain');
    expect(response.text).toContain('process_cpu_user_seconds_total{service="cards"}');
    expect(durationCount(response.text, { method: 'GET', route: '/cards/:number', status: '200', service: 'cards' })).toBe(1);
    expect(durationCount(response.text, { method: 'GET', route: 'unmatched', status: '404', service: 'cards' })).toBe(1);
    expect(response.text).not.toContain('7000001');
  });

  it('serves metrics that a library registered directly on prom-client\'s default registry', async () => {
    const published = (register.getSingleMetric('library_events_total') as Counter | undefined) ?? new Counter({ name: 'library_events_total', help: 'Events' });
    published.inc(3);
    const response = await request(app.getHttpServer()).get('/metrics').expect(200);
    expect(response.text).toContain('library_events_total{service="cards"} 3');
  });

  it('returns the already registered metric when a library asks for the same name twice', () => {
    const metrics = app.get(MetricsService);
    const first = metrics.counter({ name: 'outbox_published_total', help: 'Events published', labelNames: ['exchange'] });
    const second = metrics.counter({ name: 'outbox_published_total', help: 'Events published', labelNames: ['exchange'] });
    expect(second).toBe(first);
    expect(() => metrics.gauge({ name: 'outbox_published_total', help: 'clash' })).toThrow(/another type/);
  });
});
