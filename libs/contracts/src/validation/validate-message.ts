import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { ContractClass, PRESENCE_CONSTRAINTS } from './fields';

export type ValidationOutcome<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/**
 * Validates a decoded message body against a contract class.
 *
 * Synchronous on purpose: the messaging library calls it for every delivery in its consumer
 * wrapper, before the inbox and the handler. Unknown keys are tolerated (and kept on `value`),
 * because producers may add fields before every consumer knows them; a missing or mistyped key
 * is an error. Errors read `path: problem`, e.g. `customerInfo.customerId: must be an integer`.
 */
export function validateMessage<T extends object>(contract: ContractClass<T>, plain: unknown): ValidationOutcome<T> {
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
    return { ok: false, errors: ['(body): must be a JSON object'] };
  }
  const value = plainToInstance(contract, plain);
  const errors = validateSync(value, {
    forbidUnknownValues: false,
    whitelist: false,
    validationError: { target: false, value: true },
  });
  if (errors.length === 0) return { ok: true, value };
  return { ok: false, errors: formatValidationErrors(errors) };
}

/** Flattens class-validator's error tree into `path: message` lines. */
export function formatValidationErrors(errors: ValidationError[], parentPath = ''): string[] {
  const lines: string[] = [];
  for (const error of errors) {
    const path = joinPath(parentPath, error.property);
    const constraints = Object.entries(error.constraints ?? {});
    if (constraints.length > 0) {
      lines.push(...pickMessages(constraints).map((message) => `${path}: ${message}`));
      // The field itself is wrong (missing, null, not an object): errors about its inner keys
      // would only repeat that.
      continue;
    }
    lines.push(...formatValidationErrors(error.children ?? [], path));
  }
  return lines;
}

function pickMessages(constraints: [string, string][]): string[] {
  const presence = constraints.filter(([name]) => PRESENCE_CONSTRAINTS.has(name));
  if (presence.length > 0) return presence.map(([, message]) => message);
  // class-validator adds its own "nested property … must be either object or array" next to
  // our shape message; ours says the same thing with the path in front.
  const own = constraints.filter(([name]) => name !== 'nestedValidation');
  return (own.length > 0 ? own : constraints).map(([, message]) => message);
}

function joinPath(parent: string, property: string): string {
  if (/^\d+$/.test(property) && parent) return `${parent}[${property}]`;
  return parent ? `${parent}.${property}` : property;
}
