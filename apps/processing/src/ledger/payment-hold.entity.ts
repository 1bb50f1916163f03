import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Money } from '../money/money';
import { MoneyColumn } from '../database/money-column';

export type PaymentHoldState = 'Held' | 'Captured' | 'Released';

/** Bonuses reserved by a Payment until the purchase is confirmed (captured) or canceled (released). */
@Entity('payment_hold')
export class PaymentHold {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'account_id', type: 'bigint' })
  accountId: string;

  @Column({ name: 'purchase_id', type: 'integer' })
  purchaseId: number;

  @Column({ name: 'operation_id', type: 'text' })
  operationId: string;

  /** What the daily limits count per: `card:<number>`, or `customer:<id>` for a member with no card. */
  @Column({ name: 'limit_key', type: 'text' })
  limitKey: string;

  /** The calendar day (PROGRAM_TIMEZONE) the payment counts towards. */
  @Column({ name: 'business_date', type: 'date' })
  businessDate: string;

  @MoneyColumn()
  amount: Money;

  @Column({ type: 'text' })
  state: PaymentHoldState;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
