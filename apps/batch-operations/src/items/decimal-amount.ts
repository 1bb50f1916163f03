/**
 * Amounts arrive as JSON numbers and are never computed with in binary floating point (SPEC §4):
 * the number's shortest decimal representation (what JSON carried) is checked for precision and
 * turned into an exact decimal string for PostgreSQL `numeric`.
 */

export type DecimalResult = { ok: true; value: string } | { ok: false; reason: 'type' | 'precision' | 'range' };

export interface DecimalRule {
  maxDecimals: number;
  /** Zero allowed (otherwise the amount must be positive). */
  allowZero: boolean;
  /** Exclusive upper bound. */
  below: number;
}

export const POINTS_RULE: DecimalRule = { maxDecimals: 2, allowZero: false, below: 1e12 };
export const MONEY_RULE: DecimalRule = { maxDecimals: 4, allowZero: true, below: 1e15 };

export function parseDecimalAmount(value: unknown, rule: DecimalRule): DecimalResult {
  if (typeof value !== 'number' || !Number.isFinite(value)) return { ok: false, reason: 'type' };
  if (value < 0 || (value === 0 && !rule.allowZero) || value >= rule.below) return { ok: false, reason: 'range' };
  const text = plainDecimal(value);
  if (text === null) return { ok: false, reason: 'precision' };
  const [whole, fraction = ''] = text.split('.');
  if (fraction.length > rule.maxDecimals) return { ok: false, reason: 'precision' };
  return { ok: true, value: fraction ? `${whole}.${fraction}` : whole };
}

/**
 * The number as JavaScript prints it, without exponent. Small values print as `1e-7`: those have
 * more decimals than any rule allows. Large ones are already refused by the range check.
 */
function plainDecimal(value: number): string | null {
  const text = String(value);
  return /e/i.test(text) ? null : text;
}
