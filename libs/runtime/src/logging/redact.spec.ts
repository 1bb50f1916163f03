import { REDACTED, redact, redactUrlPasswords } from './redact';

describe('redact', () => {
  it('masks values under secret-looking keys at any depth', () => {
    const input = {
      user: 'alice',
      password: 'p@ss',
      headers: { Authorization: 'Bearer abc', cookie: 'sid=1', 'x-token': 't' },
      client: { clientSecret: 's', accessToken: 'a', scopes: ['pos'] },
    };
    expect(redact(input)).toEqual({
      user: 'alice',
      password: REDACTED,
      headers: { Authorization: REDACTED, cookie: REDACTED, 'x-token': REDACTED },
      client: { clientSecret: REDACTED, accessToken: REDACTED, scopes: ['pos'] },
    });
    expect(input.password).toBe('p@ss');
  });

  it('masks passwords inside URLs, wherever the string appears', () => {
    expect(redactUrlPasswords('connect amqp://loyalty:hunter2@rabbit:5672/vhost failed')).toBe(
      'connect amqp://loyalty:***@rabbit:5672/vhost failed',
    );
    expect(redact({ url: 'postgres://app:pw@db/app', list: ['amqps://u:p@h'] })).toEqual({
      url: 'postgres://app:***@db/app',
      list: ['amqps://u:***@h'],
    });
    expect(redactUrlPasswords('http://example.com:8080/path')).toBe('http://example.com:8080/path');
  });

  it('keeps errors readable and survives cycles', () => {
    const error = Object.assign(new Error('dial amqp://a:b@mq failed'), { code: 'ECONNREFUSED' });
    const looped: Record<string, unknown> = { name: 'loop' };
    looped['self'] = looped;
    const result = redact({ error, looped }) as unknown as { error: Record<string, unknown>; looped: Record<string, unknown> };
    expect(result.error).toMatchObject({ type: 'Error', message: 'dial amqp://a:***@mq failed', code: 'ECONNREFUSED' });
    expect(result.error['stack']).toContain('redact.spec.ts');
    expect(result.looped).toEqual({ name: 'loop', self: '[Circular]' });
  });
});
