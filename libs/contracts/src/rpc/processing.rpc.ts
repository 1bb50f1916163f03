import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { CARD_NUMBER_PATTERN, MemberReference, NestedMember } from './rpc-fields';

/**
 * RPC contracts of the processing service (SPEC §3.4–§3.6): purchase processing, balance, history
 * and the balance commands other services send. Served on the `loyalty.rpc` exchange.
 *
 * Replies are shaped like the `data` element of the Loymax Public API (seed 001): the gateway
 * wraps a purchase reply as `data: [reply]`. A business refusal is thrown as an RPC error whose
 * `code` is the Loymax result code (`CardNotFound`, `NotEnoughMoney`, …) and whose `details` is the
 * same reply object carrying that code, so the gateway can answer 422 with it (409 for
 * `NotUniqueOperationID`).
 */

export const PROCESSING_RPC_TIMEOUT_MS = 5000;

export const ProcessingRpc = {
  Calculate: 'processing.purchase.calculate',
  Available: 'processing.purchase.available',
  Payment: 'processing.purchase.payment',
  Bonus: 'processing.purchase.bonus',
  Confirm: 'processing.purchase.confirm',
  Cancel: 'processing.purchase.cancel',
  CancelOperation: 'processing.purchase.cancelOperation',
  Refund: 'processing.purchase.refund',
  Balance: 'processing.balance.get',
  History: 'processing.history.get',
  Accrue: 'processing.balance.accrue',
  Withdraw: 'processing.balance.withdraw',
  ListCurrencies: 'processing.currencies.list',
  PutCurrency: 'processing.currencies.put',
  ListLifetimes: 'processing.lifetimes.list',
  PutLifetime: 'processing.lifetimes.put',
} as const;
export type ProcessingRpc = (typeof ProcessingRpc)[keyof typeof ProcessingRpc];

/** Loymax result codes (SPEC §3.4). Everything but `Ok` arrives as an RPC error with this code. */
export const ProcessingResultCode = {
  Ok: 'Ok',
  CardNotFound: 'CardNotFound',
  CardBlocked: 'CardBlocked',
  CardNotActivated: 'CardNotActivated',
  NotEnoughMoney: 'NotEnoughMoney',
  LargePaymentAmount: 'LargePaymentAmount',
  NotUniqueOperationID: 'NotUniqueOperationID',
  OperationNotFound: 'OperationNotFound',
  OperationIsConfirmed: 'OperationIsConfirmed',
  OperationIsCanceled: 'OperationIsCanceled',
  PurchaseNotFound: 'PurchaseNotFound',
  IncorrectOperationOrder: 'IncorrectOperationOrder',
  DifferentCheque: 'DifferentCheque',
  LimitGained: 'LimitGained',
} as const;
export type ProcessingResultCode = (typeof ProcessingResultCode)[keyof typeof ProcessingResultCode];

/** Codes of the balance commands and registries that are not Loymax purchase codes. */
export const BalanceCommandErrorCode = {
  /** The member (card number, customerUid or customerId) is not known to processing. */
  MemberNotFound: 'MemberNotFound',
  CurrencyNotFound: 'CurrencyNotFound',
  LifetimeNotFound: 'LifetimeNotFound',
  /** The same idempotency key was used with a different command. */
  IdempotencyKeyReused: 'IdempotencyKeyReused',
  /** Amounts must be whole cents (0.01) and positive. */
  InvalidAmount: 'InvalidAmount',
} as const;
export type BalanceCommandErrorCode = (typeof BalanceCommandErrorCode)[keyof typeof BalanceCommandErrorCode];

// ---------------------------------------------------------------------------------------------
// Request building blocks
// ---------------------------------------------------------------------------------------------

const MONEY = { maxDecimalPlaces: 4, allowNaN: false, allowInfinity: false };

/** How a POS names the member: `Card` (its number) or `Phone` (answered CardNotFound for now). */
export class MemberIdentifier {
  @IsIn(['Card', 'Phone'])
  type: 'Card' | 'Phone';

  @IsString()
  @Length(1, 64)
  value: string;
}

