import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { BalanceChangeReason } from '@loyalty/contracts';
import { Money } from '../money/money';
import { MoneyColumn } from '../database/money-column';

/** One signed movement of an account. Append-only: a database trigger refuses UPDATE and DELETE. */
@Entity('ledger_entry')
export class LedgerEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'account_id', type: 'bigint' })
  accountId: string;

  @Column({ type: 'text' })
  kind: BalanceChangeReason;

  @MoneyColumn()
  amount: Money;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'purchase_id', type: 'integer', nullable: true })
  purchaseId: number | null;

  /** The purchase operationId or the balance command's idempotency key. */
  @Column({ name: 'source_id', type: 'text', nullable: true })
  sourceId: string | null;

  @Column({ name: 'card_number', type: 'text', nullable: true })
  cardNumber: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
