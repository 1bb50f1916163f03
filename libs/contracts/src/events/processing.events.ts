import { IsIn, IsInt, IsISO8601, IsNumber, IsOptional, IsString, IsUUID, ValidateIf } from 'class-validator';

/**
 * Internal events of the processing service. They travel on `loyalty.events` under internal
 * routing keys and never reach SMC. Plain class-validator rules, like the RPC contracts.
 */

export const BALANCE_CHANGED_EVENT_CODE = 'OnBalanceChanged';

/** Why a balance changed: the ledger entry kinds. */
export const BalanceChangeReason = {
  PurchasePayment: 'PurchasePayment',
  PurchaseReward: 'PurchaseReward',
  RefundPaymentReturn: 'RefundPaymentReturn',
  RefundRewardReversal: 'RefundRewardReversal',
  Accrual: 'Accrual',
  Withdrawal: 'Withdrawal',
  WithdrawBonusExpiration: 'WithdrawBonusExpiration',
  /** Member merge: the balance left the merged-away member… */
  MergeTransferOut: 'MergeTransferOut',
  /** …and arrived at the member it was merged into. */
  MergeTransferIn: 'MergeTransferIn',
} as const;
export type BalanceChangeReason = (typeof BalanceChangeReason)[keyof typeof BalanceChangeReason];

/**
 * `processing.balance.changed`: a member's bonus balance changed (one event per transaction that
 * wrote ledger entries, carrying the net change and the balance after it). Holds do not change
 * the balance and are not announced.
 */
export class BalanceChangedEvent {
  @IsInt()
  customerId: number;

  @IsUUID('all')
  customerUid: string;

  @IsString()
  accountgroupId: string;

  @IsInt()
  currencyId: number;

  @IsString()
  currencyExternalId: string;

  /** Net signed change of this transaction. */
  @IsNumber({ maxDecimalPlaces: 4 })
  change: number;

  /** Ledger balance after the change. */
  @IsNumber({ maxDecimalPlaces: 4 })
  balance: number;

  /** The kinds of the entries written, e.g. ["PurchasePayment", "PurchaseReward"]. */
  @IsIn(Object.values(BalanceChangeReason), { each: true })
  reasons: BalanceChangeReason[];

  /** The purchase operationId or the command's idempotency key; null for the expiry job. */
  @ValidateIf((event: BalanceChangedEvent) => event.sourceId !== null)
  @IsString()
  sourceId: string | null;

  /** Card number the change was made with, when there was one. */
  @IsOptional()
  @IsString()
  cardNumber?: string | null;

  /** ISO-8601 UTC, second precision. */
  @IsISO8601()
  occurredAt: string;

  @IsIn([BALANCE_CHANGED_EVENT_CODE])
  eventCode: typeof BALANCE_CHANGED_EVENT_CODE;
}
