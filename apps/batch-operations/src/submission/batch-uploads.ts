import { Injectable } from '@nestjs/common';
import { BatchErrorCode, type BatchItemInput } from '@loyalty/contracts';
import { RpcFault } from '@loyalty/messaging';
import { DataSource } from 'typeorm';
import { BatchOperationsConfig } from '../config/batch-operations.config';
import { readBatchItem } from '../items/batch-item';
import { itemDigest } from '../items/body-fingerprint';

/** `batch.upload` answers this when a part reaches past BATCH_MAX_ITEMS; submitting then says so. */
export const TOO_MANY_ITEMS = 'TooManyItems';

/**
 * Stores the items of a request as they arrive: each checked and normalised (its problems kept for
 * the reply), digested for the body fingerprint, and written with one multi-row statement per part.
 * Repeating a part changes nothing (the primary key is upload id + item index).
 */
@Injectable()
export class BatchUploads {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: BatchOperationsConfig,
  ) {}

  async storePart(uploadId: string, offset: number, inputs: BatchItemInput[]): Promise<number> {
    if (offset + inputs.length > this.config.BATCH_MAX_ITEMS) {
      throw new RpcFault(TOO_MANY_ITEMS, `A batch may have at most ${this.config.BATCH_MAX_ITEMS} items`);
    }
    const columns = {
      index: [] as number[],
      memberNo: [] as Array<string | null>,
      description: [] as Array<string | null>,
      operationDate: [] as Array<Date | null>,
      merchantName: [] as Array<string | null>,
      transactionAmount: [] as Array<string | null>,
      pointsAmount: [] as Array<string | null>,
      digest: [] as Buffer[],
      problem: [] as Array<string | null>,
    };
    inputs.forEach((input, position) => {
      const item = readBatchItem(input, this.config.PROGRAM_TIMEZONE);
      columns.index.push(offset + position);
      columns.memberNo.push(item.memberNo ?? (typeof input.memberNo === 'string' ? input.memberNo.slice(0, 64) : null));
      columns.description.push(item.description);
      columns.operationDate.push(item.operationDate);
      columns.merchantName.push(item.merchantName);
      columns.transactionAmount.push(item.transactionAmount);
      columns.pointsAmount.push(item.pointsAmount);
      columns.digest.push(itemDigest(input));
      columns.problem.push(item.problems.length > 0 ? item.problems.join('; ') : null);
    });
    await this.dataSource.transaction(async (manager) => {
      const submitted: unknown[] = await manager.query(`SELECT 1 FROM batch WHERE id = $1`, [uploadId]);
      if (submitted.length > 0) throw new RpcFault(BatchErrorCode.UploadClosed, 'This upload was already submitted');
      await manager.query(`INSERT INTO batch_upload (id) VALUES ($1) ON CONFLICT (id) DO NOTHING`, [uploadId]);
      await manager.query(
        `INSERT INTO batch_item
           (batch_id, item_index, member_no, description, operation_date, merchant_name, transaction_amount, points_amount, digest, problem)
         SELECT $1, * FROM unnest($2::integer[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::numeric[], $8::numeric[], $9::bytea[], $10::text[])
         ON CONFLICT (batch_id, item_index) DO NOTHING`,
        [
          uploadId,
          columns.index,
          columns.memberNo,
          columns.description,
          columns.operationDate,
          columns.merchantName,
          columns.transactionAmount,
          columns.pointsAmount,
          columns.digest,
          columns.problem,
        ],
      );
    });
    return inputs.length;
  }

  /** Removes an upload that will not become a batch. Items of a submitted batch are never touched. */
  async discard(uploadId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM batch_item WHERE batch_id = $1 AND NOT EXISTS (SELECT 1 FROM batch WHERE id = $1)`, [uploadId]);
    await this.dataSource.query(`DELETE FROM batch_upload WHERE id = $1`, [uploadId]);
  }

  /** Uploads older than the retention period that were never submitted (the caller gave up). */
  async discardAbandoned(): Promise<number> {
    const abandoned: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM batch_upload WHERE created_at < now() - make_interval(mins => $1) LIMIT 100`,
      [this.config.BATCH_UPLOAD_RETENTION_MINUTES],
    );
    for (const { id } of abandoned) await this.discard(id);
    return abandoned.length;
  }
}
