import { createServer, type Server } from 'node:http';
import request from 'supertest';
import { correlationMiddleware } from './correlation.middleware';
import { currentContext } from './request-context';

describe('correlationMiddleware', () => {
  // A bare Node server: the handler answers with the context it sees after an async hop.
  const server: Server = createServer((req, res) =>
    correlationMiddleware(req, res, () => {
      setImmediate(() => res.end(JSON.stringify(currentContext())));
    }),
  );

  it('keeps the caller’s correlation id, continues its trace and echoes the id', async () => {
    const response = await request(server)
      .get('/')
      .set('x-correlation-id', 'checkout-42')
      .set('traceparent', '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')
      .expect(200);
    expect(response.headers['x-correlation-id']).toBe('checkout-42');
    const seen = JSON.parse(response.text);
    expect(seen.correlationId).toBe('checkout-42');
    expect(seen.traceparent).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/);
    expect(seen.traceparent).not.toContain('00f067aa0ba902b7');
  });

  it('replaces a missing or unusable id with a fresh one', async () => {
    const response = await request(server).get('/').set('x-correlation-id', 'spaces and {json}').expect(200);
    expect(response.headers['x-correlation-id']).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.parse(response.text).correlationId).toBe(response.headers['x-correlation-id']);
  });
});
