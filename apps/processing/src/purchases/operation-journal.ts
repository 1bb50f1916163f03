import { Injectable } from '@nestjs/common';
import { ProcessingResultCode } from '@loyalty/contracts';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { inTransaction, LostIdempotencyRace } from '../database/transactions';
import type { Purchase } from './purchase.entity';
import { PurchaseOperationKind } from './purchase-operation.entity';
import { Refusal } from './refusal';

export interface JournaledOperation {
  id: string;
  purchaseId: number;
  kind: PurchaseOperationKind;
  requestHash: string;
  reply: Record<string, unknown>;
  canceled: boolean;
}

/**
 * Idempotency of purchase operations (SPEC §3.4): an operationId is recorded with a hash of its
 * request and the reply it got. Only operations that succeeded are recorded, so a refused one may
 * be sent again after the cause is fixed.
 */
@Injectable()
export class OperationJournal {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Runs one journaled operation: lock the purchase, answer a repeated request from the journal,
   * else do the work and record its reply under the operationId — all in one transaction. Locking
   * the purchase first makes a repeated request wait for the first one and then get its reply.
   * Two purchases racing for one operationId meet at the journal's unique key; the loser is re-run
   * and then finds the winner's entry.
   */
  async run<T extends object>(
    kind: PurchaseOperationKind,
    scope: string,
    request: { operationId: string },
    lockTarget: (manager: EntityManager) => Promise<Purchase | null>,
    work: (manager: EntityManager, purchase: Purchase, transactionId: string) => Promise<T>,
  ): Promise<T> {
    const fingerprint = this.fingerprint(kind, request);
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await inTransaction(this.dataSource, async (manager) => {
          const purchase = await lockTarget(manager);
          const existing = await this.find(manager, scope, request.operationId);
          if (existing) return this.replay(existing, fingerprint) as T;
          if (!purchase || purchase.kind !== 'Sale') throw new Refusal(ProcessingResultCode.PurchaseNotFound, 'Purchase not found');
          const transactionId = await this.nextId(manager);
          const reply = await work(manager, purchase, transactionId);
          await this.record(manager, { id: transactionId, scope, operationId: request.operationId, purchaseId: purchase.id, kind, fingerprint, reply });
          return reply;
        });
      } catch (error) {
        if (attempt < 3 && error instanceof LostIdempotencyRace) continue;
        throw error;
      }
    }
  }

  /** sha-256 of the operation kind and the request in canonical JSON (keys sorted). */
  fingerprint(kind: PurchaseOperationKind, request: object): string {
    return createHash('sha256').update(canonicalJson({ kind, request })).digest('hex');
  }

  async find(manager: EntityManager, scope: string, operationId: string): Promise<JournaledOperation | null> {
    const rows: Array<{ id: string; purchase_id: number; kind: PurchaseOperationKind; request_hash: string; reply: Record<string, unknown>; canceled: boolean }> =
      await manager.query(
        `SELECT id, purchase_id, kind, request_hash, reply, canceled FROM purchase_operation WHERE merchant_scope = $1 AND operation_id = $2`,
        [scope, operationId],
      );
    const row = rows[0];
    return row
      ? { id: String(row.id), purchaseId: row.purchase_id, kind: row.kind, requestHash: row.request_hash, reply: row.reply, canceled: row.canceled }
      : null;
  }

  /** The stored reply of a repeated request; NotUniqueOperationID for another request under the same id. */
  replay(existing: JournaledOperation, fingerprint: string): Record<string, unknown> {
    if (existing.requestHash !== fingerprint) {
      throw new Refusal(ProcessingResultCode.NotUniqueOperationID, 'The operationId was already used for another request');
    }
    if (existing.canceled) throw new Refusal(ProcessingResultCode.OperationIsCanceled, 'The operation was canceled');
    return existing.reply;
  }

  /** Reserves the id the operation will be recorded under: the reply's transactionId. */
  async nextId(manager: EntityManager): Promise<string> {
    const rows: Array<{ id: string }> = await manager.query(`SELECT nextval('purchase_operation_id_seq') AS id`);
    return String(rows[0].id);
  }

  async record(
    manager: EntityManager,
    operation: { id: string; scope: string; operationId: string; purchaseId: number; kind: PurchaseOperationKind; fingerprint: string; reply: object },
  ): Promise<void> {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO purchase_operation (id, merchant_scope, operation_id, purchase_id, kind, request_hash, reply)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT ON CONSTRAINT purchase_operation_unique_id DO NOTHING RETURNING id`,
      [operation.id, operation.scope, operation.operationId, operation.purchaseId, operation.kind, operation.fingerprint, JSON.stringify(operation.reply)],
    );
    if (inserted.length === 0) throw new LostIdempotencyRace(operation.operationId);
  }

  async markCanceled(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`UPDATE purchase_operation SET canceled = true WHERE id = $1`, [id]);
  }
}

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, child]) => child !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, child]) => `${JSON.stringify(key)}:${canonicalJson(child)}`).join(',')}}`;
}
