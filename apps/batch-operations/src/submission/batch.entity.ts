import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { BatchOperationType, BatchReply, BatchState } from '@loyalty/contracts';

/** An accepted batch request: its header, the reply it got, and its progress counters. */
@Entity('batch')
export class Batch {
  /** The id of the upload its items came in. */
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'request_id', type: 'text', unique: true })
  requestId: string;

  @Column({ type: 'smallint' })
  type: BatchOperationType;

  @Column({ name: 'accrue_description', type: 'text', nullable: true })
  accrueDescription: string | null;

  @Column({ name: 'currency_external_id', type: 'text', nullable: true })
  currencyExternalId: string | null;

  @Column({ name: 'lifetime_external_id', type: 'text', nullable: true })
  lifetimeExternalId: string | null;

  /** REFUND_NEGATIVE_TYPE when the batch was accepted: every retry of an item sends the same command. */
  @Column({ name: 'allow_negative', type: 'boolean' })
  allowNegative: boolean;

  /** sha-256 of the canonical body: a repeated requestId is compared by it. */
  @Column({ name: 'body_hash', type: 'char', length: 64 })
  bodyHash: string;

  @Column({ name: 'item_count', type: 'integer' })
  itemCount: number;

  @Column({ type: 'text' })
  state: BatchState;

  @Column({ name: 'applied_count', type: 'integer' })
  appliedCount: number;

  @Column({ name: 'failed_count', type: 'integer' })
  failedCount: number;

  /** Σ pointsAmount of the applied items (decimal string). */
  @Column({ name: 'applied_points', type: 'numeric', precision: 21, scale: 2 })
  appliedPoints: string;

  @Column({ type: 'jsonb' })
  reply: BatchReply;

  @Column({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
