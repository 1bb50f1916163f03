import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** An upload in progress: items stored, request not submitted yet. Deleted at submit or after the retention period. */
@Entity('batch_upload')
export class BatchUpload {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
