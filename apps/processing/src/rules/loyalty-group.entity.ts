import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { LoyaltyType } from '@loyalty/contracts';
import { Money } from '../money/money';
import { MoneyColumn } from '../database/money-column';

/**
 * A loyalty group (= card category) and its program rule, kept from `cards.loyaltyGroup.changed`.
 * `offerExternalId` names the rule in purchase events (`rewards[].offerExternalId`).
 */
@Entity('loyalty_group')
export class LoyaltyGroup {
  @PrimaryColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'text' })
  title: string;

  @Column({ name: 'loyalty_type', type: 'text' })
  loyaltyType: LoyaltyType;

  /** Percent, as Money units (10% = 10.0000). */
  @MoneyColumn({ name: 'loyalty_quantity', precision: 9 })
  loyaltyQuantity: Money;

  @Column({ type: 'boolean' })
  active: boolean;

  @Column({ name: 'offer_external_id', type: 'uuid' })
  offerExternalId: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** The group of members and cards with no category known to processing. */
export const STANDARD_GROUP_ID = 1;
