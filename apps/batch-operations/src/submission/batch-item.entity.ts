import { Column, Entity, PrimaryColumn } from 'typeorm';

export type BatchItemState = 'Pending' | 'Applied' | 'Failed';

/**
 * One element of a request's `accrue` array, normalised (see items/batch-item.ts), and what
 * happened when it was applied. Written in bulk; this mapping documents the table and serves reads.
 */
@Entity('batch_item')
export class BatchItemRecord {
  /** The upload id, which becomes the batch id at submit. */
  @PrimaryColumn({ name: 'batch_id', type: 'uuid' })
  batchId: string;

  @PrimaryColumn({ name: 'item_index', type: 'integer' })
  itemIndex: number;

  @Column({ name: 'member_no', type: 'text', nullable: true })
  memberNo: string | null;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'operation_date', type: 'timestamptz', nullable: true })
  operationDate: Date | null;

  @Column({ name: 'merchant_name', type: 'text', nullable: true })
  merchantName: string | null;

  @Column({ name: 'transaction_amount', type: 'numeric', precision: 19, scale: 4, nullable: true })
  transactionAmount: string | null;

  @Column({ name: 'points_amount', type: 'numeric', precision: 19, scale: 2, nullable: true })
  pointsAmount: string | null;

  /** sha-256 of the item's canonical JSON (items/body-fingerprint.ts). */
  @Column({ type: 'bytea' })
  digest: Buffer;

  /** What is wrong with the item as sent; any problem rejects the request. */
  @Column({ type: 'text', nullable: true })
  problem: string | null;

  @Column({ type: 'text' })
  state: BatchItemState;

  @Column({ name: 'error_code', type: 'text', nullable: true })
  errorCode: string | null;

  @Column({ name: 'error_message', type: 'text', nullable: true })
  errorMessage: string | null;

  /** Processing's ledger entry. */
  @Column({ name: 'entry_id', type: 'bigint', nullable: true })
  entryId: string | null;

  @Column({ name: 'processed_at', type: 'timestamptz', nullable: true })
  processedAt: Date | null;
}
