import { allocateByWeight, AllocationLine } from './allocation';
import { Money, moneyFromNumber, moneyToNumber, sumMoney } from './money';

const lines = (...amounts: number[]): AllocationLine[] =>
  amounts.map((amount, index) => ({ position: index + 1, weight: moneyFromNumber(amount) }));

const split = (total: number, ...amounts: number[]): number[] =>
  [...allocateByWeight(moneyFromNumber(total), lines(...amounts)).values()].map(moneyToNumber);

/** Deterministic generator (mulberry32) so a failing case can be reproduced from its seed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('positionInfo allocation (SPEC §3.4)', () => {
  it.each([
    [10, [6.67, 3.33]],
    [15, [10, 5]],
    [62.51, [41.67, 20.84]],
  ])('splits %p over lines 90/45 as in seed 000', (total, expected) => {
    expect(split(total, 90, 45)).toEqual(expected);
  });

  it('keeps the sign of a negative total on every part (withdraws)', () => {
    expect(split(-10, 90, 45)).toEqual([-6.67, -3.33]);
  });

  it('gives zero-weight lines nothing and the rest to the last weighted line', () => {
    expect(split(10, 90, 45, 0)).toEqual([6.67, 3.33, 0]);
    expect(split(5, 0, 0)).toEqual([0, 5]);
  });

  it('never gives a part the wrong sign when rounding up earlier shares overshoots', () => {
    // 0.02 over 1/1/1/0.0001: half-up shares of 0.01 each would leave -0.01 for the last line.
    const parts = split(0.02, 1, 1, 1, 0.0001);
    expect(parts.reduce((a, b) => a + b, 0)).toBeCloseTo(0.02, 10);
    expect(parts.every((part) => part >= 0)).toBe(true);
  });

  it('property: over random cheques the parts always sum exactly to the whole, each within a cent of its share', () => {
    for (let seed = 1; seed <= 500; seed += 1) {
      const random = seededRandom(seed);
      const lineCount = 1 + Math.floor(random() * 12);
      const cheque = Array.from({ length: lineCount }, (_, index) => ({
        position: index + 1,
        weight: BigInt(Math.floor(random() * 5_000_000)) * 100n, // up to 50,000.00 per line, whole cents
      }));
      const totalWeight = sumMoney(cheque.map((line) => line.weight));
      const total: Money = (BigInt(Math.floor(random() * 2_000_000)) * 100n) * (random() < 0.5 ? -1n : 1n);
      const parts = allocateByWeight(total, cheque);
      const lastWeighted = [...cheque].reverse().find((line) => line.weight > 0n);

      expect({ seed, sum: sumMoney(parts.values()) }).toEqual({ seed, sum: total });
      expect([...parts.keys()]).toEqual(cheque.map((line) => line.position));
      for (const line of cheque) {
        const part = parts.get(line.position) ?? 0n;
        expect({ seed, wrongSign: total >= 0n ? part < 0n : part > 0n }).toEqual({ seed, wrongSign: false });
        expect({ seed, wholeCents: part % 100n === 0n }).toEqual({ seed, wholeCents: true });
        if (totalWeight > 0n && line.weight > 0n && line !== lastWeighted) {
          // Not the last line: within half a cent of the exact proportional share (in units × weight).
          const exactTimesWeight = (total < 0n ? -total : total) * line.weight;
          const partTimesWeight = (part < 0n ? -part : part) * totalWeight;
          const distance = partTimesWeight > exactTimesWeight ? partTimesWeight - exactTimesWeight : exactTimesWeight - partTimesWeight;
          expect({ seed, withinHalfCent: distance <= 50n * totalWeight }).toEqual({ seed, withinHalfCent: true });
        }
      }
    }
  });
});
