import { Injectable, Logger } from '@nestjs/common';
import {
  BATCH_ACCEPTED_MESSAGE,
  BatchReply,
  BatchReplyStatus,
  BatchSubmitOutcome,
  BatchSubmitReply,
  BatchSubmitRequest,
  isAccrualType,
  MEMBERS_RESOLVE_MAX,
} from '@loyalty/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { planChunks } from '../application/chunk-plan';
import { BatchOperationsConfig } from '../config/batch-operations.config';
import { BatchFingerprint } from '../items/body-fingerprint';
import { BatchUploads } from './batch-uploads';
import { ProcessingChecks } from './processing-checks';
import { conflictMessage, ItemProblem, LISTED_PROBLEMS, rejectionMessage } from './rejection-message';
import { WorkSignal } from './work-signal';

/** Item digests read per query while fingerprinting a body. */
const PAGE_SIZE = 10_000;

interface StoredBatch {
  bodyHash: string;
  reply: BatchReply;
}

/**
 * `batch.submit`: checks the whole request, then stores it as a batch in one transaction — or
 * rejects it, storing nothing (all or nothing, SPEC §3.6). Applying the items happens later, in
 * the workers (application/).
 */
@Injectable()
export class BatchSubmissionService {
  private readonly logger = new Logger(BatchSubmissionService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly uploads: BatchUploads,
    private readonly checks: ProcessingChecks,
    private readonly config: BatchOperationsConfig,
    private readonly signal: WorkSignal,
  ) {}

