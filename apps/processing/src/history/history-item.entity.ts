import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { HistoryItemType } from '@loyalty/contracts';

/**
 * One row of a member's History (SPEC §3.5), written when the thing happens. `data` holds the row's
 * data with amounts as decimal strings and currencies by id; currencyInfo is filled in on read
 * from the registry.
 */
@Entity('history_item')
export class HistoryItem {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  seq: string;

  @Column({ type: 'uuid', unique: true })
  id: string;

  @Column({ name: 'customer_id', type: 'integer' })
  customerId: number;

  @Column({ name: 'card_id', type: 'integer', nullable: true })
  cardId: number | null;

  @Column({ type: 'text' })
  type: HistoryItemType;

  @Column({ name: 'date_time', type: 'timestamptz' })
  dateTime: Date;

  @Column({ type: 'text' })
  identity: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ name: 'partner_id', type: 'text', nullable: true })
  partnerId: string | null;

  @Column({ name: 'brand_id', type: 'text', nullable: true })
  brandId: string | null;

  @Column({ type: 'jsonb' })
  data: StoredHistoryData;
}

/** An amount in a stored history row. */
export interface StoredAmount {
  amount: string;
  currencyId: number;
}

export type StoredHistoryData =
  | {
      kind: 'Purchase';
      externalPurchaseId: string;
      chequeItems: Array<{ description: string; count: string; amount: string }>;
      withdraws: Array<{ withdrawType: string; description: string | null; amount: StoredAmount }>;
      rewards: Array<{ offerExternalId: string | null; rewardType: string; description: string | null; amount: StoredAmount }>;
      isRefund: boolean;
      chequeNumber: string;
      amount: StoredAmount;
    }
  | { kind: 'RewardData'; offerExternalId: string | null; rewardType: string; description: string | null; amount: StoredAmount }
  | { kind: 'WithdrawData'; withdrawType: string; description: string | null; amount: StoredAmount };
