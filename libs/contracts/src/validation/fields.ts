// class-transformer's @Type reads design-time metadata through the Reflect polyfill; importing
// it here means no consumer of the contracts has to remember to load it first.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { ValidateBy, ValidateIf, ValidateNested, ValidationArguments } from 'class-validator';

/**
 * Field decorators for the event contracts.
 *
 * Each decorator does two things: it registers a class-validator rule with a message that reads
 * well after a property path ("customerInfo.customerId: must be an integer"), and it records the
 * JSON Schema of the field, so the AsyncAPI document is generated from the same declarations
 * that validate messages instead of being a second description that can drift.
 *
 * A field gets one presence decorator (Required, PresentOrNull, OptionalKey, OptionalOrNull,
 * RequiredUnlessSibling) and one shape decorator (IntegerValue, MoneyAmount, …).
 */

export type JsonSchema = Record<string, unknown>;

export type Presence = 'required' | 'presentOrNull' | 'optional' | 'optionalOrNull' | 'requiredUnlessSibling';

export interface FieldDescription {
  presence?: Presence;
  /** For `requiredUnlessSibling`: the other key that may stand in for this one. */
  sibling?: string;
  schema?: JsonSchema;
  /** Class of a nested object or of the elements of a nested list. */
  nested?: () => ContractClass;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ContractClass<T = any> = new (...args: any[]) => T;

/** Constraint names the error formatter treats as "the key is missing or null". */
export const PRESENCE_CONSTRAINTS = new Set(['required', 'presentOrNull', 'requiredUnlessSibling', 'notNull']);

const fieldsByClass = new Map<object, Map<string, FieldDescription>>();

function describeField(prototype: object, property: string, description: FieldDescription): void {
  let fields = fieldsByClass.get(prototype);
  if (!fields) {
    fields = new Map();
    fieldsByClass.set(prototype, fields);
  }
  fields.set(property, mergeDescriptions(fields.get(property), description));
}

function mergeDescriptions(base: FieldDescription | undefined, extra: FieldDescription): FieldDescription {
  const merged = { ...base, ...extra };
  if (base?.schema && extra.schema) {
    const descriptions = [base.schema['description'], extra.schema['description']].filter(Boolean);
    merged.schema = { ...base.schema, ...extra.schema };
    if (descriptions.length) merged.schema['description'] = descriptions.join(' ');
  }
  return merged;
}

/**
 * The fields declared on a contract class and its base classes, base fields first, each in
 * declaration order.
 */
export function describeContractFields(contract: ContractClass): Map<string, FieldDescription> {
  const chain: object[] = [];
  for (let proto = contract.prototype; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    chain.unshift(proto);
  }
  const merged = new Map<string, FieldDescription>();
  for (const proto of chain) {
    for (const [name, field] of fieldsByClass.get(proto) ?? []) {
      merged.set(name, mergeDescriptions(merged.get(name), field));
    }
  }
  return merged;
}

type Check = (value: unknown, args: ValidationArguments) => boolean;

function rule(
  name: string,
  check: Check,
  message: string | ((args: ValidationArguments) => string),
  schema?: JsonSchema,
): PropertyDecorator {
  const validate = ValidateBy({ name, validator: { validate: check } }, { message });
  return (target, key) => {
    validate(target, key);
    if (schema) describeField(target, String(key), { schema });
  };
}

// ---------------------------------------------------------------------------------------------
// Presence
// ---------------------------------------------------------------------------------------------

/** The key must be present and not null. */
export function Required(): PropertyDecorator {
  const validate = rule(
    'required',
    (value) => value !== undefined && value !== null,
    (args) => (args.value === null ? 'must not be null' : 'is required'),
  );
  return (target, key) => {
    validate(target, key);
    describeField(target, String(key), { presence: 'required' });
  };
}

/**
 * The key must be present; its value may be null. This is what the seed means when it shows a
 * key with `null`: consumers read the key unconditionally, so leaving it out breaks them even
 * though null is a legal value. Shape rules on the same field apply only to non-null values.
 */
export function PresentOrNull(): PropertyDecorator {
  const skipNull = ValidateIf((_object, value) => value !== null);
  const validate = rule('presentOrNull', (value) => value !== undefined, 'is required (null is allowed)');
  return (target, key) => {
    skipNull(target, key);
    validate(target, key);
    describeField(target, String(key), { presence: 'presentOrNull' });
  };
}

/** The key may be left out; when present it must satisfy the shape rules and not be null. */
export function OptionalKey(): PropertyDecorator {
  const skipAbsent = ValidateIf((_object, value) => value !== undefined);
  const validate = rule('notNull', (value) => value !== null, 'must not be null');
  return (target, key) => {
    skipAbsent(target, key);
    validate(target, key);
    describeField(target, String(key), { presence: 'optional' });
  };
}

/** The key may be left out or be null; otherwise it must satisfy the shape rules. */
export function OptionalOrNull(): PropertyDecorator {
  const skip = ValidateIf((_object, value) => value !== undefined && value !== null);
  return (target, key) => {
    skip(target, key);
    describeField(target, String(key), { presence: 'optionalOrNull' });
  };
}

/**
 * The key is required unless `sibling` is present. Used for the member's uuid, which the seed
 * calls `customerUid` in some events and `customerCode` in others.
 */
export function RequiredUnlessSibling(sibling: string): PropertyDecorator {
  return (target, key) => {
    const property = String(key);
    ValidateIf((object: Record<string, unknown>, value) => value !== undefined || object[sibling] === undefined)(
      target,
      key,
    );
    rule(
      'requiredUnlessSibling',
      (value) => value !== undefined,
      `is required unless ${sibling} is present`,
    )(target, key);
    describeField(target, property, { presence: 'requiredUnlessSibling', sibling });
  };
}

// ---------------------------------------------------------------------------------------------
// Shapes
// ---------------------------------------------------------------------------------------------

const UTC_SECOND_PRECISION = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;
// Any 8-4-4-4-12 hex string: ids minted by other systems (.NET Guid) need not carry RFC 4122
// version and variant bits.
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
export const MESSAGE_ID_PATTERN = /^[0-9a-f]{32}$/;
const POSITION_KEY = /^[0-9]+$/;

export const MONEY_MAX_DECIMALS = 4;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True for a finite number whose decimal form has at most MONEY_MAX_DECIMALS fraction digits. */
export function hasMoneyPrecision(value: unknown): value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  // Scaling by 10^4 and comparing to the rounded result tolerates binary noise such as
  // 0.1 + 0.2, which a string check on `String(value)` would reject.
  const scaled = value * 10 ** MONEY_MAX_DECIMALS;
  return Math.abs(scaled - Math.round(scaled)) <= Math.max(1e-9, Math.abs(scaled) * 1e-15);
}