/**
 * Merchant and device attributes of the calling OAuth client (SPEC §3.1); the gateway fills them
 * from the client registry. They end up in the purchase events' operation info.
 */
export class MerchantContext {
  @IsInt()
  merchantId: number;

  @IsUUID('all')
  merchantUid: string;

  @IsOptional()
  @IsString()
  merchantCode?: string | null;

  @IsString()
  deviceCode: string;

  @IsString()
  partnerId: string;

  @IsString()
  brandId: string;

  @IsOptional()
  @IsString()
  locationId?: string | null;

  @IsString()
  description: string;
}

/** One cheque line as the POS sends it (seed 001). Only `position`, `amount`, `quantity` are required. */
export class ChequeLineRequest {
  @IsInt()
  @Min(1)
  position: number;

  /** The line's sum after the POS's own discounts (and, after Calculate, after ours). */
  @IsNumber(MONEY)
  @Min(0)
  amount: number;

  @IsNumber(MONEY)
  @Min(0.0001)
  quantity: number;

  @IsOptional()
  @IsString()
  goodsId?: string | null;

  @IsOptional()
  @IsString()
  barcode?: string | null;

  @IsOptional()
  @IsString()
  name?: string | null;

  @IsOptional()
  @IsString()
  unit?: string | null;

  @IsOptional()
  @IsNumber(MONEY)
  price?: number | null;

  /** The POS's discount on the line. */
  @IsOptional()
  @IsNumber(MONEY)
  @Min(0)
  discount?: number | null;

  @IsOptional()
  @IsNumber(MONEY)
  cashback?: number | null;

  @IsOptional()
  @IsNumber(MONEY)
  correction?: number | null;
}

export class ChequeRequest {
  @IsOptional()
  @IsString()
  number?: string | null;

  @IsOptional()
  @IsISO8601()
  date?: string | null;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => ChequeLineRequest)
  lines: ChequeLineRequest[];
}

export class CouponRequest {
  @IsString()
  number: string;
}

/** A payment part of the Bonus request; `Loymax` is the part paid with bonuses. */
export class PayRequest {
  @IsString()
  type: string;

  @IsNumber(MONEY)
  @Min(0)
  amount: number;

  @IsOptional()
  @IsString()
  details?: string | null;
}

/**
 * Who calls: a member (`member`, from the bearer token) or a POS naming the member
 * (`identifier`), plus the calling client's merchant attributes and numeric id.
 */
abstract class ProcessingCaller {
  @IsOptional()
  @NestedMember()
  member?: MemberReference;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MemberIdentifier)
  identifier?: MemberIdentifier;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MerchantContext)
  merchant?: MerchantContext;

  /** Numeric id of the OAuth client making the call (the events' `applicationId`). */
  @IsOptional()
  @IsInt()
  applicationId?: number | null;
}

/** Fields of every `Purchases/{purchaseId}/…` call. */
abstract class PurchaseOperationRequest extends ProcessingCaller {
  /** The `{purchaseId}` of the URL: the POS's id of the purchase (`externalPurchaseId` in events). */
  @IsString()
  @Length(1, 100)
  purchaseId: string;

  @IsString()
  @Length(1, 100)
  operationId: string;

  @IsISO8601()
  operationDate: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  cashier?: string | null;
}

abstract class ChequeOperationRequest extends PurchaseOperationRequest {
  @IsObject()
  @ValidateNested()
  @Type(() => ChequeRequest)
  cheque: ChequeRequest;

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CouponRequest)
  coupons?: CouponRequest[];
}

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

/** `Purchases/{purchaseId}/Calculate`: program discounts and the most bonuses payable. */
export class CalculateRequest extends ChequeOperationRequest {}

/** `Purchases/{purchaseId}/Bonus/Available`: the most bonuses payable on an already priced cheque. */
export class AvailableRequest extends ChequeOperationRequest {}

/** `Purchases/{purchaseId}/Bonus/Payment`: hold `amount` bonuses. `pinCode` is accepted and ignored. */
export class PaymentRequest extends ChequeOperationRequest {
  @IsNumber(MONEY)
  @Min(0.01)
  amount: number;

