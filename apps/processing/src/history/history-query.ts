import type { HistoryItemType, HistoryRequest } from '@loyalty/contracts';

/**
 * What a History request asks for, by the seed's rules on its two required filters (SPEC §3.5):
 * no `toDate` (nothing, or only `count`) → 0 rows and allCount 0; only `toDate` → allCount without
 * rows; `toDate` and `count` → allCount and up to `count` rows, newest first.
 */
export type HistoryPlan =
  | { kind: 'nothing' }
  | { kind: 'countOnly'; filter: HistoryFilter }
  | { kind: 'rows'; filter: HistoryFilter; count: number; skip: number };

export interface HistoryFilter {
  customerId: number;
  /** Exclusive upper bound. */
  before: Date;
  /** Inclusive lower bound. */
  notBefore: Date | null;
  cardId: number | null;
  type: HistoryItemType | null;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

export function planHistoryQuery(request: HistoryRequest): HistoryPlan {
  if (!request.toDate) return { kind: 'nothing' };
  const filter: HistoryFilter = {
    customerId: request.customerId,
    before: upperBound(request.toDate),
    notBefore: request.fromDate ? new Date(request.fromDate) : null,
    cardId: request.cardId ?? null,
    type: request.historyItemType ?? null,
  };
  if (request.count === undefined || request.count === null) return { kind: 'countOnly', filter };
  return { kind: 'rows', filter, count: request.count, skip: request.from ?? 0 };
}

/** "Up to" a date includes that whole day; up to a date-time includes that instant. */
function upperBound(toDate: string): Date {
  if (DATE_ONLY.test(toDate)) return new Date(Date.parse(`${toDate}T00:00:00Z`) + DAY_MS);
  return new Date(new Date(toDate).getTime() + 1);
}
