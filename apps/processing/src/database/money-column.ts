import { Column, ColumnOptions, ValueTransformer } from 'typeorm';
import { Money, moneyFromDecimal, moneyToDecimal } from '../money/money';

/** numeric(19,4) ↔ Money (bigint of 0.0001 units); find operators and nulls pass through. */
export const moneyTransformer: ValueTransformer = {
  to: (value: unknown) => (typeof value === 'bigint' ? moneyToDecimal(value) : value),
  from: (value: unknown) => (typeof value === 'string' ? moneyFromDecimal(value) : value),
};

export function MoneyColumn(options: ColumnOptions = {}): PropertyDecorator {
  return Column({ type: 'numeric', precision: 19, scale: 4, transformer: moneyTransformer, ...options });
}

/** Reads a numeric value that came back from a raw query. */
export function moneyFromRow(value: unknown): Money {
  if (value === null || value === undefined) return 0n;
  return moneyFromDecimal(String(value));
}
