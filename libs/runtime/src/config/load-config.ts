// Implicit type conversion reads design-time types; config loads before Nest would import this.
import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync, type ValidationError } from 'class-validator';
import { redactUrlPasswords } from '../logging/redact';

/** Variable names whose values are never echoed, not even in a boot error. */
const SECRET_NAME = /SECRET|PASSWORD|TOKEN|KEY/i;

/** class-validator constraint names that check the type of a value rather than its range. */
const TYPE_RULES = ['isInt', 'isNumber', 'isBoolean', 'isString'];

export interface ConfigIssue {
  variable: string;
  problems: string[];
  /** What was received, for the message: quoted, URL passwords masked, or `value hidden` for secrets. */
  received?: string;
}

/** The environment does not satisfy a service's config schema. The message lists every problem. */
export class ConfigError extends Error {
  constructor(readonly issues: ConfigIssue[]) {
    super(
      `Invalid configuration (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n` +
        issues
          .map((issue) => `  - ${issue.variable}: ${issue.problems.join('; ')}${issue.received === undefined ? '' : ` (${issue.received})`}`)
          .join('\n'),
    );
    this.name = 'ConfigError';
  }
}

/**
 * Reads a config class from the environment. The class declares each variable as a property
 * with class-validator decorators (a property without one is not read); property initialisers
 * are the defaults. Strings are converted to the declared property type (`PORT: number`).
 * An empty variable counts as unset, so `FOO=` in a compose file falls back to the default.
 */
export function loadConfig<T extends object>(schema: new () => T, env: Record<string, string | undefined> = process.env): T {
  const declared = declaredVariables(schema);
  const raw: Record<string, string> = {};
  for (const name of declared) {
    const value = env[name];
    if (value !== undefined && value !== '') raw[name] = value;
  }
  const config = plainToInstance(schema, raw, { enableImplicitConversion: true, exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: true, forbidUnknownValues: true, validationError: { target: false, value: false } });
  if (errors.length > 0) throw new ConfigError(errors.map((error) => describe(error, raw)));
  return config;
}

function declaredVariables(schema: new () => object): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(schema, '', true, false);
  return [...new Set(metadata.map((entry) => entry.propertyName))];
}

function describe(error: ValidationError, raw: Record<string, string>): ConfigIssue {
  const variable = error.property;
  const value = raw[variable];
  if (value === undefined) return { variable, problems: ['is required but not set'] };
  const prefix = `${variable} `;
  const constraints = error.constraints ?? {};
  // Range or format rules say nothing useful about a value of the wrong type ("abc" is not < 1).
  const typeRule = TYPE_RULES.find((rule) => rule in constraints);
  const messages = typeRule ? [constraints[typeRule]] : Object.values(constraints).reverse();
  const problems = messages.map((text) => (text.startsWith(prefix) ? text.slice(prefix.length) : text));
  const received = SECRET_NAME.test(variable) ? 'value hidden' : `got ${JSON.stringify(redactUrlPasswords(value))}`;
  return { variable, problems: problems.length > 0 ? problems : ['is invalid'], received };
}
