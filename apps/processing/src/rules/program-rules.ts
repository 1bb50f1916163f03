import { ProcessingResultCode } from '@loyalty/contracts';
import { Money, percentOf, roundToCents, ZERO } from '../money/money';

/** The rule of a loyalty group (SPEC §3.4): a discount or a bonus accrual, in percent. */
export interface GroupRule {
  id: number;
  loyaltyType: 'discount' | 'bonuses';
  /** Percent as Money (10% = 100000n). */
  percent: Money;
  active: boolean;
}

export interface PricedLine {
  position: number;
  /** Amount the rule applies to. */
  amount: Money;
}

/**
 * Our discount of each line for a discount group: `percent` of the line's `amount` (not its
 * price), rounded half-up to 0.01. Other and inactive groups give none.
 */
export function programDiscounts(lines: readonly PricedLine[], rule: GroupRule): Map<number, Money> {
  const grants = rule.active && rule.loyaltyType === 'discount';
  return new Map(lines.map((line) => [line.position, grants ? percentOf(line.amount, rule.percent, 'halfUp') : ZERO]));
}

/**
 * The accrual of each line for a bonus group: `percent` of the part of the line paid with money
 * (its amount less the bonuses allocated to it), rounded half-up to 0.01.
 */
export function accruals(
  lines: readonly PricedLine[],
  bonusPaid: ReadonlyMap<number, Money>,
  rule: GroupRule,
): Map<number, Money> {
  const grants = rule.active && rule.loyaltyType === 'bonuses';
  return new Map(
    lines.map((line) => {
      if (!grants) return [line.position, ZERO];
      const moneyPaid = line.amount - (bonusPaid.get(line.position) ?? ZERO);
      return [line.position, moneyPaid > 0n ? percentOf(moneyPaid, rule.percent, 'halfUp') : ZERO];
    }),
  );
}

/** The most bonuses a cheque may be paid with: `capPercent` of its total, rounded down to 0.01. */
export function paymentCap(totalAmount: Money, capPercent: Money): Money {
  return percentOf(totalAmount, capPercent, 'down');
}

/**
 * What a member can pay with bonuses now: the cap, limited by the spendable balance (rounded down
 * to whole cents), never negative; nothing at all when the card may not pay.
 */
export function availablePayment(cap: Money, spendable: Money, canPay: boolean): Money {
  if (!canPay) return ZERO;
  const balance = roundToCents(spendable, 'down');
  const available = balance < cap ? balance : cap;
  return available > 0n ? available : ZERO;
}

export interface CardStanding {
  cardState: string | null;
  isBlocked: boolean;
  isDeleted: boolean;
}

export interface CardCapabilities {
  /** Why the card may do nothing at all; null when it may at least accrue. */
  refusal: Exclude<ProcessingResultCode, 'Ok'> | null;
  canPay: boolean;
  canAccrue: boolean;
}

const ACCRUE_ONLY_STATES = new Set(['Prepared', 'Issued', 'Activating']);

/**
 * SPEC §3.4: only Activated, unblocked, undeleted cards may pay; Prepared/Issued/Activating cards
 * may only accrue. Deleted (or unknown) → CardNotFound, blocked → CardBlocked; Replaced and Expired
 * cards may do nothing (CardNotActivated). A member identified without a card is not limited by one.
 */
export function cardCapabilities(card: CardStanding | null): CardCapabilities {
  if (!card) return { refusal: null, canPay: true, canAccrue: true };
  if (card.isDeleted) return { refusal: ProcessingResultCode.CardNotFound, canPay: false, canAccrue: false };
  if (card.isBlocked) return { refusal: ProcessingResultCode.CardBlocked, canPay: false, canAccrue: false };
  if (card.cardState === 'Activated') return { refusal: null, canPay: true, canAccrue: true };
  if (card.cardState && ACCRUE_ONLY_STATES.has(card.cardState)) return { refusal: null, canPay: false, canAccrue: true };
  return { refusal: ProcessingResultCode.CardNotActivated, canPay: false, canAccrue: false };
}
