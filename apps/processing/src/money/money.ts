/**
 * Money and bonus amounts as integers: a `Money` is a bigint count of 0.0001 units, the finest
 * precision the wire allows (SPEC §2.1: at most 4 decimals). Binary floating point never holds an
 * amount; JSON numbers are converted on the way in (`moneyFromNumber`) and on the way out
 * (`moneyToNumber`) only. The database stores the same values as numeric(19,4).
 */
export type Money = bigint;

/** Units per 1 (money or bonus). */
export const MONEY_SCALE = 10_000n;
/** 0.01, the precision of every amount the program computes. */
export const CENT = 100n;
export const ZERO: Money = 0n;

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** Reads a JSON number with at most 4 decimals. Throws on anything finer or not finite. */
export function moneyFromNumber(value: number): Money {
  if (!Number.isFinite(value)) throw new RangeError(`Not a finite amount: ${value}`);
  // toFixed(5) prints the double's exact decimal expansion rounded at the 5th decimal: for every
  // value that was written with at most 4 decimals the 5th digit is 0 (binary noise such as
  // 0.1 + 0.2 does not reach it), so a non-zero 5th digit means the input really had more.
  const fixed = value.toFixed(5);
  if (!fixed.endsWith('0')) throw new RangeError(`More than 4 decimals: ${value}`);
  return moneyFromDecimal(fixed.slice(0, -1));
}

/** Reads a decimal string such as numeric columns return ("12.3400", "-5", "0.5"). */
export function moneyFromDecimal(text: string): Money {
  const match = DECIMAL.exec(text.trim());
  if (!match) throw new RangeError(`Not a decimal amount: "${text}"`);
  const [, minus, whole, fraction = ''] = match;
  if (fraction.length > 4 && /[1-9]/.test(fraction.slice(4))) throw new RangeError(`More than 4 decimals: "${text}"`);
  const units = BigInt(whole) * MONEY_SCALE + BigInt(fraction.slice(0, 4).padEnd(4, '0'));
  return minus ? -units : units;
}

/** "12.3400": for numeric columns and for logs. */
export function moneyToDecimal(amount: Money): string {
  const negative = amount < 0n;
  const absolute = negative ? -amount : amount;
  const whole = absolute / MONEY_SCALE;
  const fraction = (absolute % MONEY_SCALE).toString().padStart(4, '0');
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}

/** The JSON number of an amount: the nearest double to its decimal form, e.g. 76.5. */
export function moneyToNumber(amount: Money): number {
  const value = Number(moneyToDecimal(amount));
  // -0 would print as 0 anyway, but keep it out of comparisons.
  return value === 0 ? 0 : value;
}

/** a / b rounded half away from zero ("half-up" on absolute values). */
export function divideHalfUp(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new RangeError('Division by zero');
  const negative = a < 0n !== b < 0n;
  const absA = a < 0n ? -a : a;
  const absB = b < 0n ? -b : b;
  const quotient = (absA * 2n + absB) / (absB * 2n);
  return negative ? -quotient : quotient;
}

/** a / b rounded towards zero. */
export function divideDown(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new RangeError('Division by zero');
  return a / b;
}

export type Rounding = 'halfUp' | 'down';

/** Rounds to 0.01: half-up (away from zero) or down (towards zero). */
export function roundToCents(amount: Money, rounding: Rounding): Money {
  const cents = rounding === 'halfUp' ? divideHalfUp(amount, CENT) : divideDown(amount, CENT);
  return cents * CENT;
}

/** amount × numerator / denominator, rounded to 0.01. */
export function scaleToCents(amount: Money, numerator: bigint, denominator: bigint, rounding: Rounding): Money {
  const product = amount * numerator;
  const divisor = denominator * CENT;
  const cents = rounding === 'halfUp' ? divideHalfUp(product, divisor) : divideDown(product, divisor);
  return cents * CENT;
}

/** `percent`% of an amount, rounded to 0.01. `percent` is itself a Money (10% = money(10)). */
export function percentOf(amount: Money, percent: Money, rounding: Rounding): Money {
  return scaleToCents(amount, percent, 100n * MONEY_SCALE, rounding);
}

export function isWholeCents(amount: Money): boolean {
  return amount % CENT === 0n;
}

export function sumMoney(amounts: Iterable<Money>): Money {
  let total = ZERO;
  for (const amount of amounts) total += amount;
  return total;
}

export function minMoney(...amounts: Money[]): Money {
  return amounts.reduce((least, amount) => (amount < least ? amount : least));
}

export function maxMoney(...amounts: Money[]): Money {
  return amounts.reduce((most, amount) => (amount > most ? amount : most));
}

export function absMoney(amount: Money): Money {
  return amount < 0n ? -amount : amount;
}
