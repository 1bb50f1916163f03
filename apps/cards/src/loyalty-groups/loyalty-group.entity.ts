import { Column, Entity, PrimaryColumn } from 'typeorm';

export type LoyaltyType = 'discount' | 'bonuses';

/**
 * A card category, which is also the member's loyalty group (SPEC §3.3). The migration seeds the
 * defaults: 1 "Standard" (bonuses 5 %) and 2 "VIP" (discount 10 %).
 */
@Entity({ name: 'loyalty_group' })
export class LoyaltyGroup {
  @PrimaryColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ name: 'loyalty_type', type: 'varchar', length: 16 })
  loyaltyType: LoyaltyType;

  /** Percent: the discount, or the share of the paid amount accrued as bonuses. Kept as a decimal string. */
  @Column({ name: 'loyalty_quantity', type: 'numeric', precision: 9, scale: 4 })
  loyaltyQuantity: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;
}
