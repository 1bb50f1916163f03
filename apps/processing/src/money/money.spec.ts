import {
  divideHalfUp,
  moneyFromDecimal,
  moneyFromNumber,
  moneyToDecimal,
  moneyToNumber,
  percentOf,
  roundToCents,
  scaleToCents,
} from './money';

describe('money', () => {
  it('reads JSON numbers with up to 4 decimals exactly, including binary-noisy sums', () => {
    expect(moneyFromNumber(76.5)).toBe(765000n);
    expect(moneyFromNumber(0.1 + 0.2)).toBe(3000n);
    expect(moneyFromNumber(-6.67)).toBe(-66700n);
    expect(moneyFromNumber(10.0001)).toBe(100001n);
    expect(moneyFromNumber(0)).toBe(0n);
  });

  it('refuses amounts finer than 0.0001 and non-finite numbers', () => {
    expect(() => moneyFromNumber(1.00005)).toThrow(/4 decimals/);
    expect(() => moneyFromNumber(Number.NaN)).toThrow(RangeError);
    expect(() => moneyFromNumber(Infinity)).toThrow(RangeError);
    expect(() => moneyFromNumber(1e21)).toThrow(RangeError);
  });

  it('reads and writes numeric column strings', () => {
    expect(moneyFromDecimal('12.3400')).toBe(123400n);
    expect(moneyFromDecimal('-0.5')).toBe(-5000n);
    expect(moneyFromDecimal('7')).toBe(70000n);
    expect(moneyToDecimal(-66700n)).toBe('-6.6700');
    expect(moneyToDecimal(5n)).toBe('0.0005');
    expect(() => moneyFromDecimal('1e5')).toThrow(RangeError);
  });

  it('turns amounts back into the JSON numbers a client expects', () => {
    expect(moneyToNumber(765000n)).toBe(76.5);
    expect(moneyToNumber(-66700n)).toBe(-6.67);
    expect(moneyToNumber(-0n)).toBe(0);
    expect(Object.is(moneyToNumber(-0n), -0)).toBe(false);
  });

  it('rounds half away from zero', () => {
    expect(divideHalfUp(5n, 2n)).toBe(3n);
    expect(divideHalfUp(-5n, 2n)).toBe(-3n);
    expect(divideHalfUp(4n, 3n)).toBe(1n);
    expect(roundToCents(416650n, 'halfUp')).toBe(416700n); // 41.665 → 41.67
    expect(roundToCents(416649n, 'halfUp')).toBe(416600n);
    expect(roundToCents(382599n, 'down')).toBe(382500n);
    expect(roundToCents(-416650n, 'halfUp')).toBe(-416700n);
  });

  it('computes percentages of amounts to the cent', () => {
    expect(percentOf(850000n, 100000n, 'halfUp')).toBe(85000n); // 10% of 85 = 8.5
    expect(percentOf(765000n, 500000n, 'down')).toBe(382500n); // 50% of 76.5 = 38.25
    expect(percentOf(765100n, 500000n, 'down')).toBe(382500n); // 50% of 76.51 = 38.255 → 38.25
    expect(percentOf(833300n, 500000n, 'halfUp')).toBe(416700n); // 50% of 83.33 = 41.665 → 41.67
    expect(percentOf(1000n, 25000n, 'halfUp')).toBe(0n); // 2.5% of 0.1 = 0.0025 → 0.00
    expect(scaleToCents(100000n, 900000n, 1350000n, 'halfUp')).toBe(66700n); // 10 × 90/135
  });
});