export function isUtcDateTime(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const parts = UTC_SECOND_PRECISION.exec(value);
  if (!parts) return false;
  const [year, month, day, hour, minute, second] = parts.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC rolls 2021-02-30 over to March; a real calendar date survives the round trip.
  return (
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second
  );
}

export function IntegerValue(options: { min?: number } = {}): PropertyDecorator {
  const { min } = options;
  return rule(
    'integer',
    (value) => Number.isSafeInteger(value) && (min === undefined || (value as number) >= min),
    min === undefined ? 'must be an integer' : `must be an integer >= ${min}`,
    min === undefined ? { type: 'integer' } : { type: 'integer', minimum: min },
  );
}

export type AmountSign = 'any' | 'nonNegative' | 'nonPositive';

function signOk(value: number, sign: AmountSign): boolean {
  if (sign === 'nonNegative') return value >= 0;
  if (sign === 'nonPositive') return value <= 0;
  return true;
}

const SIGN_WORDS: Record<AmountSign, string> = {
  any: '',
  nonNegative: ' and not negative',
  nonPositive: ' and not positive',
};

function signSchema(sign: AmountSign): JsonSchema {
  if (sign === 'nonNegative') return { minimum: 0 };
  if (sign === 'nonPositive') return { maximum: 0 };
  return {};
}

