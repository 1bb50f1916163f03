import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Money } from '../money/money';
import { MoneyColumn } from '../database/money-column';

/**
 * The unspent part of one credit. Debits consume lots earliest expiry first (lots that never
 * expire last); the expiry job writes off what is left of expired lots. Across an account,
 * Σ remaining = max(balance, 0).
 */
@Entity('accrual_lot')
export class AccrualLot {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'account_id', type: 'bigint' })
  accountId: string;

  @Column({ name: 'entry_id', type: 'bigint' })
  entryId: string;

  @MoneyColumn()
  amount: Money;

  @MoneyColumn()
  remaining: Money;

  @Column({ name: 'lifetime_id', type: 'integer' })
  lifetimeId: number;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
