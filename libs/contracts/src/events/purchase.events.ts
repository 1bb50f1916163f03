import {
  AnyList,
  Describe,
  IntegerValue,
  Literal,
  MoneyAmount,
  NestedList,
  NestedObject,
  OneOf,
  PositionAmounts,
  PresentOrNull,
  Required,
  Text,
  UtcDateTime,
  Uuid,
} from '../validation/fields';
import { CustomerInfo } from './customer-info';
import { EventBody } from './event-body';
import { EVENT_CODES_BY_ROUTING_KEY, EventCode, RoutingKey } from './routing-keys';

/** One cheque line: `position→positionId`, `name→description`, `goodsId→itemId`. */
export class ChequeItem {
  @Required()
  @IntegerValue()
  positionId: number;

  @Required()
  @Text()
  description: string;

  @Required()
  @MoneyAmount('nonNegative')
  quantity: number;

  @PresentOrNull()
  @Text()
  unit: string | null;

  @Required()
  @MoneyAmount('nonNegative')
  amount: number;

  @Required()
  @Text()
  itemId: string;
}

/**
 * Bonuses spent on the purchase. Signs follow the seed: `moneyAmount` (the money the bonuses
 * covered) is positive, `amount` and every `positionInfo` share are negative.
 */
export class Withdraw {
  @Required()
  @MoneyAmount('nonNegative')
  moneyAmount: number;

  @PresentOrNull()
  @Text()
  description: string | null;

  @Required()
  @PositionAmounts('nonPositive')
  positionInfo: Record<string, number>;

  @Required()
  @MoneyAmount('nonPositive')
  amount: number;

  @Required()
  @Text()
  @Describe('e.g. Bonus.')
  withdrawType: string;

  @Required()
  @Text()
  currencyExternalId: string;
}

/** A discount given or a bonus accrued on the purchase; every amount is positive. */
export class Reward {
  @PresentOrNull()
  @Text()
  offerExternalId: string | null;

  @PresentOrNull()
  @Text()
  description: string | null;

  @Required()
  @PositionAmounts('nonNegative')
  positionInfo: Record<string, number>;

  @Required()
  @MoneyAmount('nonNegative')
  amount: number;

  @Required()
  @Text()
  @Describe('Discount or Bonus.')
  rewardType: string;

  @Required()
  @Text()
  currencyExternalId: string;
}

/** Keys the confirmed and the refund purchase data share. */
abstract class PurchaseDataBase {
  @Required()
  @Text()
  @Describe('cheque.number of the request.')
  chequeNumber: string;

  @Required()
  @IntegerValue()
  @Describe('Our numeric purchase id.')
  purchaseId: number;

  @Required()
  @Text()
  @Describe('The {purchaseId} of the request URL.')
  externalPurchaseId: string;

  @Required()
  @MoneyAmount('nonNegative')
  amount: number;

  @Required()
  @NestedList(() => ChequeItem)
  chequeItems: ChequeItem[];

  @Required()
  @NestedList(() => Withdraw)
  withdraws: Withdraw[];

  @Required()
  @NestedList(() => Reward)
  rewards: Reward[];

  @Required()
  @AnyList()
  @Describe('The seed only ever shows an empty list.')
  purchaseAttributes: Array<Record<string, unknown>>;
}

export class ConfirmedPurchaseData extends PurchaseDataBase {
  @Required()
  @Text()
  currencyExternalId: string;

  @Required()
  @Literal(false)
  isRefund: false;
}

/** The refund's purchase data names its currency `currencyDeviceExternalId`, as the seed does. */
export class RefundPurchaseData extends PurchaseDataBase {
  @Required()
  @Text()
  currencyDeviceExternalId: string;

  @Required()
  @Literal(true)
  isRefund: true;
}

/** Merchant and device attributes, which come from the calling OAuth client (SPEC §3.1). */
abstract class OperationInfoBase {
  @Required()
  @IntegerValue()
  merchantId: number;

  @Required()
  @Uuid()
  merchantUid: string;

  @PresentOrNull()
  @Text()
  merchantCode: string | null;

  @Required()
  @Text()
  deviceCode: string;

  @Required()
  @UtcDateTime()
  dateTime: string;

  @Required()
  @Text()
  @Describe('PurchaseData in both seed examples.')
  type: string;

  @Required()
  @Text()
  @Describe('The identifier the member was recognised by, e.g. the card number.')
  identity: string;

  @Required()
  @Text()
  cashierIdentifier: string;

  @Required()
  @Text()
  description: string;

  @PresentOrNull()
  @Text()
  locationId: string | null;

  @Required()
  @Text()
  partnerId: string;

  @Required()
  @Text()
  brandId: string;
}

export class PurchaseOperationInfo extends OperationInfoBase {
  @Required()
  @NestedObject(() => ConfirmedPurchaseData)
  purchaseData: ConfirmedPurchaseData;
}

export class RefundOperationInfo extends OperationInfoBase {
  @Required()
  @NestedObject(() => RefundPurchaseData)
  purchaseData: RefundPurchaseData;
}

/** The purchase a refund returns goods of. */
export class RefundedPurchaseReference {
  @Required()
  @IntegerValue()
  refundedPurchaseId: number;

  @Required()
  @Text()
  refundedPurchaseExternalId: string;
}

/** `purchases.confirm.modelUpdate`: a purchase was confirmed. */
export class PurchaseConfirmedEvent extends EventBody {
  @Required()
  @NestedObject(() => PurchaseOperationInfo)
  purchaseOperationInfo: PurchaseOperationInfo;

  @Required()
  @NestedObject(() => CustomerInfo)
  customerInfo: CustomerInfo;

  @Required()
  @OneOf(EVENT_CODES_BY_ROUTING_KEY[RoutingKey.PurchasesConfirmModelUpdate])
  eventCode: typeof EventCode.OnPurchaseConfirm;
}

/** `purchases.refundModelUpdate`: a refund was completed. */
export class PurchaseRefundedEvent extends EventBody {
  @Required()
  @NestedObject(() => RefundedPurchaseReference)
  refundedPurchaseViewModel: RefundedPurchaseReference;

  @Required()
  @NestedObject(() => RefundOperationInfo)
  refundOperationInfo: RefundOperationInfo;

  @Required()
  @NestedObject(() => CustomerInfo)
  customerInfo: CustomerInfo;

  @Required()
  @OneOf(EVENT_CODES_BY_ROUTING_KEY[RoutingKey.PurchasesRefundModelUpdate])
  eventCode: typeof EventCode.OnPurchaseRefund;
}