  @IsOptional()
  @IsString()
  pinCode?: string | null;
}

/** `Purchases/{purchaseId}/Bonus`: record how the cheque is paid and compute the accrual. */
export class BonusRequest extends ChequeOperationRequest {
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => PayRequest)
  pays?: PayRequest[];
}

/** `Purchases/{purchaseId}/Confirm`. */
export class ConfirmRequest extends PurchaseOperationRequest {}

/** `Purchases/{purchaseId}/Cancel`: releases what an unconfirmed purchase holds. */
export class CancelRequest extends PurchaseOperationRequest {}

/** `Purchases/{purchaseId}/Operations/{operationId}/Cancel`: undoes one Payment or Bonus. */
export class CancelOperationRequest extends PurchaseOperationRequest {
  /** The `{operationId}` of the URL: the operation to cancel. */
  @IsString()
  @Length(1, 100)
  targetOperationId: string;
}

export class RefundLineRequest {
  @IsInt()
  @Min(1)
  position: number;

  @IsNumber(MONEY)
  @Min(0.0001)
  quantity: number;

  /** Money returned for the line. */
  @IsNumber(MONEY)
  @Min(0)
  amount: number;
}

export class RefundChequeRequest {
  @IsOptional()
  @IsString()
  number?: string | null;

  @IsOptional()
  @IsISO8601()
  date?: string | null;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => RefundLineRequest)
  lines: RefundLineRequest[];
}

/**
 * `Purchases/{purchaseId}/Refund`: `purchaseId` is the refund's own id, `refundPurchaseId` the URL
 * purchaseId of the confirmed purchase whose lines come back.
 */
export class RefundRequest extends PurchaseOperationRequest {
  @IsString()
  @Length(1, 100)
  refundPurchaseId: string;

  @IsObject()
  @ValidateNested()
  @Type(() => RefundChequeRequest)
  cheque: RefundChequeRequest;
}

/** `POST Balance`. */
export class BalanceRequest extends ProcessingCaller {
  /** Defaults to the default currency (id 1). */
  @IsOptional()
  @IsString()
  currencyExternalId?: string | null;
}

export const HistoryItemType = { Purchase: 'Purchase', RewardData: 'RewardData', WithdrawData: 'WithdrawData' } as const;
export type HistoryItemType = (typeof HistoryItemType)[keyof typeof HistoryItemType];

/** `GET History` (SPEC §3.5). Filter names without the `filter.` prefix. */
export class HistoryRequest {
  /** The member from the bearer token; only their rows are read. */
  @IsInt()
  @Min(1)
  customerId: number;

  @IsOptional()
  @IsISO8601()
  toDate?: string | null;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  count?: number | null;

  @IsOptional()
  @IsISO8601()
  fromDate?: string | null;

  @IsOptional()
  @IsInt()
  cardId?: number | null;

  /** Rows to skip (newest first). */
  @IsOptional()
  @IsInt()
  @Min(0)
  from?: number | null;

  @IsOptional()
  @IsIn(Object.values(HistoryItemType))
  historyItemType?: HistoryItemType | null;
}

/** A member named by any of the keys other services hold. */
export class BalanceMember {
  @ValidateIf((member: BalanceMember) => member.customerUid === undefined && member.cardNumber === undefined)
  @IsInt()
  customerId?: number;

  @IsOptional()
  @IsUUID('all')
  customerUid?: string;

  @IsOptional()
  @Matches(CARD_NUMBER_PATTERN, { message: 'cardNumber must be 6-32 digits' })
  cardNumber?: string;
}

abstract class BalanceCommandRequest {
  /** Applied at most once per key; the same key with another command → IdempotencyKeyReused. */
  @IsString()
  @Length(1, 200)
  idempotencyKey: string;

  @IsObject()
  @ValidateNested()
  @Type(() => BalanceMember)
  member: BalanceMember;

  /** Whole cents, positive. */
  @IsNumber(MONEY)
  @Min(0.01)
  amount: number;

  /** Shown in History. */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string | null;

  /** Defaults to the default currency. */
  @IsOptional()
  @IsString()
  currencyExternalId?: string | null;

