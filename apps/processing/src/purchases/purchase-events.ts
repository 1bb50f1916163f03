import {
  buildCustomerInfo,
  ChequeItem,
  EventCode,
  MerchantContext,
  PurchaseConfirmedEvent,
  PurchaseRefundedEvent,
  Reward,
  toEventDateTime,
  Withdraw,
} from '@loyalty/contracts';
import type { CardOwner } from '../cards-projection/card-directory.service';
import type { Currency } from '../currencies/currency.entity';
import type { StoredHistoryData } from '../history/history-item.entity';
import { positionInfo } from '../money/allocation';
import { Money, moneyToDecimal, moneyToNumber, sumMoney, ZERO } from '../money/money';
import { ChequeLine, Positions, totalOf } from './cheque';

/** The nil uuid, for purchases made without a merchant client (a member's own app). */
const NO_MERCHANT_UID = '00000000-0000-0000-0000-000000000000';

/** What a purchase or refund event says about one completed operation. */
export interface PurchaseFacts {
  purchaseId: number;
  externalPurchaseId: string;
  chequeNumber: string | null;
  lines: ChequeLine[];
  /** Bonuses paid (sale) or given back (refund), per line, positive. */
  payment: Positions;
  /** Bonuses accrued (sale) or taken back (refund), per line, positive. */
  accrual: Positions;
  /** Our discount per line (sales only). */
  discount: Positions;
  offerExternalId: string | null;
  merchant: MerchantContext | null;
  cashier: string | null;
  identity: string;
  owner: CardOwner;
  identifierId: number | null;
  applicationId: number | null;
  dateTime: Date;
}

export interface PurchaseCurrencies {
  money: Currency;
  bonus: Currency;
}

const amountOf = (positions: Positions): Money => sumMoney(positions.values());
const negated = (positions: Positions): Positions => new Map([...positions].map(([position, amount]) => [position, -amount]));

function operationInfoBase(facts: PurchaseFacts, description: string) {
  const merchant = facts.merchant;
  return {
    merchantId: merchant?.merchantId ?? 0,
    merchantUid: merchant?.merchantUid ?? NO_MERCHANT_UID,
    merchantCode: merchant?.merchantCode ?? null,
    deviceCode: merchant?.deviceCode ?? '',
    dateTime: toEventDateTime(facts.dateTime),
    type: 'PurchaseData',
    identity: facts.identity,
    cashierIdentifier: facts.cashier ?? '',
    description,
    locationId: merchant?.locationId ?? null,
    partnerId: merchant?.partnerId ?? '',
    brandId: merchant?.brandId ?? '',
  };
}

function chequeItems(lines: readonly ChequeLine[]): ChequeItem[] {
  return lines.map((line) => ({
    positionId: line.position,
    description: line.name ?? '',
    quantity: moneyToNumber(line.quantity),
    unit: line.unit,
    amount: moneyToNumber(line.amount),
    itemId: line.goodsId ?? '',
  }));
}

function withdraws(payment: Positions, bonus: Currency): Withdraw[] {
  const total = amountOf(payment);
  if (total === ZERO) return [];
  return [
    {
      moneyAmount: moneyToNumber(total),
      description: null,
      positionInfo: positionInfo(negated(payment), moneyToNumber),
      amount: moneyToNumber(-total),
      withdrawType: 'Bonus',
      currencyExternalId: bonus.externalId,
    },
  ];
}

function reward(positions: Positions, rewardType: 'Discount' | 'Bonus', currency: Currency, offerExternalId: string | null): Reward[] {
  const total = amountOf(positions);
  if (total === ZERO) return [];
  return [
    {
      offerExternalId,
      description: null,
      positionInfo: positionInfo(positions, moneyToNumber),
      amount: moneyToNumber(total),
      rewardType,
      currencyExternalId: currency.externalId,
    },
  ];
}

function customerInfo(facts: PurchaseFacts) {
  return buildCustomerInfo({ ...facts.owner, identifierId: facts.identifierId, applicationId: facts.applicationId });
}

