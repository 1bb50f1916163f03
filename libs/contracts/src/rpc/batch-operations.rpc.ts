import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';

/**
 * RPC contracts of the batch-operations service (SPEC §3.6, seed 001 "API для пакетного изменения
 * балансов"), served on `loyalty.rpc`, plus the one internal event it publishes.
 *
 * A batch reaches the service in pieces: a 100,000-item body is tens of megabytes, too much for
 * one broker message and for one validation pass in memory. The caller uploads the items in
 * parts of at most `BATCH_UPLOAD_PART_MAX_ITEMS` under an `uploadId` it chooses (`batch.upload`,
 * safe to repeat), then submits the header with `itemCount` (`batch.submit`). Small batches may
 * travel inline in `batch.submit` instead.
 *
 * Items are deliberately not validated field by field here: the service checks every item itself
 * and answers `status: 1` naming the bad ones (the seed's protocol), which a contract-level
 * rejection of the whole message could not do.
 */

export const BatchOperationsRpc = {
  Upload: 'batch.upload',
  Submit: 'batch.submit',
  Progress: 'batch.progress',
} as const;
export type BatchOperationsRpc = (typeof BatchOperationsRpc)[keyof typeof BatchOperationsRpc];

/** Timeouts the callers use: submitting validates and stores up to the whole batch at once. */
export const BATCH_UPLOAD_TIMEOUT_MS = 30_000;
export const BATCH_SUBMIT_TIMEOUT_MS = 120_000;
export const BATCH_PROGRESS_TIMEOUT_MS = 5_000;

/** Items per `batch.upload` call (and the most `batch.submit` takes inline). */
export const BATCH_UPLOAD_PART_MAX_ITEMS = 5000;

/** The seed's request types. 2 and 4 accrue, 3 and 5 take bonuses back. */
export const BatchOperationType = {
  Accrual: 2,
  Withdrawal: 3,
  ManualAccrual: 4,
  ManualWithdrawal: 5,
} as const;
export type BatchOperationType = (typeof BatchOperationType)[keyof typeof BatchOperationType];
export const BATCH_OPERATION_TYPES: readonly BatchOperationType[] = Object.freeze(Object.values(BatchOperationType));

export function isAccrualType(type: BatchOperationType): boolean {
  return type === BatchOperationType.Accrual || type === BatchOperationType.ManualAccrual;
}

/** The reply's `status`: 0 success, 1 error (seed). */
export const BatchReplyStatus = { Success: 0, Error: 1 } as const;
export type BatchReplyStatus = (typeof BatchReplyStatus)[keyof typeof BatchReplyStatus];

/** The seed's message for an accepted batch. */
export const BATCH_ACCEPTED_MESSAGE = 'Операция выполнена успешно';

/** Progress of a stored batch (SPEC §3.6). */
export const BatchState = {
  NotProcessed: 'NotProcessed',
  Processing: 'Processing',
  Processed: 'Processed',
  ProcessedWithError: 'ProcessedWithError',
} as const;
export type BatchState = (typeof BatchState)[keyof typeof BatchState];

/** Typed RPC errors of the service (business answers travel in the reply's `status` instead). */
export const BatchErrorCode = {
  /** `batch.progress` for a requestId that was never accepted. */
  BatchNotFound: 'BatchNotFound',
  /** `batch.upload` into an upload that was already submitted. */
  UploadClosed: 'UploadClosed',
  /** Processing did not answer the member or registry checks: the batch cannot be validated now. */
  ProcessingUnavailable: 'ProcessingUnavailable',
} as const;
export type BatchErrorCode = (typeof BatchErrorCode)[keyof typeof BatchErrorCode];

/**
 * One element of the request's `accrue` array as the client sent it. Every field is checked by
 * the service (see the file comment); unknown keys are ignored.
 */
export interface BatchItemInput {
  /** Card number or the member's customerUid. */
  memberNo?: unknown;
  /** Shown in History; falls back to the request's `accrueDescription`. The seed's casing. */
  Description?: unknown;
  /** `YYYY-MM-DD HH:mm:ss` in the program time zone, or ISO-8601 with an offset. */
  operationDate?: unknown;
  merchantName?: unknown;
  transactionAmount?: unknown;
  /** Positive, at most 2 decimals. */
  pointsAmount?: unknown;
}

/** `batch.upload`: stores items `offset … offset + items.length − 1` of an upload. Repeating a part is harmless. */
export class BatchUploadRequest {
  /** Chosen by the caller, one per request body; becomes the batch's id once submitted. */
  @IsUUID('all')
  uploadId: string;

