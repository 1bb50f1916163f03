import { randomBytes, scrypt, ScryptOptions, timingSafeEqual } from 'node:crypto';

/**
 * Password hashes with scrypt at the cost OWASP recommends (N = 2^17, r = 8, p = 1): about a
 * quarter of a second and 128 MiB per hash. Stored as `scrypt$<log2 N>$<r>$<p>$<salt>$<hash>`
 * (base64), so the cost can be raised later without breaking existing hashes.
 *
 * At most two hashes run at once: each holds 128 MiB, and a burst of logins must not be able to
 * exhaust the service's memory or all of libuv's threads.
 */

export const SCRYPT_LOG2_N = 17;
export const SCRYPT_R = 8;
export const SCRYPT_P = 1;
const KEY_LENGTH = 32;
const SALT_BYTES = 16;
const MAX_CONCURRENT_HASHES = 2;

export interface ScryptCost {
  log2N: number;
  r: number;
  p: number;
}

export const OWASP_SCRYPT_COST: ScryptCost = { log2N: SCRYPT_LOG2_N, r: SCRYPT_R, p: SCRYPT_P };

/** scrypt needs 128 * N * r bytes; Node refuses more than 32 MiB unless maxmem says otherwise. */
function scryptOptions(cost: ScryptCost): ScryptOptions {
  const needed = 128 * 2 ** cost.log2N * cost.r;
  return { N: 2 ** cost.log2N, r: cost.r, p: cost.p, maxmem: needed * 2 };
}

let running = 0;
const waiting: (() => void)[] = [];

async function withHashSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT_HASHES) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  try {
    return await work();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  return withHashSlot(
    () =>
      new Promise((resolve, reject) => {
        scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, scryptOptions(cost), (error, key) => (error ? reject(error) : resolve(key)));
      }),
  );
}

export async function hashPassword(password: string, cost: ScryptCost = OWASP_SCRYPT_COST): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, cost);
  return ['scrypt', cost.log2N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, log2N, r, p, salt, hash] = parts;
  const expected = Buffer.from(hash, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), { log2N: Number(log2N), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * A hash to verify against when the login is unknown, so that a wrong login takes as long as a
 * wrong password and response times do not reveal who is a member.
 */
let decoyHash: Promise<string> | null = null;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(randomBytes(12).toString('hex'));
  return decoyHash;
}
