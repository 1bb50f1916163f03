import { moneyFromNumber as m } from '../money/money';
import { accruals, availablePayment, cardCapabilities, GroupRule, paymentCap, programDiscounts } from './program-rules';

const vip: GroupRule = { id: 2, loyaltyType: 'discount', percent: m(10), active: true };
const standard: GroupRule = { id: 1, loyaltyType: 'bonuses', percent: m(5), active: true };

describe('program rules', () => {
  it('discount groups take their percent of each line amount, half-up per line (the seed Calculate)', () => {
    expect(programDiscounts([{ position: 1, amount: m(85) }], vip)).toEqual(new Map([[1, m(8.5)]]));
    expect(programDiscounts([{ position: 1, amount: m(0.05) }, { position: 2, amount: m(0.04) }], vip)).toEqual(
      new Map([
        [1, m(0.01)], // 0.005 → 0.01
        [2, m(0)], // 0.004 → 0.00
      ]),
    );
  });

  it('bonus groups and inactive groups give no discount', () => {
    expect(programDiscounts([{ position: 1, amount: m(85) }], standard).get(1)).toBe(0n);
    expect(programDiscounts([{ position: 1, amount: m(85) }], { ...vip, active: false }).get(1)).toBe(0n);
  });

  it('bonus groups accrue their percent of the money-paid part of each line', () => {
    const lines = [
      { position: 1, amount: m(90) },
      { position: 2, amount: m(45) },
    ];
    const paid = new Map([
      [1, m(6.67)],
      [2, m(3.33)],
    ]);
    // The seed's 62.51 = 50% of (90 − 6.67) + 50% of (45 − 3.33), each rounded half-up.
    expect(accruals(lines, paid, { ...standard, percent: m(50) })).toEqual(new Map([[1, m(41.67)], [2, m(20.84)]]));
    expect(accruals(lines, new Map(), standard)).toEqual(new Map([[1, m(4.5)], [2, m(2.25)]]));
    expect(accruals(lines, paid, vip)).toEqual(new Map([[1, 0n], [2, 0n]]));
  });

  it('caps bonus payment at 50% of the total, rounded down to the cent', () => {
    expect(paymentCap(m(76.5), m(50))).toBe(m(38.25));
    expect(paymentCap(m(76.51), m(50))).toBe(m(38.25));
    expect(paymentCap(m(0.01), m(50))).toBe(0n);
  });

  it('limits what is available by the spendable balance and the card', () => {
    expect(availablePayment(m(38.25), m(1000), true)).toBe(m(38.25));
    expect(availablePayment(m(38.25), m(20.0099), true)).toBe(m(20));
    expect(availablePayment(m(38.25), m(-5), true)).toBe(0n);
    expect(availablePayment(m(38.25), m(1000), false)).toBe(0n);
  });

  it('lets only Activated, unblocked, undeleted cards pay; early states accrue only', () => {
    const card = (cardState: string, isBlocked = false, isDeleted = false) => ({ cardState, isBlocked, isDeleted });
    expect(cardCapabilities(card('Activated'))).toEqual({ refusal: null, canPay: true, canAccrue: true });
    for (const state of ['Prepared', 'Issued', 'Activating']) {
      expect(cardCapabilities(card(state))).toEqual({ refusal: null, canPay: false, canAccrue: true });
    }
    expect(cardCapabilities(card('Activated', true)).refusal).toBe('CardBlocked');
    expect(cardCapabilities(card('Activated', true, true)).refusal).toBe('CardNotFound');
    expect(cardCapabilities(card('Replaced')).refusal).toBe('CardNotActivated');
    expect(cardCapabilities(card('Expired')).refusal).toBe('CardNotActivated');
    expect(cardCapabilities(null)).toEqual({ refusal: null, canPay: true, canAccrue: true });
  });
});
