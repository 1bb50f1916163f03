import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type BalanceCommandKind = 'Accrue' | 'Withdraw';

/** One applied balance command: its idempotency key, what it was, and the reply it got. */
@Entity('balance_command')
export class BalanceCommand {
  @PrimaryColumn({ name: 'idempotency_key', type: 'text' })
  idempotencyKey: string;

  @Column({ type: 'text' })
  kind: BalanceCommandKind;

  @Column({ name: 'request_hash', type: 'text' })
  requestHash: string;

  @Column({ name: 'entry_id', type: 'bigint' })
  entryId: string;

  @Column({ type: 'jsonb' })
  reply: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
