import type { LoyaltyGroupView, LoyaltyType } from '@loyalty/contracts';

export interface LoyaltyGroupRow {
  id: number;
  title: string;
  loyalty_type: LoyaltyType;
  /** numeric(9,4) comes back from pg as a string. */
  loyalty_quantity: string;
  active: boolean;
}

export function toGroupView(row: LoyaltyGroupRow): LoyaltyGroupView {
  return { id: row.id, title: row.title, loyaltyType: row.loyalty_type, loyaltyQuantity: Number(row.loyalty_quantity), active: row.active };
}

/** The requested groups that are new or differ from what is stored, in request order. */
export function groupsToWrite(current: readonly LoyaltyGroupView[], requested: readonly LoyaltyGroupView[]): LoyaltyGroupView[] {
  const byId = new Map(current.map((group) => [group.id, group]));
  return requested
    .map((group) => ({ id: group.id, title: group.title, loyaltyType: group.loyaltyType, loyaltyQuantity: group.loyaltyQuantity, active: group.active }))
    .filter((group) => {
      const stored = byId.get(group.id);
      return (
        !stored ||
        stored.title !== group.title ||
        stored.loyaltyType !== group.loyaltyType ||
        stored.loyaltyQuantity !== group.loyaltyQuantity ||
        stored.active !== group.active
      );
    });
}
