import { Money, scaleToCents, ZERO } from '../money/money';

export interface LineReturn {
  /** The line's share of the amount being reversed (its positionInfo value, absolute). */
  share: Money;
  /** What earlier refunds already reversed of that share. */
  alreadyReversed: Money;
  boughtQuantity: Money;
  /** Quantity earlier refunds returned. */
  returnedBefore: Money;
  returningNow: Money;
}

/**
 * What a refund reverses of one line's share (SPEC §3.4): share × returned quantity / bought
 * quantity, rounded half-up to 0.01 — except that the refund returning the last units takes exactly
 * what is left, so a line returned in several refunds reverses its share exactly once in total.
 * Never more than what is left.
 */
export function reversedShare(line: LineReturn): Money {
  const left = line.share - line.alreadyReversed;
  if (left <= 0n) return ZERO;
  if (line.returnedBefore + line.returningNow >= line.boughtQuantity) return left;
  const proportional = scaleToCents(line.share, line.returningNow, line.boughtQuantity, 'halfUp');
  return proportional > left ? left : proportional;
}
