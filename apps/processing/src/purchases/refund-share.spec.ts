import { moneyFromNumber as m } from '../money/money';
import { reversedShare } from './refund-share';

describe('refund share rule', () => {
  it('returning a whole line reverses its whole share (the seed: line 1 gives back 6.67, takes back 41.67)', () => {
    const base = { alreadyReversed: 0n, boughtQuantity: m(10), returnedBefore: 0n, returningNow: m(10) };
    expect(reversedShare({ ...base, share: m(6.67) })).toBe(m(6.67));
    expect(reversedShare({ ...base, share: m(41.67) })).toBe(m(41.67));
  });

  it('returns share × quantity / bought, half-up to the cent, for part of a line', () => {
    const line = { share: m(10), alreadyReversed: 0n, boughtQuantity: m(3), returnedBefore: 0n, returningNow: m(1) };
    expect(reversedShare(line)).toBe(m(3.33)); // 3.333…
    expect(reversedShare({ ...line, returningNow: m(2) })).toBe(m(6.67)); // 6.666…
  });

  it('the refund of the last units takes exactly what is left, so the parts add up to the share', () => {
    const share = m(10);
    const first = reversedShare({ share, alreadyReversed: 0n, boughtQuantity: m(3), returnedBefore: 0n, returningNow: m(1) });
    const second = reversedShare({ share, alreadyReversed: first, boughtQuantity: m(3), returnedBefore: m(1), returningNow: m(1) });
    const third = reversedShare({ share, alreadyReversed: first + second, boughtQuantity: m(3), returnedBefore: m(2), returningNow: m(1) });
    expect([first, second, third]).toEqual([m(3.33), m(3.33), m(3.34)]);
    expect(first + second + third).toBe(share);
  });

  it('works with fractional quantities and never reverses more than is left', () => {
    expect(reversedShare({ share: m(5), alreadyReversed: 0n, boughtQuantity: m(1.5), returnedBefore: 0n, returningNow: m(0.5) })).toBe(
      m(1.67),
    );
    expect(reversedShare({ share: m(0.01), alreadyReversed: m(0.01), boughtQuantity: m(2), returnedBefore: m(1), returningNow: m(0.5) })).toBe(0n);
  });
});
