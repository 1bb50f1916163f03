import { Injectable } from '@nestjs/common';
import { BATCH_FINISHED_EVENT_CODE, BATCH_FINISHED_ROUTING_KEY, BatchFinishedEvent, BatchOperationType, BatchState } from '@loyalty/contracts';
import { Outbox } from '@loyalty/messaging';
import { DataSource } from 'typeorm';
import { isoSeconds } from '../clock/iso-seconds';
import { returning } from '../database/returning';
import type { BatchForWork, ItemOutcome, PendingItem } from './balance-command';

export interface ClaimedChunk {
  id: string;
  batchId: string;
  chunkNo: number;
  firstIndex: number;
  lastIndex: number;
  attempts: number;
}

export interface ItemResult {
  itemIndex: number;
  outcome: Exclude<ItemOutcome, { kind: 'retry' }>;
}

export interface ChunkCompletion {
  /** Every item of the chunk is applied or failed. */
  chunkDone: boolean;
  /** This completion finished the whole batch. */
  batchFinished: boolean;
}

/**
 * The database work queue. Claims use `FOR UPDATE SKIP LOCKED` and a lease, so replicas share
 * the chunks and a chunk whose worker was killed is picked up again when its lease runs out.
 * Results are written with a guard on the item state, so a chunk processed twice (a lease that ran
 * out under a slow worker) never counts an item twice.
 */
@Injectable()
export class WorkQueue {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  async claim(owner: string, leaseSeconds: number): Promise<ClaimedChunk | null> {
    const rows = await returning<{ id: string; batch_id: string; chunk_no: number; first_index: number; last_index: number; attempts: number }>(
        this.dataSource,
        `UPDATE batch_chunk SET lease_owner = $1, lease_until = now() + make_interval(secs => $2), attempts = attempts + 1
         WHERE id = (
           SELECT id FROM batch_chunk
           WHERE state = 'Pending' AND not_before <= now() AND (lease_until IS NULL OR lease_until < now())
           ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
         RETURNING id, batch_id, chunk_no, first_index, last_index, attempts`,
        [owner, leaseSeconds],
      );
    const row = rows[0];
    if (!row) return null;
    await this.dataSource.query(`UPDATE batch SET state = 'Processing', started_at = now() WHERE id = $1 AND state = 'NotProcessed'`, [row.batch_id]);
    return { id: String(row.id), batchId: row.batch_id, chunkNo: row.chunk_no, firstIndex: row.first_index, lastIndex: row.last_index, attempts: row.attempts };
  }

  /** False when the lease was lost (it ran out and another worker took the chunk). */
  async extendLease(chunk: ClaimedChunk, owner: string, leaseSeconds: number): Promise<boolean> {
    const rows = await returning(
      this.dataSource,
      `UPDATE batch_chunk SET lease_until = now() + make_interval(secs => $3)
       WHERE id = $1 AND lease_owner = $2 AND state = 'Pending' RETURNING id`,
      [chunk.id, owner, leaseSeconds],
    );
    return rows.length > 0;
  }

  async batch(batchId: string): Promise<BatchForWork> {
    const [row]: Array<{
      request_id: string;
      type: BatchOperationType;
      accrue_description: string | null;
      currency_external_id: string | null;
      lifetime_external_id: string | null;
      allow_negative: boolean;
    }> = await this.dataSource.query(
      `SELECT request_id, type, accrue_description, currency_external_id, lifetime_external_id, allow_negative FROM batch WHERE id = $1`,
      [batchId],
    );
    if (!row) throw new Error(`Batch ${batchId} of a claimed chunk does not exist`);
    return {
      id: batchId,
      requestId: row.request_id,
      type: row.type,
      accrueDescription: row.accrue_description,
      currencyExternalId: row.currency_external_id,
      lifetimeExternalId: row.lifetime_external_id,
      allowNegative: row.allow_negative,
    };
  }

  async pendingItems(chunk: ClaimedChunk): Promise<PendingItem[]> {
    const rows: Array<{ item_index: number; member_no: string; description: string | null; operation_date: Date; points_amount: string }> =
      await this.dataSource.query(
        `SELECT item_index, member_no, description, operation_date, points_amount FROM batch_item
         WHERE batch_id = $1 AND item_index BETWEEN $2 AND $3 AND state = 'Pending' ORDER BY item_index`,
        [chunk.batchId, chunk.firstIndex, chunk.lastIndex],
      );
    return rows.map((row) => ({
      itemIndex: row.item_index,
      memberNo: row.member_no,
      description: row.description,
      operationDate: row.operation_date,
      pointsAmount: row.points_amount,
    }));
  }

