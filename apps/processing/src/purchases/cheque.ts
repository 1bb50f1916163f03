import type { ChequeLineReply, ChequeLineRequest, ChequeReply } from '@loyalty/contracts';
import { RpcErrorCode, RpcFault } from '@loyalty/messaging';
import { Money, moneyFromDecimal, moneyFromNumber, moneyToDecimal, moneyToNumber, sumMoney, ZERO } from '../money/money';
import type { StoredLine, StoredPositions } from './purchase.entity';

/** A cheque line in Money. `amount` is what the line costs after every discount. */
export interface ChequeLine {
  position: number;
  quantity: Money;
  amount: Money;
  posDiscount: Money;
  programDiscount: Money;
  goodsId: string | null;
  barcode: string | null;
  name: string | null;
  unit: string | null;
}

export type Positions = Map<number, Money>;

/** The request's lines in Money; positions must be unique. Amounts are taken as they are. */
export function linesOfRequest(lines: readonly ChequeLineRequest[]): ChequeLine[] {
  const positions = new Set(lines.map((line) => line.position));
  if (positions.size !== lines.length) {
    throw new RpcFault(RpcErrorCode.ValidationFailed, 'Invalid request', ['cheque.lines: positions must be unique']);
  }
  return lines.map((line) => ({
    position: line.position,
    quantity: moneyFromNumber(line.quantity),
    amount: moneyFromNumber(line.amount),
    posDiscount: line.discount ? moneyFromNumber(line.discount) : ZERO,
    programDiscount: ZERO,
    goodsId: line.goodsId ?? null,
    barcode: line.barcode ?? null,
    name: line.name ?? null,
    unit: line.unit ?? null,
  }));
}

/** Applies our per-line discounts (Calculate): the new amount is the request's amount less ours. */
export function withProgramDiscounts(lines: readonly ChequeLine[], discounts: ReadonlyMap<number, Money>): ChequeLine[] {
  return lines.map((line) => {
    const discount = discounts.get(line.position) ?? ZERO;
    return { ...line, programDiscount: discount, amount: line.amount - discount };
  });
}

/** Whether a request's cheque is the one already on the purchase: same positions, amounts and quantities. */
export function sameCheque(stored: readonly ChequeLine[], requested: readonly ChequeLine[]): boolean {
  if (stored.length !== requested.length) return false;
  const byPosition = new Map(stored.map((line) => [line.position, line]));
  return requested.every((line) => {
    const known = byPosition.get(line.position);
    return known !== undefined && known.amount === line.amount && known.quantity === line.quantity;
  });
}

export function totalOf(lines: readonly ChequeLine[]): Money {
  return sumMoney(lines.map((line) => line.amount));
}

export function chequeReply(
  lines: readonly ChequeLine[],
  options: { payShares?: Positions | null; cashback?: Positions | null } = {},
): ChequeReply {
  const replyLines: ChequeLineReply[] = lines.map((line) => ({
    payAmount: options.payShares ? moneyToNumber(options.payShares.get(line.position) ?? ZERO) : null,
    message: null,
    position: line.position,
    amount: moneyToNumber(line.amount),
    goodsId: line.goodsId,
    barcode: line.barcode,
    quantity: moneyToNumber(line.quantity),
    cashback: options.cashback ? moneyToNumber(options.cashback.get(line.position) ?? ZERO) : null,
    discount: moneyToNumber(line.posDiscount + line.programDiscount),
  }));
  return {
    totalAmount: moneyToNumber(totalOf(lines)),
    totalDiscount: moneyToNumber(sumMoney(lines.map((line) => line.posDiscount + line.programDiscount))),
    totalCashback: moneyToNumber(options.cashback ? sumMoney(options.cashback.values()) : ZERO),
    lines: replyLines,
  };
}

export function toStoredLines(lines: readonly ChequeLine[]): StoredLine[] {
  return lines.map((line) => ({
    position: line.position,
    quantity: moneyToDecimal(line.quantity),
    amount: moneyToDecimal(line.amount),
    posDiscount: moneyToDecimal(line.posDiscount),
    programDiscount: moneyToDecimal(line.programDiscount),
    goodsId: line.goodsId,
    barcode: line.barcode,
    name: line.name,
    unit: line.unit,
  }));
}

export function fromStoredLines(lines: readonly StoredLine[]): ChequeLine[] {
  return lines.map((line) => ({
    position: line.position,
    quantity: moneyFromDecimal(line.quantity),
    amount: moneyFromDecimal(line.amount),
    posDiscount: moneyFromDecimal(line.posDiscount),
    programDiscount: moneyFromDecimal(line.programDiscount),
    goodsId: line.goodsId,
    barcode: line.barcode,
    name: line.name,
    unit: line.unit,
  }));
}

export function toStoredPositions(positions: ReadonlyMap<number, Money>): StoredPositions {
  const stored: StoredPositions = {};
  for (const [position, amount] of positions) stored[String(position)] = moneyToDecimal(amount);
  return stored;
}

export function fromStoredPositions(stored: StoredPositions | null | undefined): Positions {
  return new Map(Object.entries(stored ?? {}).map(([position, amount]) => [Number(position), moneyFromDecimal(amount)]));
}

/** Lines as allocation weights: each line weighs its amount. */
export function weightsOf(lines: readonly ChequeLine[]): Array<{ position: number; weight: Money }> {
  return lines.map((line) => ({ position: line.position, weight: line.amount }));
}
