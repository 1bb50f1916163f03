import { runWithContext } from '../context/request-context';
import { JsonLogger, type LogLevel } from './json-logger';

function capture(level: LogLevel = 'info') {
  const lines: string[] = [];
  const logger = new JsonLogger({ service: 'orders', level, destination: { write: (line) => lines.push(line) } });
  const records = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines, records };
}

describe('JsonLogger', () => {
  it('writes one JSON object per line with the fields of the current request context', () => {
    const { logger, lines, records } = capture();
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    runWithContext({ correlationId: 'req-42', traceparent }, () => logger.log('card issued', 'Cards'));

    expect(lines).toHaveLength(1);
    expect(lines[0].endsWith('\n')).toBe(true);
    expect(lines[0].trimEnd()).not.toContain('\n');
    const [record] = records();
    expect(record).toEqual({
      time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      level: 'info',
      service: 'orders',
      context: 'Cards',
      msg: 'card issued',
      correlationId: 'req-42',
      traceparent,
    });
  });

  it('leaves correlation fields out when no context is active', () => {
    const { logger, records } = capture();
    logger.warn('no request here');
    expect(records()[0]).not.toHaveProperty('correlationId');
    expect(records()[0]).toMatchObject({ level: 'warn', msg: 'no request here' });
  });

  it('filters by level', () => {
    const { logger, records } = capture('warn');
    logger.debug('hidden');
    logger.log('hidden too');
    logger.warn('shown');
    logger.error('shown too');
    logger.fatal('always');
    expect(records().map((record) => record.level)).toEqual(['warn', 'error', 'fatal']);
    logger.setLevel('debug');
    logger.verbose('now visible');
    expect(records().at(-1)).toMatchObject({ level: 'debug', msg: 'now visible' });
  });

  it('records errors with their stack, in both Nest calling conventions', () => {
    const { logger, records } = capture();
    const failure = new Error('boom');
    logger.error(failure, 'Relay');
    logger.error('handler failed', failure.stack, 'Consumer');
    const [first, second] = records();
    expect(first).toMatchObject({ level: 'error', context: 'Relay', msg: 'boom', err: { type: 'Error', message: 'boom' } });
    expect((first.err as { stack: string }).stack).toContain('json-logger.spec.ts');
    expect(second).toMatchObject({ context: 'Consumer', msg: 'handler failed' });
    expect((second.err as { stack: string }).stack).toContain('json-logger.spec.ts');
  });

  it('redacts structured fields and URL passwords in messages', () => {
    const { logger, lines, records } = capture();
    logger.log({ msg: 'connecting to amqp://svc:topsecret@mq', headers: { authorization: 'Bearer xyz' }, attempt: 2 }, 'Broker');
    logger.warn('token refresh', { refreshToken: 'r-123', clientId: 'pos-7' });
    expect(lines.join('')).not.toMatch(/topsecret|xyz|r-123/);
    expect(records()[0]).toMatchObject({ msg: 'connecting to amqp://svc:***@mq', headers: { authorization: '[REDACTED]' }, attempt: 2 });
    expect(records()[1]).toMatchObject({ msg: 'token refresh', refreshToken: '[REDACTED]', clientId: 'pos-7' });
  });

  it('does not let structured fields overwrite the envelope of the line', () => {
    const { logger, records } = capture();
    runWithContext({ correlationId: 'real', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' }, () =>
      logger.log({ msg: 'x', level: 'debug', service: 'spoof', correlationId: 'fake' }),
    );
    expect(records()[0]).toMatchObject({ level: 'info', service: 'orders', correlationId: 'real' });
  });
});