  /**
   * Records the results and settles the chunk in one transaction: Done when no item is left
   * pending, else released for a retry after `retryAfterSeconds`. The last chunk of a batch also
   * finishes the batch and announces it (outbox).
   */
  async complete(chunk: ClaimedChunk, owner: string, results: ItemResult[], retryAfterSeconds: number): Promise<ChunkCompletion> {
    return this.dataSource.transaction(async (manager) => {
      const [counts]: Array<{ applied: string; failed: string; points: string }> = await manager.query(
        `WITH outcome AS (
           SELECT * FROM unnest($2::integer[], $3::text[], $4::text[], $5::text[], $6::bigint[])
             AS u(item_index, state, error_code, error_message, entry_id)
         ), updated AS (
           UPDATE batch_item AS item
           SET state = outcome.state, error_code = outcome.error_code, error_message = outcome.error_message,
               entry_id = outcome.entry_id, processed_at = now()
           FROM outcome
           WHERE item.batch_id = $1 AND item.item_index = outcome.item_index AND item.state = 'Pending'
           RETURNING item.state, item.points_amount
         )
         SELECT count(*) FILTER (WHERE state = 'Applied') AS applied,
                count(*) FILTER (WHERE state = 'Failed') AS failed,
                COALESCE(sum(points_amount) FILTER (WHERE state = 'Applied'), 0) AS points
         FROM updated`,
        [
          chunk.batchId,
          results.map((result) => result.itemIndex),
          results.map((result) => (result.outcome.kind === 'applied' ? 'Applied' : 'Failed')),
          results.map((result) => (result.outcome.kind === 'failed' ? result.outcome.code : null)),
          results.map((result) => (result.outcome.kind === 'failed' ? result.outcome.message : null)),
          results.map((result) => (result.outcome.kind === 'applied' ? result.outcome.entryId : null)),
        ],
      );
      // Always taken, even with nothing to add: the batch row lock serialises the completions of a
      // batch's chunks, so exactly one of them sees that no chunk is left and finishes the batch.
      await manager.query(
        `UPDATE batch SET applied_count = applied_count + $2, failed_count = failed_count + $3, applied_points = applied_points + $4 WHERE id = $1`,
        [chunk.batchId, Number(counts.applied), Number(counts.failed), counts.points],
      );
      const [left]: Array<{ pending: string }> = await manager.query(
        `SELECT count(*) AS pending FROM batch_item WHERE batch_id = $1 AND item_index BETWEEN $2 AND $3 AND state = 'Pending'`,
        [chunk.batchId, chunk.firstIndex, chunk.lastIndex],
      );
      if (Number(left.pending) > 0) {
        await manager.query(
          `UPDATE batch_chunk SET lease_owner = NULL, lease_until = NULL, not_before = now() + make_interval(secs => $3)
           WHERE id = $1 AND lease_owner = $2`,
          [chunk.id, owner, retryAfterSeconds],
        );
        return { chunkDone: false, batchFinished: false };
      }
      await manager.query(`UPDATE batch_chunk SET state = 'Done', lease_owner = NULL, lease_until = NULL WHERE id = $1`, [chunk.id]);
      const finished = await returning<{
        request_id: string;
        type: BatchOperationType;
        state: BatchState;
        item_count: number;
        applied_count: number;
        failed_count: number;
        applied_points: string;
        submitted_at: Date;
        finished_at: Date;
      }>(
        manager,
        `UPDATE batch SET state = CASE WHEN failed_count > 0 THEN 'ProcessedWithError' ELSE 'Processed' END, finished_at = now()
         WHERE id = $1 AND finished_at IS NULL AND NOT EXISTS (SELECT 1 FROM batch_chunk WHERE batch_id = $1 AND state = 'Pending')
         RETURNING request_id, type, state, item_count, applied_count, failed_count, applied_points::text, submitted_at, finished_at`,
        [chunk.batchId],
      );
      const batch = finished[0];
      if (batch) {
        const body: BatchFinishedEvent = {
          requestId: batch.request_id,
          type: batch.type,
          state: batch.state,
          itemCount: batch.item_count,
          appliedCount: batch.applied_count,
          failedCount: batch.failed_count,
          appliedPoints: batch.applied_points,
          submittedAt: isoSeconds(batch.submitted_at),
          finishedAt: isoSeconds(batch.finished_at),
        };
        await this.outbox.add(manager, { routingKey: BATCH_FINISHED_ROUTING_KEY, eventCode: BATCH_FINISHED_EVENT_CODE, body });
      }
      return { chunkDone: true, batchFinished: batch !== undefined };
    });
  }
}
