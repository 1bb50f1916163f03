import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ContractClass<T = object> = new (...args: any[]) => T;

export type ValidationOutcome<T> = { ok: true; value: T } | { ok: false, errors: string[] };

/** Turns a plain message into its contract class and validates it; unknown keys are tolerated. */
export function validateAgainst<T extends object>(contract: ContractClass<T>, plain: unknown): ValidationOutcome<T> {
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) {
    return { ok: false, errors: ['body must be a JSON object'] };
  }
  const value = plainToInstance(contract, plain);
  const errors = validateSync(value, { forbidUnknownValues: false });
  return errors.length === 0 ? { ok: true, value } : { ok: false, errors: flatten(errors) };
}

function flatten(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => `${path}: ${message}`);
    return [...own, ...flatten(error.children ?? [], path)];
  });
}
