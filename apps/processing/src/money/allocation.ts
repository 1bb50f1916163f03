import { absMoney, Money, scaleToCents, sumMoney, ZERO } from './money';

export interface AllocationLine {
  position: number;
  /** The line's weight, normally its `amount`. */
  weight: Money;
}

/**
 * Splits `total` across cheque lines in proportion to their weights (SPEC §3.4 `positionInfo`):
 * every line but the last gets its share rounded half-up to 0.01, the last gets the rest, so the
 * parts always add up to the total exactly. Works on absolute values; the sign of `total` is put
 * back on every part (withdraws are negative, rewards positive).
 *
 * Two cases the rule leaves open: lines with zero weight get 0 and "the last line" is the last one
 * with a positive weight; and where rounding up the earlier shares would leave the last line a
 * negative rest (only possible with a tiny total over many lines), an earlier share is cut to
 * what is left, so no part ever has the wrong sign.
 */
export function allocateByWeight(total: Money, lines: readonly AllocationLine[]): Map<number, Money> {
  const sign = total < 0n ? -1n : 1n;
  const absoluteTotal = absMoney(total);
  const parts = new Map<number, Money>();
  for (const line of lines) parts.set(line.position, ZERO);

  const weighted = lines.filter((line) => line.weight > 0n);
  if (weighted.length === 0) {
    if (lines.length > 0 && absoluteTotal !== ZERO) parts.set(lines[lines.length - 1].position, total);
    return parts;
  }
  const totalWeight = sumMoney(weighted.map((line) => line.weight));
  let left = absoluteTotal;
  weighted.forEach((line, index) => {
    const isLast = index === weighted.length - 1;
    let share = isLast ? left : scaleToCents(absoluteTotal, line.weight, totalWeight, 'halfUp');
    if (share > left) share = left;
    left -= share;
    parts.set(line.position, (parts.get(line.position) ?? ZERO) + share * sign);
  });
  return parts;
}

/** positionInfo as the events carry it: position id (string) → JSON number. */
export function positionInfo(parts: ReadonlyMap<number, Money>, toNumber: (amount: Money) => number): Record<string, number> {
  const info: Record<string, number> = {};
  for (const [position, amount] of parts) info[String(position)] = toNumber(amount);
  return info;
}
