/* eslint-disable @typescript-eslint/no-inferrable-types -- the annotations emit the design:type metadata loadConfig converts env strings with. */
import { BaseServiceConfig, BooleanFromEnv } from '@loyalty/runtime';
import { IsBoolean, IsIn, IsInt, IsString, IsTimeZone, Matches, Max, Min } from 'class-validator';

export const NEGATIVE_BALANCE_POLICIES = ['SuppressNegative', 'AllowNegative'] as const;
export type NegativeBalancePolicy = (typeof NEGATIVE_BALANCE_POLICIES)[number];

/**
 * Batch-operations environment. Inherits NODE_ENV, PORT, LOG_LEVEL, RABBITMQ_URL and
 * SHUTDOWN_TIMEOUT_MS. `PROGRAM_TIMEZONE` and `REFUND_NEGATIVE_TYPE` share their names (and
 * meaning) with processing, so one `.env` sets both services alike. `.env.example` lists every
 * variable with the same defaults.
 */
export class BatchOperationsConfig extends BaseServiceConfig {
  override PORT: number = 3004;

  @IsString()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// URL' })
  DATABASE_URL: string = 'postgres://postgres@127.0.0.1:5432/loyalty_batch_operations';

  @IsInt()
  @Min(2)
  @Max(200)
  DATABASE_POOL_SIZE: number = 10;

  /** Time zone of `operationDate` values written as `YYYY-MM-DD HH:mm:ss` (IANA name). */
  @IsTimeZone()
  PROGRAM_TIMEZONE: string = 'UTC';

  /**
   * Withdrawals (types 3 and 5) larger than the member's available balance: SuppressNegative
   * refuses that item (recorded as failed, the rest apply); AllowNegative takes it anyway. Fixed
   * per batch when it is accepted.
   */
  @IsIn(NEGATIVE_BALANCE_POLICIES)
  REFUND_NEGATIVE_TYPE: NegativeBalancePolicy = 'SuppressNegative';

  /** Largest batch accepted (items in `accrue`). */
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  BATCH_MAX_ITEMS: number = 200_000;

  /** Items per unit of work in the database queue; a crashed worker's chunk is redone by another. */
  @IsInt()
  @Min(1)
  @Max(10_000)
  BATCH_CHUNK_SIZE: number = 500;

  /** Chunks one replica applies at the same time. */
  @IsInt()
  @Min(1)
  @Max(64)
  BATCH_WORKER_CHUNKS: number = 4;

  /** Balance commands in flight per chunk. */
  @IsInt()
  @Min(1)
  @Max(256)
  BATCH_ITEM_CONCURRENCY: number = 16;

  /** How long a claimed chunk stays with its worker without a heartbeat (a killed worker's chunk is free after this). */
  @IsInt()
  @Min(2)
  @Max(3600)
  BATCH_CHUNK_LEASE_SECONDS: number = 30;

  /** How often an idle worker looks for work (it is also woken at once by a submit in the same replica). */
  @IsInt()
  @Min(50)
  BATCH_WORKER_POLL_MS: number = 1000;

  /** false: this replica accepts and reports batches but applies none. */
  @IsBoolean()
  @BooleanFromEnv()
  BATCH_WORKER_ENABLED: boolean = true;

  /** Wait for one processing balance command; a timeout is retried later with the same idempotency key. */
  @IsInt()
  @Min(100)
  PROCESSING_RPC_TIMEOUT_MS: number = 5000;

  /** Wait for one member lookup of up to 5,000 memberNos during validation. */
  @IsInt()
  @Min(100)
  MEMBER_CHECK_TIMEOUT_MS: number = 15000;

  /** Uploaded items never submitted (a caller that gave up) are deleted after this. */
  @IsInt()
  @Min(1)
  BATCH_UPLOAD_RETENTION_MINUTES: number = 60;
}
