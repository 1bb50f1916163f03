import type { BatchItemInput, BatchOperationType } from '@loyalty/contracts';
import { createHash, type Hash } from 'node:crypto';

/**
 * "The same body" for a repeated requestId (SPEC §3.6) means the same JSON values, whatever the
 * key order, whitespace or number spelling (`1522.46` = `1522.460`). Unknown keys do not count
 * (they are ignored anyway) and an absent optional field equals `null`.
 *
 * Items are digested one by one when they are uploaded, so the fingerprint of a 100,000-item batch
 * is computed from 32-byte digests instead of from the items, and does not depend on how the
 * caller split the upload into parts.
 */

export interface BatchHeader {
  requestId: string;
  type: BatchOperationType;
  accrueDescription?: string | null;
  currencyExternalId?: string | null;
  lifeTimeDefinitionExternalId?: string | null;
}

/** The item's known fields in a fixed order: the canonical form its digest is taken of. */
export function canonicalItem(item: BatchItemInput): string {
  return JSON.stringify([item.memberNo, item.Description, item.operationDate, item.merchantName, item.transactionAmount, item.pointsAmount].map(canonicalValue));
}

export function itemDigest(item: BatchItemInput): Buffer {
  return createHash('sha256').update(canonicalItem(item)).digest();
}

/**
 * sha-256 of the header followed by the item digests in item order, fed a page of digests at a
 * time (`update`) so a 100,000-item batch is never held in memory at once.
 */
export class BatchFingerprint {
  private readonly hash: Hash = createHash('sha256');

  constructor(header: BatchHeader, itemCount: number) {
    this.hash.update(
      JSON.stringify([
        header.requestId,
        header.type,
        header.accrueDescription ?? null,
        header.currencyExternalId ?? null,
        header.lifeTimeDefinitionExternalId ?? null,
        itemCount,
      ]),
    );
  }

  update(itemDigest: Buffer): this {
    this.hash.update(itemDigest);
    return this;
  }

  /** Hex; the fingerprint is finished after this. */
  hex(): string {
    return this.hash.digest('hex');
  }
}

export function batchFingerprint(header: BatchHeader, itemCount: number, itemDigests: Iterable<Buffer>): string {
  const fingerprint = new BatchFingerprint(header, itemCount);
  for (const digest of itemDigests) fingerprint.update(digest);
  return fingerprint.hex();
}

/** JSON value with object keys sorted; undefined → null. */
function canonicalValue(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.map(canonicalValue);
  if (typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value as object).sort()) sorted[key] = canonicalValue((value as Record<string, unknown>)[key]);
    return sorted;
  }
  return value;
}