/** `purchases.confirm.modelUpdate`, every field of the seed model (SPEC §2.1). */
export function purchaseConfirmedEvent(facts: PurchaseFacts, currencies: PurchaseCurrencies): PurchaseConfirmedEvent {
  return {
    purchaseOperationInfo: {
      ...operationInfoBase(facts, facts.merchant?.description ?? ''),
      purchaseData: {
        chequeNumber: facts.chequeNumber ?? '',
        purchaseId: facts.purchaseId,
        externalPurchaseId: facts.externalPurchaseId,
        amount: moneyToNumber(totalOf(facts.lines)),
        currencyExternalId: currencies.money.externalId,
        chequeItems: chequeItems(facts.lines),
        withdraws: withdraws(facts.payment, currencies.bonus),
        rewards: [
          ...reward(facts.discount, 'Discount', currencies.money, facts.offerExternalId),
          ...reward(facts.accrual, 'Bonus', currencies.bonus, facts.offerExternalId),
        ],
        isRefund: false,
        purchaseAttributes: [],
      },
    },
    customerInfo: customerInfo(facts),
    eventCode: EventCode.OnPurchaseConfirm,
  };
}

/**
 * `purchases.refundModelUpdate`: the returned lines, the bonuses given back (`withdraws`, signs
 * as in a sale) and taken back (`rewards`); discounts are not listed, as in the seed.
 */
export function purchaseRefundedEvent(
  facts: PurchaseFacts,
  refunded: { purchaseId: number; externalPurchaseId: string },
  currencies: PurchaseCurrencies,
): PurchaseRefundedEvent {
  const merchantDescription = facts.merchant?.description;
  return {
    refundedPurchaseViewModel: { refundedPurchaseId: refunded.purchaseId, refundedPurchaseExternalId: refunded.externalPurchaseId },
    refundOperationInfo: {
      ...operationInfoBase(facts, merchantDescription ? `Refund. ${merchantDescription}` : 'Refund'),
      purchaseData: {
        purchaseId: facts.purchaseId,
        externalPurchaseId: facts.externalPurchaseId,
        amount: moneyToNumber(totalOf(facts.lines)),
        currencyDeviceExternalId: currencies.money.externalId,
        chequeItems: chequeItems(facts.lines),
        withdraws: withdraws(facts.payment, currencies.bonus),
        rewards: reward(facts.accrual, 'Bonus', currencies.bonus, facts.offerExternalId),
        isRefund: true,
        chequeNumber: facts.chequeNumber ?? '',
        purchaseAttributes: [],
      },
    },
    customerInfo: customerInfo(facts),
    eventCode: EventCode.OnPurchaseRefund,
  };
}

/**
 * The History row of a purchase or a refund. Amounts carry their effect on the member's balance:
 * bonuses paid are a negative withdraw and accruals a positive reward in a sale; in a refund the
 * bonuses given back are a reward and those taken back a withdraw.
 */
export function purchaseHistoryData(facts: PurchaseFacts, isRefund: boolean, currencies: PurchaseCurrencies): StoredHistoryData {
  const bonus = (amount: Money) => ({ amount: moneyToDecimal(amount), currencyId: currencies.bonus.id });
  const paid = amountOf(facts.payment);
  const accrued = amountOf(facts.accrual);
  const discount = amountOf(facts.discount);
  const withdrawn = isRefund ? accrued : paid;
  const credited = isRefund ? paid : accrued;
  return {
    kind: 'Purchase',
    externalPurchaseId: facts.externalPurchaseId,
    chequeItems: facts.lines.map((line) => ({
      description: line.name ?? '',
      count: moneyToDecimal(line.quantity),
      amount: moneyToDecimal(line.amount),
    })),
    withdraws: withdrawn === ZERO ? [] : [{ withdrawType: 'Bonus', description: null, amount: bonus(-withdrawn) }],
    rewards: [
      ...(discount === ZERO || isRefund
        ? []
        : [{ offerExternalId: facts.offerExternalId, rewardType: 'Discount', description: null, amount: { amount: moneyToDecimal(discount), currencyId: currencies.money.id } }]),
      ...(credited === ZERO ? [] : [{ offerExternalId: isRefund ? null : facts.offerExternalId, rewardType: 'Bonus', description: null, amount: bonus(credited) }]),
    ],
    isRefund,
    chequeNumber: facts.chequeNumber ?? '',
    amount: { amount: moneyToDecimal(totalOf(facts.lines)), currencyId: currencies.money.id },
  };
}
