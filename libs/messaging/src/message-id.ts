import { randomUUID } from 'node:crypto';

/** 32 lowercase hex digits: a uuid without hyphens, the seed's `externalId` format. */
export function newMessageId(): string {
  return randomUUID().replace(/-/g, '');
}
