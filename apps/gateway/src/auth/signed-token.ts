import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Compact JWTs signed with HMAC-SHA256 (RFC 7519 / 7515, `alg: HS256`), built on node:crypto.
 * Only HS256 is accepted: a token announcing any other algorithm (`none` included) is refused.
 */

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

export interface TokenClaims {
  /** Member id (member tokens) or client id (client tokens). */
  sub: string;
  typ: 'member' | 'client';
  /** Space-separated scopes. */
  scope: string;
  /** The OAuth client the token was issued to, if any. */
  cid: string | null;
  /** That client's numeric id: the `applicationId` of events. */
  app: number | null;
  /** Member tokens: the member's token version when issued; only the current one is accepted. */
  ver?: number;
  iat: number;
  exp: number;
  jti: string;
}

export function signToken(claims: TokenClaims, secret: string): string {
  const payload = base64url(JSON.stringify(claims));
  return `${HEADER}.${payload}.${signature(`${HEADER}.${payload}`, secret)}`;
}

/** The claims of a well-signed, unexpired token; null for anything else. */
export function verifyToken(token: string, secret: string, nowSeconds = Math.floor(Date.now() / 1000)): TokenClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [header, payload, given] = parts;
  if (header !== HEADER) return null;
  const expected = Buffer.from(signature(`${header}.${payload}`, secret));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  let claims: TokenClaims;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenClaims;
  } catch {
    return null;
  }
  if (typeof claims.exp !== 'number' || claims.exp <= nowSeconds) return null;
  if (typeof claims.sub !== 'string' || (claims.typ !== 'member' && claims.typ !== 'client')) return null;
  return claims;
}

function signature(input: string, secret: string): string {
  return createHmac('sha256', secret).update(input).digest('base64url');
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}
