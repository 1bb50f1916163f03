import type { BatchItemInput } from '@loyalty/contracts';
import { MONEY_RULE, parseDecimalAmount, POINTS_RULE, type DecimalResult } from './decimal-amount';
import { parseOperationDate } from './operation-date';

/** Processing names members by card number (6–32 digits) or by customerUid (SPEC §3.6). */
const CARD_NUMBER = /^\d{6,32}$/;
const CUSTOMER_UID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Limits of the free-text fields; processing keeps at most 500 characters of a description. */
export const DESCRIPTION_MAX_LENGTH = 500;
export const MERCHANT_NAME_MAX_LENGTH = 200;

export type MemberNoKind = 'cardNumber' | 'customerUid';

/**
 * One item as the service keeps it: every field that passed its check, normalised, and the
 * problems of the fields that did not. An item with problems rejects the whole request.
 */
export interface BatchItem {
  memberNo: string | null;
  description: string | null;
  operationDate: Date | null;
  merchantName: string | null;
  /** Exact decimal strings. */
  transactionAmount: string | null;
  pointsAmount: string | null;
  problems: string[];
}

export function memberNoKind(memberNo: string): MemberNoKind | null {
  if (CUSTOMER_UID.test(memberNo)) return 'customerUid';
  if (CARD_NUMBER.test(memberNo)) return 'cardNumber';
  return null;
}

/** Checks one item of the request's `accrue` array. Messages name the field, in the seed's language. */
export function readBatchItem(input: BatchItemInput, timeZone: string): BatchItem {
  const problems: string[] = [];
  const item: BatchItem = {
    memberNo: null,
    description: null,
    operationDate: null,
    merchantName: null,
    transactionAmount: null,
    pointsAmount: null,
    problems,
  };

  if (isAbsent(input.memberNo)) problems.push('memberNo: не указан');
  else if (typeof input.memberNo !== 'string' || memberNoKind(input.memberNo) === null) {
    problems.push('memberNo: ожидается номер карты (6–32 цифры) или customerUid участника');
  } else {
    // uuids are compared in their canonical lower-case form.
    item.memberNo = memberNoKind(input.memberNo) === 'customerUid' ? input.memberNo.toLowerCase() : input.memberNo;
  }

  item.pointsAmount = amount('pointsAmount', input.pointsAmount, parseDecimalAmount(input.pointsAmount, POINTS_RULE), problems, {
    range: 'должен быть больше 0 и меньше 1 000 000 000 000',
    precision: 'не более 2 знаков после запятой',
  });
  item.transactionAmount = amount('transactionAmount', input.transactionAmount, parseDecimalAmount(input.transactionAmount, MONEY_RULE), problems, {
    range: 'не может быть отрицательной или больше 10^15',
    precision: 'не более 4 знаков после запятой',
  });

  if (isAbsent(input.operationDate)) problems.push('operationDate: не указана');
  else if (typeof input.operationDate !== 'string') problems.push('operationDate: ожидается строка');
  else {
    const parsed = parseOperationDate(input.operationDate, timeZone);
    if (parsed.ok) item.operationDate = parsed.value;
    else if (parsed.reason === 'calendar') problems.push(`operationDate "${clip(input.operationDate)}": такой даты или времени не существует`);
    else problems.push(`operationDate "${clip(input.operationDate)}": ожидается "ГГГГ-ММ-ДД чч:мм:сс" или ISO-8601 со смещением`);
  }

  item.description = text('Description', input.Description, DESCRIPTION_MAX_LENGTH, problems);
  item.merchantName = text('merchantName', input.merchantName, MERCHANT_NAME_MAX_LENGTH, problems);
  return item;
}

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null;
}

function amount(
  field: string,
  raw: unknown,
  result: DecimalResult,
  problems: string[],
  messages: { range: string; precision: string },
): string | null {
  if (result.ok) return result.value;
  if (isAbsent(raw)) problems.push(`${field}: не указана сумма`);
  else if (result.reason === 'type') problems.push(`${field}: ожидается число`);
  else problems.push(`${field}: ${messages[result.reason]}`);
  return null;
}

function text(field: string, raw: unknown, maxLength: number, problems: string[]): string | null {
  if (isAbsent(raw)) return null;
  if (typeof raw !== 'string' || raw.length > maxLength) {
    problems.push(`${field}: ожидается строка не длиннее ${maxLength} символов`);
    return null;
  }
  return raw;
}

/** Echoed input is cut short: a message must stay readable whatever a client sends. */
function clip(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}