  async submit(request: BatchSubmitRequest): Promise<BatchSubmitReply> {
    const uploadId = request.uploadId ?? randomUUID();
    let accepted = false;
    try {
      if (request.itemCount > this.config.BATCH_MAX_ITEMS) {
        return rejected(request, [`В accrue ${request.itemCount} элементов, допускается не более ${this.config.BATCH_MAX_ITEMS}`]);
      }
      if (request.items) await this.uploads.storePart(uploadId, 0, request.items);

      const bodyHash = await this.fingerprint(request, uploadId);
      if (bodyHash === null) {
        const [{ received }]: Array<{ received: number }> = await this.dataSource.query(`SELECT count(*)::int AS received FROM batch_item WHERE batch_id = $1`, [
          uploadId,
        ]);
        return rejected(request, [`Получено ${received} элементов accrue из ${request.itemCount}; отправьте запрос ещё раз`]);
      }

      const earlier = await this.storedBatch(this.dataSource.manager, request.requestId);
      if (earlier) return this.repeated(request, earlier, bodyHash);

      const rejection = await this.validate(request, uploadId);
      if (rejection) return rejection;

      const outcome = await this.dataSource.transaction(async (manager) => {
        // Two identical requests racing: the second waits here and then finds the first one's batch.
        await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [request.requestId]);
        const concurrent = await this.storedBatch(manager, request.requestId);
        if (concurrent) return this.repeated(request, concurrent, bodyHash);
        await this.store(manager, request, uploadId, bodyHash);
        return { reply: acceptedReply(request), outcome: BatchSubmitOutcome.Accepted };
      });
      accepted = outcome.outcome === BatchSubmitOutcome.Accepted;
      if (accepted) {
        this.logger.log({ msg: 'Batch accepted', requestId: request.requestId, type: request.type, itemCount: request.itemCount });
        this.signal.notify();
      }
      return outcome;
    } finally {
      if (!accepted) await this.uploads.discard(uploadId);
    }
  }

  /** The body's fingerprint, read a page of item digests at a time; null unless items 0 … itemCount − 1 are all there. */
  private async fingerprint(request: BatchSubmitRequest, uploadId: string): Promise<string | null> {
    const fingerprint = new BatchFingerprint(request, request.itemCount);
    let expected = 0;
    for (;;) {
      const page: Array<{ item_index: number; digest: Buffer }> = await this.dataSource.query(
        `SELECT item_index, digest FROM batch_item WHERE batch_id = $1 AND item_index >= $2 ORDER BY item_index LIMIT $3`,
        [uploadId, expected, PAGE_SIZE],
      );
      for (const row of page) {
        if (row.item_index !== expected) return null;
        fingerprint.update(row.digest);
        expected += 1;
      }
      if (page.length < PAGE_SIZE) break;
    }
    return expected === request.itemCount ? fingerprint.hex() : null;
  }

  private async storedBatch(manager: EntityManager, requestId: string): Promise<StoredBatch | null> {
    const rows: Array<{ body_hash: string; reply: BatchReply }> = await manager.query(`SELECT body_hash, reply FROM batch WHERE request_id = $1`, [
      requestId,
    ]);
    return rows[0] ? { bodyHash: rows[0].body_hash, reply: rows[0].reply } : null;
  }

  /** A requestId seen before: the original reply for the same body, a refusal for another. */
  private repeated(request: BatchSubmitRequest, earlier: StoredBatch, bodyHash: string): BatchSubmitReply {
    if (earlier.bodyHash === bodyHash) return { reply: earlier.reply, outcome: BatchSubmitOutcome.Repeated };
    return {
      reply: { requestId: request.requestId, type: request.type, status: BatchReplyStatus.Error, message: conflictMessage(request.requestId) },
      outcome: BatchSubmitOutcome.Conflict,
    };
  }

  /** Every reason to refuse the request, or null when it can be accepted. */
  private async validate(request: BatchSubmitRequest, uploadId: string): Promise<BatchSubmitReply | null> {
    const requestProblems: string[] = [];
    if (request.currencyExternalId && !(await this.checks.currencyExists(request.currencyExternalId))) {
      requestProblems.push(`Валюта currencyExternalId "${request.currencyExternalId}" не найдена`);
    }
    if (request.lifeTimeDefinitionExternalId && !(await this.checks.lifetimeExists(request.lifeTimeDefinitionExternalId))) {
      requestProblems.push(`Время жизни lifeTimeDefinitionExternalId "${request.lifeTimeDefinitionExternalId}" не найдено`);
    }

    const malformed: Array<{ item_index: number; member_no: string | null; problem: string; total: string }> = await this.dataSource.query(
      `SELECT item_index, member_no, problem, count(*) OVER () AS total
       FROM batch_item WHERE batch_id = $1 AND problem IS NOT NULL ORDER BY item_index LIMIT $2`,
      [uploadId, LISTED_PROBLEMS],
    );
    const unknown = await this.unknownMembers(uploadId);
    const strangers: Array<{ item_index: number; member_no: string; total: string }> =
      unknown.length === 0
        ? []
        : await this.dataSource.query(
            `SELECT item_index, member_no, count(*) OVER () AS total
             FROM batch_item WHERE batch_id = $1 AND problem IS NULL AND member_no = ANY($2::text[]) ORDER BY item_index LIMIT $3`,
            [uploadId, unknown, LISTED_PROBLEMS],
          );

    const problemItemCount = Number(malformed[0]?.total ?? 0) + Number(strangers[0]?.total ?? 0);
    if (requestProblems.length === 0 && problemItemCount === 0) return null;
    const itemProblems: ItemProblem[] = [
      ...malformed.map((row) => ({ itemIndex: row.item_index, memberNo: row.member_no, problem: row.problem })),
      ...strangers.map((row) => ({ itemIndex: row.item_index, memberNo: row.member_no, problem: 'участник не найден' })),
    ].sort((a, b) => a.itemIndex - b.itemIndex);
    this.logger.log({ msg: 'Batch rejected', requestId: request.requestId, problemItemCount, requestProblems });
    return {
      reply: {
        requestId: request.requestId,
        type: request.type,
        status: BatchReplyStatus.Error,
        message: rejectionMessage({ requestProblems, itemProblems, problemItemCount, itemCount: request.itemCount }),
      },
      outcome: BatchSubmitOutcome.Rejected,
    };
  }

  /** memberNos of the upload that processing does not know, looked up a page of distinct numbers at a time. */
  private async unknownMembers(uploadId: string): Promise<string[]> {
    const unknown: string[] = [];
    let after = '';
    for (;;) {
      const page: Array<{ member_no: string }> = await this.dataSource.query(
        `SELECT DISTINCT member_no FROM batch_item
         WHERE batch_id = $1 AND problem IS NULL AND member_no > $2 ORDER BY member_no LIMIT $3`,
        [uploadId, after, MEMBERS_RESOLVE_MAX],
      );
      if (page.length === 0) break;
      const memberNos = page.map((row) => row.member_no);
      unknown.push(...(await this.checks.unknownMembers(memberNos)));
      if (page.length < MEMBERS_RESOLVE_MAX) break;
      after = memberNos[memberNos.length - 1];
    }
    return unknown;
  }

  private async store(manager: EntityManager, request: BatchSubmitRequest, uploadId: string, bodyHash: string): Promise<void> {
    // The negative-balance policy is fixed now: a retried item must send exactly the same command.
    const allowNegative = !isAccrualType(request.type) && this.config.REFUND_NEGATIVE_TYPE === 'AllowNegative';
    await manager.query(
      `INSERT INTO batch (id, request_id, type, accrue_description, currency_external_id, lifetime_external_id, allow_negative, body_hash, item_count, reply)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        uploadId,
        request.requestId,
        request.type,
        request.accrueDescription ?? null,
        request.currencyExternalId ?? null,
        request.lifeTimeDefinitionExternalId ?? null,
        allowNegative,
        bodyHash,
        request.itemCount,
        JSON.stringify(acceptedReply(request)),
      ],
    );
    const chunks = planChunks(request.itemCount, this.config.BATCH_CHUNK_SIZE);
    await manager.query(
      `INSERT INTO batch_chunk (batch_id, chunk_no, first_index, last_index)
       SELECT $1, * FROM unnest($2::integer[], $3::integer[], $4::integer[])`,
      [uploadId, chunks.map((chunk) => chunk.chunkNo), chunks.map((chunk) => chunk.firstIndex), chunks.map((chunk) => chunk.lastIndex)],
    );
    await manager.query(`DELETE FROM batch_upload WHERE id = $1`, [uploadId]);
  }
}

function acceptedReply(request: BatchSubmitRequest): BatchReply {
  return { requestId: request.requestId, type: request.type, status: BatchReplyStatus.Success, message: BATCH_ACCEPTED_MESSAGE };
}

function rejected(request: BatchSubmitRequest, requestProblems: string[]): BatchSubmitReply {
  return {
    reply: {
      requestId: request.requestId,
      type: request.type,
      status: BatchReplyStatus.Error,
      message: rejectionMessage({ requestProblems, itemProblems: [], problemItemCount: 0, itemCount: request.itemCount }),
    },
    outcome: BatchSubmitOutcome.Rejected,
  };
}
