import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/**
 * The rules of confirmation codes (SPEC §3.2), free of storage: a code is random digits, kept only
 * as an HMAC under a server key, valid for a while, single use, dead after too many wrong tries,
 * and a phone or address gets a new one at most once a minute and a few times a day.
 */

export interface CodeSettings {
  length: number;
  ttlSeconds: number;
  maxAttempts: number;
  resendIntervalSeconds: number;
  dailyLimit: number;
}

export function generateCode(length: number, random: (max: number) => number = randomInt): string {
  let code = '';
  for (let index = 0; index < length; index += 1) code += String(random(10));
  return code;
}

export function newSalt(): string {
  return randomBytes(16).toString('hex');
}

/** HMAC-SHA256 of the code, bound to its salt, under the server's key. */
export function hashCode(secret: string, salt: string, code: string): string {
  return createHmac('sha256', secret).update(`${salt}:${code}`).digest('hex');
}

export function codeMatches(secret: string, salt: string, code: string, expectedHash: string): boolean {
  const actual = Buffer.from(hashCode(secret, salt, code), 'hex');
  const expected = Buffer.from(expectedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** The parts of a stored code the check needs. */
export interface StoredCode {
  salt: string;
  codeHash: string;
  expiresAt: Date;
  failedAttempts: number;
  closedAt: Date | null;
}

export type CodeCheckOutcome =
  | { result: 'confirmed' }
  /** No usable code: none was sent, or the last one was used or replaced. */
  | { result: 'missing' }
  | { result: 'expired' }
  /** Too many wrong tries earlier; nothing is counted any more. */
  | { result: 'locked' }
  /** Counted as a wrong try; `locked` when that was the last one allowed. */
  | { result: 'wrong'; failedAttempts: number; attemptsLeft: number; locked: boolean };

export function checkCode(
  stored: StoredCode | null,
  input: string,
  now: Date,
  settings: Pick<CodeSettings, 'maxAttempts'>,
  secret: string,
): CodeCheckOutcome {
  if (!stored || stored.closedAt) return { result: 'missing' };
  if (stored.failedAttempts >= settings.maxAttempts) return { result: 'locked' };
  if (now.getTime() >= stored.expiresAt.getTime()) return { result: 'expired' };
  if (codeMatches(secret, stored.salt, input, stored.codeHash)) return { result: 'confirmed' };
  const failedAttempts = stored.failedAttempts + 1;
  const attemptsLeft = Math.max(0, settings.maxAttempts - failedAttempts);
  return { result: 'wrong', failedAttempts, attemptsLeft, locked: attemptsLeft === 0 };
}

export type SendDecision =
  | { allowed: true }
  | { allowed: false; reason: 'tooEarly' | 'dailyLimit'; retryAfterSeconds: number };

/**
 * May another code go to a destination, given when codes were sent to it in the last 24 hours?
 * The window is rolling: the oldest send drops out 24 hours after it happened.
 */
export function sendDecision(recentSends: Date[], now: Date, settings: Pick<CodeSettings, 'resendIntervalSeconds' | 'dailyLimit'>): SendDecision {
  const dayAgo = now.getTime() - 24 * 3600 * 1000;
  const inWindow = recentSends.map((sent) => sent.getTime()).filter((sent) => sent > dayAgo).sort((a, b) => a - b);
  const latest = inWindow[inWindow.length - 1];
  if (latest !== undefined) {
    const nextAllowed = latest + settings.resendIntervalSeconds * 1000;
    if (now.getTime() < nextAllowed) return { allowed: false, reason: 'tooEarly', retryAfterSeconds: Math.ceil((nextAllowed - now.getTime()) / 1000) };
  }
  if (inWindow.length >= settings.dailyLimit) {
    const freedAt = inWindow[inWindow.length - settings.dailyLimit] + 24 * 3600 * 1000;
    return { allowed: false, reason: 'dailyLimit', retryAfterSeconds: Math.max(1, Math.ceil((freedAt - now.getTime()) / 1000)) };
  }
  return { allowed: true };
}