/** Money or a quantity: a JSON number with at most 4 decimals, optionally with a fixed sign. */
export function MoneyAmount(sign: AmountSign = 'any'): PropertyDecorator {
  return rule(
    'money',
    (value) => hasMoneyPrecision(value) && signOk(value, sign),
    `must be a number with at most ${MONEY_MAX_DECIMALS} decimals${SIGN_WORDS[sign]}`,
    { type: 'number', ...signSchema(sign), description: `At most ${MONEY_MAX_DECIMALS} decimals.` },
  );
}

/**
 * A map from cheque position id (as a string key) to that position's share of an amount, as in
 * the seed's `positionInfo`.
 */
export function PositionAmounts(sign: AmountSign = 'any'): PropertyDecorator {
  return rule(
    'positionAmounts',
    (value) =>
      isPlainObject(value) &&
      Object.entries(value).every(([key, amount]) => POSITION_KEY.test(key) && hasMoneyPrecision(amount) && signOk(amount, sign)),
    `must map position ids to numbers with at most ${MONEY_MAX_DECIMALS} decimals${SIGN_WORDS[sign]}`,
    {
      type: 'object',
      propertyNames: { pattern: POSITION_KEY.source },
      additionalProperties: { type: 'number', ...signSchema(sign) },
      description: 'Cheque position id → that position’s share of the amount.',
    },
  );
}

export function UtcDateTime(): PropertyDecorator {
  return rule(
    'utcDateTime',
    isUtcDateTime,
    'must be an ISO-8601 UTC date-time with second precision, e.g. 2021-07-19T16:33:24Z',
    { type: 'string', format: 'date-time', pattern: UTC_SECOND_PRECISION.source },
  );
}

export function Uuid(): PropertyDecorator {
  return rule('uuid', (value) => typeof value === 'string' && UUID.test(value), 'must be a uuid', {
    type: 'string',
    pattern: UUID.source,
  });
}

/** 32 lowercase hex digits: a uuid without hyphens, the format of `messageId`/`externalId`. */
export function MessageId(): PropertyDecorator {
  return rule(
    'messageId',
    (value) => typeof value === 'string' && MESSAGE_ID_PATTERN.test(value),
    'must be 32 lowercase hex digits',
    { type: 'string', pattern: MESSAGE_ID_PATTERN.source },
  );
}

export function Text(): PropertyDecorator {
  return rule('string', (value) => typeof value === 'string', 'must be a string', { type: 'string' });
}

export function Flag(): PropertyDecorator {
  return rule('boolean', (value) => typeof value === 'boolean', 'must be a boolean', { type: 'boolean' });
}

export function OneOf(values: readonly string[]): PropertyDecorator {
  return rule('oneOf', (value) => values.includes(value as string), `must be one of: ${values.join(', ')}`, {
    type: 'string',
    enum: [...values],
  });
}

export function Literal(expected: boolean): PropertyDecorator {
  return rule('literal', (value) => value === expected, `must be ${expected}`, { type: 'boolean', const: expected });
}

/** A JSON array whose elements the contract does not describe (the seed only shows `[]`). */
export function AnyList(): PropertyDecorator {
  return rule('array', (value) => Array.isArray(value), 'must be an array', { type: 'array' });
}

export function NestedObject(nested: () => ContractClass): PropertyDecorator {
  const shape = rule('object', isPlainObject, 'must be an object');
  return (target, key) => {
    shape(target, key);
    ValidateNested()(target, key);
    Type(nested)(target, key as string);
    describeField(target, String(key), { nested });
  };
}

export function NestedList(nested: () => ContractClass): PropertyDecorator {
  const shape = rule(
    'objectList',
    (value) => Array.isArray(value) && value.every(isPlainObject),
    'must be an array of objects',
  );
  return (target, key) => {
    shape(target, key);
    ValidateNested({ each: true })(target, key);
    Type(nested)(target, key as string);
    describeField(target, String(key), { nested, schema: { type: 'array' } });
  };
}

/** Attaches a JSON Schema description to a field, for the AsyncAPI document. */
export function Describe(description: string): PropertyDecorator {
  return (target, key) => describeField(target, String(key), { schema: { description } });
}
