import { FixedWindowLimiter } from './rate-limiter';

describe('FixedWindowLimiter', () => {
  it('allows the limit per key and window, then says when to come back', () => {
    const limiter = new FixedWindowLimiter(3, 60_000);
    const start = 1_000_000;
    expect([1, 2, 3].map(() => limiter.take('1.2.3.4', start).allowed)).toEqual([true, true, true]);
    expect(limiter.take('1.2.3.4', start + 15_000)).toEqual({ allowed: false, retryAfterSeconds: 45 });
    expect(limiter.take('5.6.7.8', start + 15_000)).toEqual({ allowed: true });
    expect(limiter.take('1.2.3.4', start + 60_000)).toEqual({ allowed: true });
  });

  it('forgets finished windows', () => {
    const limiter = new FixedWindowLimiter(1, 1000);
    // The sweep runs every 1000th request; by the 1000th, the earlier windows have ended.
    for (let i = 0; i < 999; i += 1) limiter.take(`key-${i}`, 0);
    limiter.take('late', 5000);
    expect((limiter as unknown as { windows: Map<string, unknown> }).windows.size).toBe(1);
  });
});
