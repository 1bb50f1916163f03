import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type BatchChunkState = 'Pending' | 'Done';

/**
 * The work queue: one row per slice of a batch. A worker claims a Pending chunk for a lease
 * (`FOR UPDATE SKIP LOCKED`), extends the lease while it works and marks it Done; a chunk whose
 * worker died is claimed again once the lease has run out.
 */
@Entity('batch_chunk')
export class BatchChunk {
  /** Claim order: batches in the order they were accepted, chunks in item order. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'batch_id', type: 'uuid' })
  batchId: string;

  @Column({ name: 'chunk_no', type: 'integer' })
  chunkNo: number;

  @Column({ name: 'first_index', type: 'integer' })
  firstIndex: number;

  @Column({ name: 'last_index', type: 'integer' })
  lastIndex: number;

  @Column({ type: 'text' })
  state: BatchChunkState;

  @Column({ type: 'integer' })
  attempts: number;

  @Column({ name: 'lease_owner', type: 'text', nullable: true })
  leaseOwner: string | null;

  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil: Date | null;

  /** A chunk released after a transient failure waits until then. */
  @Column({ name: 'not_before', type: 'timestamptz' })
  notBefore: Date;
}
