import { createHmac } from 'node:crypto';
import { signToken, TokenClaims, verifyToken } from './signed-token';

const SECRET = 'a-token-signing-secret-of-32-characters-at-least';
const now = 1_700_000_000;
const claims: TokenClaims = { sub: '42', typ: 'member', scope: 'member', cid: 'member-portal', app: 2, ver: 3, iat: now, exp: now + 3600, jti: 'abc' };

function tamper(token: string, change: (payload: Record<string, unknown>) => void): string {
  const [header, payload, sig] = token.split('.');
  const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString());
  change(decoded);
  return [header, Buffer.from(JSON.stringify(decoded)).toString('base64url'), sig].join('.');
}

describe('signed tokens (HS256 JWT)', () => {
  it('round-trips the claims of a valid token', () => {
    const token = signToken(claims, SECRET);
    expect(token.split('.')).toHaveLength(3);
    expect(JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(verifyToken(token, SECRET, now + 10)).toEqual(claims);
  });

  it('is a standard JWT: the signature is HMAC-SHA256 of header.payload', () => {
    const token = signToken(claims, SECRET);
    const [header, payload, sig] = token.split('.');
    expect(createHmac('sha256', SECRET).update(`${header}.${payload}`).digest('base64url')).toBe(sig);
  });

  it('refuses an expired token, another key, a changed payload, and alg none', () => {
    const token = signToken(claims, SECRET);
    expect(verifyToken(token, SECRET, now + 3600)).toBeNull();
    expect(verifyToken(token, 'another-secret-that-is-also-long-enough-00', now)).toBeNull();
    expect(verifyToken(tamper(token, (payload) => (payload['sub'] = '43')), SECRET, now)).toBeNull();
    const none = [Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url'), token.split('.')[1], ''].join('.');
    expect(verifyToken(none, SECRET, now)).toBeNull();
    expect(verifyToken('not-a-token', SECRET, now)).toBeNull();
  });
});
