import type { LoyaltyGroupView } from '@loyalty/contracts';
import { groupsToWrite, toGroupView } from './loyalty-group-rules';

const standard: LoyaltyGroupView = { id: 1, title: 'Standard', loyaltyType: 'bonuses', loyaltyQuantity: 5, active: true };
const vip: LoyaltyGroupView = { id: 2, title: 'VIP', loyaltyType: 'discount', loyaltyQuantity: 10, active: true };

describe('loyalty group rules', () => {
  it('reads numeric quantities as numbers', () => {
    expect(toGroupView({ id: 2, title: 'VIP', loyalty_type: 'discount', loyalty_quantity: '10.2500', active: true })).toEqual({ ...vip, loyaltyQuantity: 10.25 });
  });

  it('writes new and changed groups only', () => {
    expect(groupsToWrite([standard, vip], [standard, vip])).toEqual([]);
    expect(groupsToWrite([standard, vip], [{ ...vip, loyaltyQuantity: 12 }, standard])).toEqual([{ ...vip, loyaltyQuantity: 12 }]);
    expect(groupsToWrite([standard], [{ ...standard, active: false }, vip])).toEqual([{ ...standard, active: false }, vip]);
  });

  it('drops unknown keys of the request', () => {
    expect(groupsToWrite([], [{ ...vip, extra: 1 } as LoyaltyGroupView])).toEqual([vip]);
  });
});
