/**
 * A small YAML writer for the generated AsyncAPI document: plain data only (objects, arrays,
 * strings, numbers, booleans, null), block style, strings quoted unless obviously safe. Written
 * here so generating the document needs nothing beyond the library's own dependencies.
 */

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_.$/-]*$/;
const PLAIN_STRING = /^[A-Za-z][A-Za-z0-9_./-]*$/;
// Plain scalars YAML would read as something other than a string.
const RESERVED = /^(true|false|null|yes|no|on|off|y|n|~)$/i;

export function toYaml(value: unknown): string {
  return lines(value, 0).join('\n') + '\n';
}

function lines(value: unknown, indent: number): string[] {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${pad}[]`];
    return value.flatMap((item) => {
      if (isScalar(item) || isEmpty(item)) return [`${pad}- ${inline(item)}`];
      const [first, ...rest] = lines(item, indent + 2);
      return [`${pad}- ${first.slice(indent + 2)}`, ...rest];
    });
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    if (entries.length === 0) return [`${pad}{}`];
    return entries.flatMap(([key, child]) => {
      if (isScalar(child) || isEmpty(child)) return [`${pad}${formatKey(key)}: ${inline(child)}`];
      return [`${pad}${formatKey(key)}:`, ...lines(child, indent + 2)];
    });
  }
  return [`${pad}${inline(value)}`];
}

function isScalar(value: unknown): boolean {
  return value === null || typeof value !== 'object';
}

function isEmpty(value: unknown): boolean {
  return Array.isArray(value) ? value.length === 0 : typeof value === 'object' && value !== null && Object.keys(value).length === 0;
}

function inline(value: unknown): string {
  if (Array.isArray(value)) return '[]';
  if (typeof value === 'object' && value !== null) return '{}';
  if (value === null) return 'null';
  if (typeof value === 'string') return PLAIN_STRING.test(value) && !RESERVED.test(value) ? value : JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new Error(`Cannot write ${typeof value} as YAML`);
}

function formatKey(key: string): string {
  return PLAIN_KEY.test(key) && !RESERVED.test(key) ? key : JSON.stringify(key);
}
