import { Injectable } from '@nestjs/common';
import { BatchErrorCode, BatchItemError, BatchOperationType, BatchProgressReply, BatchProgressRequest, BatchState } from '@loyalty/contracts';
import { RpcFault } from '@loyalty/messaging';
import { DataSource } from 'typeorm';
import { isoSeconds } from '../clock/iso-seconds';

const DEFAULT_ERRORS_COUNT = 100;

interface BatchRow {
  id: string;
  request_id: string;
  type: BatchOperationType;
  state: BatchState;
  item_count: number;
  applied_count: number;
  failed_count: number;
  submitted_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

/** `batch.progress` (SPEC §3.6): state, counts and a page of the failed items. */
@Injectable()
export class BatchProgressService {
  constructor(private readonly dataSource: DataSource) {}

  async progress(request: BatchProgressRequest): Promise<BatchProgressReply> {
    const [batch]: BatchRow[] = await this.dataSource.query(
      `SELECT id, request_id, type, state, item_count, applied_count, failed_count, submitted_at, started_at, finished_at
       FROM batch WHERE request_id = $1`,
      [request.requestId],
    );
    if (!batch) throw new RpcFault(BatchErrorCode.BatchNotFound, `No batch with requestId ${request.requestId}`);
    const failed: Array<{ item_index: number; member_no: string; error_code: string; error_message: string }> = await this.dataSource.query(
      `SELECT item_index, member_no, error_code, error_message FROM batch_item
       WHERE batch_id = $1 AND state = 'Failed' ORDER BY item_index OFFSET $2 LIMIT $3`,
      [batch.id, request.errorsFrom ?? 0, request.errorsCount ?? DEFAULT_ERRORS_COUNT],
    );
    const errors: BatchItemError[] = failed.map((row) => ({
      itemIndex: row.item_index,
      memberNo: row.member_no,
      code: row.error_code,
      message: row.error_message,
    }));
    return {
      requestId: batch.request_id,
      type: batch.type,
      state: batch.state,
      itemCount: batch.item_count,
      appliedCount: batch.applied_count,
      failedCount: batch.failed_count,
      pendingCount: batch.item_count - batch.applied_count - batch.failed_count,
      submittedAt: isoSeconds(batch.submitted_at),
      startedAt: batch.started_at ? isoSeconds(batch.started_at) : null,
      finishedAt: batch.finished_at ? isoSeconds(batch.finished_at) : null,
      errors,
    };
  }
}