  /** When it happened (History's dateTime); defaults to now. */
  @IsOptional()
  @IsISO8601()
  operationDate?: string | null;

  /** Who asked, e.g. `batch-operations`, `social`. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  source?: string | null;
}

/** `processing.balance.accrue`: credit bonuses (a lot expiring per the lifetime definition). */
export class BalanceAccrueRequest extends BalanceCommandRequest {
  /** Defaults to the default lifetime (no expiry). */
  @IsOptional()
  @IsString()
  lifetimeExternalId?: string | null;

  /** History's `rewardType`: Bonus (default), Gift, Charging. */
  @IsOptional()
  @IsIn(['Bonus', 'Gift', 'Charging'])
  rewardType?: 'Bonus' | 'Gift' | 'Charging' | null;
}

/** `processing.balance.withdraw`: debit bonuses. */
export class BalanceWithdrawRequest extends BalanceCommandRequest {
  /** Debit even below zero. Default false: a debit larger than the available balance → NotEnoughMoney. */
  @IsOptional()
  @IsBoolean()
  allowNegative?: boolean | null;

  /** History's `withdrawType`: Withdraw (default) or Bonus. */
  @IsOptional()
  @IsIn(['Withdraw', 'Bonus'])
  withdrawType?: 'Withdraw' | 'Bonus' | null;
}

export class ListRegistryRequest {}

export class NameCasesPayload {
  @IsString()
  nominative: string;

  @IsString()
  genitive: string;

  @IsString()
  plural: string;

  @IsString()
  abbreviation: string;
}

/** Creates or updates a bonus currency (System API `PUT currencies`); matched by `externalId`. */
export class PutCurrencyRequest {
  @IsString()
  @Length(1, 100)
  externalId: string;

  @IsString()
  @Length(1, 100)
  name: string;

  @IsOptional()
  @IsString()
  description?: string | null;

  @IsOptional()
  @IsBoolean()
  isDeleted?: boolean;

  @IsObject()
  @ValidateNested()
  @Type(() => NameCasesPayload)
  nameCases: NameCasesPayload;
}

/** Creates or updates a lifetime definition (System API `PUT lifetimes`); matched by `externalId`. */
export class PutLifetimeRequest {
  @IsString()
  @Length(1, 100)
  externalId: string;

  @IsString()
  @Length(1, 100)
  name: string;

