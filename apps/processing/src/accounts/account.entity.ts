import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Money } from '../money/money';
import { MoneyColumn } from '../database/money-column';

/**
 * A member's account in one currency. `balance` always equals the sum of the account's ledger
 * entries (both change in one transaction under the row lock); `held` is the sum of its active
 * payment holds. What a payment may use is balance − held.
 */
@Entity('account')
export class Account {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'customer_id', type: 'integer' })
  customerId: number;

  @Column({ name: 'currency_id', type: 'integer' })
  currencyId: number;

  @Column({ name: 'customer_uid', type: 'uuid' })
  customerUid: string;

  /** The member's account id as other services publish it in customerInfo. */
  @Column({ name: 'accountgroup_id', type: 'text' })
  accountgroupId: string;

  @MoneyColumn({ default: 0 })
  balance: Money;

  @MoneyColumn({ default: 0 })
  held: Money;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
