import { checkCode, codeMatches, generateCode, hashCode, newSalt, sendDecision, StoredCode } from './confirmation-rules';

const SECRET = 'a-test-secret-that-is-long-enough-0001';
const now = new Date('2024-05-01T12:00:00Z');
const seconds = (count: number) => new Date(now.getTime() + count * 1000);

function stored(code: string, overrides: Partial<StoredCode> = {}): StoredCode {
  const salt = newSalt();
  return { salt, codeHash: hashCode(SECRET, salt, code), expiresAt: seconds(600), failedAttempts: 0, closedAt: null, ...overrides };
}

describe('confirmation codes', () => {
  it('are random digits of the configured length', () => {
    for (let i = 0; i < 100; i += 1) expect(generateCode(6)).toMatch(/^\d{6}$/);
    expect(generateCode(4, () => 7)).toBe('7777');
  });

  it('are stored as a salted keyed hash, never as the code', () => {
    const salt = newSalt();
    const hash = hashCode(SECRET, salt, '384308');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain('384308');
    expect(hashCode(SECRET, newSalt(), '384308')).not.toBe(hash);
    expect(hashCode('another-secret-of-the-same-length-0002', salt, '384308')).not.toBe(hash);
    expect(codeMatches(SECRET, salt, '384308', hash)).toBe(true);
    expect(codeMatches(SECRET, salt, '384309', hash)).toBe(false);
  });

  describe('checking', () => {
    const settings = { maxAttempts: 5 };

    it('confirms the right code before it expires', () => {
      expect(checkCode(stored('111111'), '111111', now, settings, SECRET)).toEqual({ result: 'confirmed' });
    });

    it('refuses an expired code, even the right one', () => {
      expect(checkCode(stored('111111', { expiresAt: now }), '111111', now, settings, SECRET)).toEqual({ result: 'expired' });
    });

    it('counts wrong tries and locks the code at the fifth', () => {
      let code = stored('111111');
      for (let attempt = 1; attempt <= 4; attempt += 1) {
        const outcome = checkCode(code, '222222', now, settings, SECRET);
        expect(outcome).toEqual({ result: 'wrong', failedAttempts: attempt, attemptsLeft: 5 - attempt, locked: false });
        code = { ...code, failedAttempts: attempt };
      }
      expect(checkCode(code, '222222', now, settings, SECRET)).toEqual({ result: 'wrong', failedAttempts: 5, attemptsLeft: 0, locked: true });
      expect(checkCode({ ...code, failedAttempts: 5 }, '111111', now, settings, SECRET)).toEqual({ result: 'locked' });
    });

    it('treats a used or replaced code, or none at all, as missing', () => {
      expect(checkCode(stored('111111', { closedAt: now }), '111111', now, settings, SECRET)).toEqual({ result: 'missing' });
      expect(checkCode(null, '111111', now, settings, SECRET)).toEqual({ result: 'missing' });
    });
  });

  describe('sending', () => {
    const settings = { resendIntervalSeconds: 60, dailyLimit: 10 };

    it('allows the first code and the next one after 60 seconds', () => {
      expect(sendDecision([], now, settings)).toEqual({ allowed: true });
      expect(sendDecision([seconds(-60)], now, settings)).toEqual({ allowed: true });
    });

    it('refuses a resend within 60 seconds and says when to retry', () => {
      expect(sendDecision([seconds(-45)], now, settings)).toEqual({ allowed: false, reason: 'tooEarly', retryAfterSeconds: 15 });
    });

    it('allows ten codes a day per destination, in a rolling window', () => {
      const nine = Array.from({ length: 9 }, (_, index) => seconds(-3600 * (index + 1)));
      expect(sendDecision(nine, now, settings)).toEqual({ allowed: true });
      const ten = [...nine, seconds(-3600 * 20)];
      expect(sendDecision(ten, now, settings)).toEqual({ allowed: false, reason: 'dailyLimit', retryAfterSeconds: 4 * 3600 });
      const oneOld = [...nine, seconds(-3600 * 25)];
      expect(sendDecision(oneOld, now, settings)).toEqual({ allowed: true });
    });
  });
});