  /** Days an accrual stays spendable; null = never expires. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(36500)
  durationDays?: number | null;
}

// ---------------------------------------------------------------------------------------------
// Replies (the `data` element of seed 001)
// ---------------------------------------------------------------------------------------------

export interface ChequeLineReply {
  payAmount: number | null;
  message: string | null;
  position: number;
  amount: number;
  goodsId: string | null;
  barcode: string | null;
  quantity: number;
  cashback: number | null;
  discount: number | null;
}

export interface ChequeReply {
  totalAmount: number;
  totalDiscount: number;
  totalCashback: number;
  lines: ChequeLineReply[];
}

/** Fields every purchase reply has. */
export interface OperationReply {
  transactionId: number | null;
  deviceLogicalId: string | null;
  operationId: string;
  code: ProcessingResultCode;
  errorMessage: string | null;
  cashierMessage: string | null;
  chequeMessage: string | null;
  cheque: ChequeReply | null;
}

/** Calculate and Bonus/Available. */
export interface CalculateReply extends OperationReply {
  availableAmount: number;
  availableBonusAmount: number;
}

/** Bonus/Payment. */
export interface PaymentReply extends OperationReply {
  amount: number;
  bonusAmount: number;
}

/** Bonus, Confirm, Cancel, Operations/{id}/Cancel: the common fields. */
export type BonusReply = OperationReply;
export type ConfirmReply = OperationReply;
export type CancelReply = OperationReply;

/** Refund: the bonuses given back (paid for the returned goods) and taken back (accrued on them). */
export interface RefundReply extends OperationReply {
  returnedBonusAmount: number;
  withdrawnBonusAmount: number;
}

export interface BalanceReply {
  code: ProcessingResultCode;
  errorMessage: string | null;
  /** The ledger balance. */
  amount: number;
  /** The currency's name. */
  currency: string;
  /** e.g. "120.5 б." */
  description: string;
  /** Bonuses held by unconfirmed payments. */
  heldAmount: number;
  /** amount − heldAmount: what a payment may use. */
  availableAmount: number;
  /** Accruals computed by Bonus, credited at Confirm. */
  pendingAmount: number;
  currencyInfo: CurrencyInfo;
}

export interface NameCases {
  nominative: string;
  genitive: string;
  plural: string;
  abbreviation: string;
}

export interface CurrencyInfo {
  id: number;
  name: string;
  externalId: string;
  description: string | null;
  isDeleted: boolean;
  nameCases: NameCases;
}

export interface HistoryAmount {
  amount: number;
  currency: string;
  currencyInfo: CurrencyInfo;
}

export interface HistoryPurchaseData {
  externalPurchaseId: string;
  chequeItems: Array<{ description: string; count: number; amount: number }>;
  withdraws: Array<{ withdrawType: string; description: string | null; amount: HistoryAmount }>;
  rewards: Array<{ offerExternalId: string | null; rewardType: string; description: string | null; amount: HistoryAmount }>;
  isRefund: boolean;
  chequeNumber: string;
  amount: HistoryAmount;
}

export interface HistoryRewardData {
  offerExternalId: string | null;
  rewardType: string;
  description: string | null;
  amount: HistoryAmount;
}

export interface HistoryWithdrawData {
  withdrawType: string;
  description: string | null;
  amount: HistoryAmount;
}

export interface HistoryRow {
  id: string;
  dateTime: string;
  type: HistoryItemType;
  userId: number;
  identity: string;
  description: string;
  location: null;
  partnerId: string | null;
  brandId: string | null;
  brand: null;
  data: HistoryPurchaseData | HistoryRewardData | HistoryWithdrawData;
}

export interface HistoryReply {
  allCount: number;
  rows: HistoryRow[];
}

export interface BalanceCommandReply {
  idempotencyKey: string;
  /** False when the key had been applied before and this is its stored result. */
  applied: boolean;
  /** Ledger entry id. */
  entryId: number;
  /** The signed amount that hit the ledger. */
  amount: number;
  /** Balance right after this command. */
  balance: number;
  customerId: number;
  currencyExternalId: string;
}

export interface LifetimeInfo {
  id: number;
  externalId: string;
  name: string;
  durationDays: number | null;
  isDefault: boolean;
}

// ---------------------------------------------------------------------------------------------
// What processing asks the cards service (served by cards; processing falls back to it when its
// card projection misses a number)
// ---------------------------------------------------------------------------------------------

export const CARD_LOOKUP_ROUTING_KEY = 'cards.card.get';
export const CARD_LOOKUP_TIMEOUT_MS = 2000;

export class CardLookupRequest {
  @Matches(CARD_NUMBER_PATTERN, { message: 'cardNumber must be 6-32 digits' })
  cardNumber: string;
}

/**
 * The reply processing expects: the seed's full card model plus the owner. `customerId` and
 * friends are null for a card in the pool that nobody owns yet. Validated on receipt.
 */
export class CardLookupReply {
  @IsInt()
  cardId: number;

  @IsString()
  cardNumber: string;

  @IsIn(['Prepared', 'Issued', 'Activating', 'Activated', 'Replaced', 'Expired'])
  cardState: string;

  @IsOptional()
  @IsString()
  activationDate?: string | null;

  @IsString()
  cardType: string;

  /** Title of the card's category (loyalty group). */
  @IsString()
  cardCategory: string;

  @IsOptional()
  @IsString()
  barCode?: string;

  @IsBoolean()
  isBlocked: boolean;

  @IsBoolean()
  isDeleted: boolean;

  @ValidateIf((reply: CardLookupReply) => reply.customerId !== null)
  @IsInt()
  customerId: number | null;

  @ValidateIf((reply: CardLookupReply) => reply.customerUid !== null)
  @IsUUID('all')
  customerUid: string | null;

  @ValidateIf((reply: CardLookupReply) => reply.accountgroupId !== null)
  @IsString()
  accountgroupId: string | null;
}
