import { randomUUID } from 'node:crypto';

/** 32 lowercase hex digits: a uuid without hyphens, the seed's `externalId` format. */
export function newMessageId(): string {
  return randomUUID().replace(/-/g, '');
}

/** ISO-8601 UTC with second precision, as in the seed: 2021-07-19T16:33:24Z. */
export function toEventTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
