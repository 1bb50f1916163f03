import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { MerchantContext } from '@loyalty/contracts';
import { Money } from '../money/money';
import { MoneyColumn } from '../database/money-column';

export type PurchaseKind = 'Sale' | 'Refund';

/**
 * Calculated → Paid (bonuses held) → Accrued (Bonus recorded) → Confirmed, or Canceled. Payment
 * may be skipped (Calculated → Accrued), and cancelling a single operation steps back.
 */
export type PurchaseStage = 'Calculated' | 'Paid' | 'Accrued' | 'Confirmed' | 'Canceled';

/** A cheque line as stored: decimal strings, so the JSON never holds a binary float. */
export interface StoredLine {
  position: number;
  quantity: string;
  /** What the line costs after every discount (the POS's and ours). */
  amount: string;
  /** The POS's own discount on the line. */
  posDiscount: string;
  /** Our loyalty-group discount on the line (Calculate). */
  programDiscount: string;
  goodsId: string | null;
  barcode: string | null;
  name: string | null;
  unit: string | null;
}

/** What refunds have returned of one line so far. */
export interface ReturnedLine {
  quantity: string;
  payment: string;
  accrual: string;
}

/** position → decimal string. */
export type StoredPositions = Record<string, string>;

/**
 * A purchase (or a refund, `kind: Refund`) as processing knows it. `id` is the integer
 * `purchaseId` of the events; `externalPurchaseId` is the `{purchaseId}` of the URL, unique per
 * merchant scope (the merchant's uuid, or the member for calls without a merchant).
 */
@Entity('purchase')
export class Purchase {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'merchant_scope', type: 'text' })
  merchantScope: string;

  @Column({ name: 'external_purchase_id', type: 'text' })
  externalPurchaseId: string;

  @Column({ type: 'text' })
  kind: PurchaseKind;

  @Column({ type: 'text' })
  stage: PurchaseStage;

  @Column({ name: 'customer_id', type: 'integer' })
  customerId: number;

  @Column({ name: 'account_id', type: 'bigint' })
  accountId: string;

  @Column({ name: 'card_number', type: 'text', nullable: true })
  cardNumber: string | null;

  @Column({ name: 'card_id', type: 'integer', nullable: true })
  cardId: number | null;

  /** How the member was recognised: the card number, else the member's uuid. */
  @Column({ type: 'text' })
  identity: string;

  @Column({ name: 'identifier_id', type: 'integer', nullable: true })
  identifierId: number | null;

  @Column({ name: 'application_id', type: 'integer', nullable: true })
  applicationId: number | null;

  @Column({ type: 'jsonb', nullable: true })
  merchant: MerchantContext | null;

  @Column({ type: 'text', nullable: true })
  cashier: string | null;

  @Column({ name: 'cheque_number', type: 'text', nullable: true })
  chequeNumber: string | null;

  @Column({ type: 'jsonb' })
  lines: StoredLine[];

  @Column({ name: 'group_id', type: 'integer', nullable: true })
  groupId: number | null;

  @Column({ name: 'offer_external_id', type: 'uuid', nullable: true })
  offerExternalId: string | null;

  @MoneyColumn({ name: 'payment_amount', default: 0 })
  paymentAmount: Money;

  @Column({ name: 'payment_positions', type: 'jsonb', default: {} })
  paymentPositions: StoredPositions;

  @Column({ name: 'hold_id', type: 'bigint', nullable: true })
  holdId: string | null;

  @MoneyColumn({ name: 'accrual_amount', default: 0 })
  accrualAmount: Money;

  @Column({ name: 'accrual_positions', type: 'jsonb', default: {} })
  accrualPositions: StoredPositions;

  /** position → what refunds took back so far (sales only). */
  @Column({ type: 'jsonb', default: {} })
  returned: Record<string, ReturnedLine>;

  /** For a refund: the sale it returns goods of. */
  @Column({ name: 'refunded_purchase_id', type: 'integer', nullable: true })
  refundedPurchaseId: number | null;

  @Column({ name: 'operation_date', type: 'timestamptz' })
  operationDate: Date;

  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