  /** Index of the first item of this part in the request's `accrue` array. */
  @IsInt()
  @Min(0)
  offset: number;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BATCH_UPLOAD_PART_MAX_ITEMS)
  @IsObject({ each: true, message: 'every item must be a JSON object' })
  items: BatchItemInput[];
}

export interface BatchUploadReply {
  uploadId: string;
  /** Items of this part stored now or by an earlier identical call. */
  stored: number;
}

/** `batch.submit`: the request's header; items either uploaded under `uploadId` or inline in `items`. */
export class BatchSubmitRequest {
  @IsString()
  @Length(1, 100)
  requestId: string;

  @IsIn(BATCH_OPERATION_TYPES)
  type: BatchOperationType;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  accrueDescription?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  currencyExternalId?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  lifeTimeDefinitionExternalId?: string | null;

  /** How many items the request has (the length of `accrue`). */
  @IsInt()
  @Min(1)
  itemCount: number;

  @ValidateIf((request: BatchSubmitRequest) => request.items === undefined)
  @IsUUID('all')
  uploadId?: string;

  @ValidateIf((request: BatchSubmitRequest) => request.uploadId === undefined)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BATCH_UPLOAD_PART_MAX_ITEMS)
  @IsObject({ each: true, message: 'every item must be a JSON object' })
  items?: BatchItemInput[];
}

/** The seed's reply model, exactly. */
export interface BatchReply {
  requestId: string;
  type: number;
  status: BatchReplyStatus;
  message: string;
}

/**
 * How the reply came about, for the HTTP status the gateway answers with (the body is the seed's
 * reply either way): `Accepted` stored now, `Repeated` the stored reply of an identical request,
 * `Rejected` validation failed (nothing stored), `Conflict` the requestId was used for another body.
 */
export const BatchSubmitOutcome = { Accepted: 'Accepted', Repeated: 'Repeated', Rejected: 'Rejected', Conflict: 'Conflict' } as const;
export type BatchSubmitOutcome = (typeof BatchSubmitOutcome)[keyof typeof BatchSubmitOutcome];

export interface BatchSubmitReply {
  reply: BatchReply;
  outcome: BatchSubmitOutcome;
}

/** `batch.progress`: a batch's state and its failed items, a page at a time. */
export class BatchProgressRequest {
  @IsString()
  @Length(1, 100)
  requestId: string;

  /** Failed items to skip (ordered by item index). */
  @IsOptional()
  @IsInt()
  @Min(0)
  errorsFrom?: number;

  /** Failed items to list, at most 1000 (default 100). */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  errorsCount?: number;
}

export interface BatchItemError {
  /** Position in the request's `accrue` array, from 0. */
  itemIndex: number;
  memberNo: string;
  /** Processing's code, e.g. `NotEnoughMoney`, `MemberNotFound`. */
  code: string;
  message: string;
}

export interface BatchProgressReply {
  requestId: string;
  type: BatchOperationType;
  state: BatchState;
  itemCount: number;
  /** Applied to the balance. */
  appliedCount: number;
  /** Refused by processing (see `errors`). */
  failedCount: number;
  /** Not applied yet. */
  pendingCount: number;
  submittedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Failed items, ordered by index, paged by `errorsFrom` / `errorsCount`. */
  errors: BatchItemError[];
}

// ---------------------------------------------------------------------------------------------
// Internal event
// ---------------------------------------------------------------------------------------------

export const BATCH_FINISHED_ROUTING_KEY = 'batch.request.finished';
export const BATCH_FINISHED_EVENT_CODE = 'OnBatchFinished';

/**
 * `batch.request.finished` (internal, never bound to SMC): every item of a batch is applied or
 * refused. For analytics of accruals and withdrawals by request type (seed: "Со стороны аналитики
 * можно будет отслеживать количество проводимых операций").
 */
export class BatchFinishedEvent {
  @IsString()
  requestId: string;

  @IsIn(BATCH_OPERATION_TYPES)
  type: BatchOperationType;

  @IsIn([BatchState.Processed, BatchState.ProcessedWithError])
  state: BatchState;

  @IsInt()
  itemCount: number;

  @IsInt()
  appliedCount: number;

  @IsInt()
  failedCount: number;

  /** Σ pointsAmount of the applied items, a decimal string (2 decimals). */
  @IsString()
  appliedPoints: string;

  @IsISO8601()
  submittedAt: string;

  @IsISO8601()
  finishedAt: string;
}
