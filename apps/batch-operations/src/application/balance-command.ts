import {
  BalanceAccrueRequest,
  BalanceWithdrawRequest,
  BatchOperationType,
  isAccrualType,
  ProcessingRpc,
} from '@loyalty/contracts';
import { memberNoKind } from '../items/batch-item';

/** What a worker needs of a batch to build its items' commands. */
export interface BatchForWork {
  id: string;
  requestId: string;
  type: BatchOperationType;
  accrueDescription: string | null;
  currencyExternalId: string | null;
  lifetimeExternalId: string | null;
  allowNegative: boolean;
}

export interface PendingItem {
  itemIndex: number;
  memberNo: string;
  description: string | null;
  operationDate: Date;
  /** Decimal string, at most 2 decimals. */
  pointsAmount: string;
}

export const BATCH_COMMAND_SOURCE = 'batch-operations';

/** Each item has its own key, so applying it again after a crash is answered from processing's journal. */
export function idempotencyKey(requestId: string, itemIndex: number): string {
  return `batch:${requestId}:${itemIndex}`;
}

/**
 * Processing's balance command for one item: types 2 and 4 accrue, 3 and 5 withdraw. Built only
 * from what is stored, so every retry sends the very same command (processing compares them).
 */
export function balanceCommand(batch: BatchForWork, item: PendingItem): { routingKey: string; request: BalanceAccrueRequest | BalanceWithdrawRequest } {
  const member = memberNoKind(item.memberNo) === 'customerUid' ? { customerUid: item.memberNo } : { cardNumber: item.memberNo };
  const common = {
    idempotencyKey: idempotencyKey(batch.requestId, item.itemIndex),
    member,
    amount: Number(item.pointsAmount),
    description: item.description ?? batch.accrueDescription,
    currencyExternalId: batch.currencyExternalId,
    operationDate: item.operationDate.toISOString(),
    source: BATCH_COMMAND_SOURCE,
  };
  if (isAccrualType(batch.type)) {
    const request: BalanceAccrueRequest = { ...common, lifetimeExternalId: batch.lifetimeExternalId, rewardType: 'Bonus' };
    return { routingKey: ProcessingRpc.Accrue, request };
  }
  const request: BalanceWithdrawRequest = { ...common, allowNegative: batch.allowNegative, withdrawType: 'Withdraw' };
  return { routingKey: ProcessingRpc.Withdraw, request };
}

export type ItemOutcome =
  | { kind: 'applied'; entryId: number }
  | { kind: 'failed'; code: string; message: string }
  /** Processing did not answer or broke: try the item again later with the same key. */
  | { kind: 'retry'; reason: string };
