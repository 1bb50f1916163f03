/** Keys whose values never reach a log line. Matched anywhere in the key, case-insensitively. */
const SENSITIVE_KEY = /secret|password|passwd|token|authorization|cookie/i;

/** `scheme://user:password@host` — the password part is replaced, the rest kept for diagnosis. */
const URL_CREDENTIALS = /([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)([^\s@/]+)(@)/gi;

export const REDACTED = '[REDACTED]';
const MAX_DEPTH = 8;

export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEY.test(key);
}

/** Masks the password of every URL inside `text` (`amqp://app:s3cret@mq` → `amqp://app:***@mq`). */
export function redactUrlPasswords(text: string): string {
  return text.replace(URL_CREDENTIALS, '$1***$3');
}

/**
 * A copy of `value` that is safe to log: values under sensitive keys are replaced, URL passwords in
 * strings are masked, cycles and very deep nesting are cut. Errors become plain objects (name,
 * message, stack, code, cause) so their stack survives JSON serialisation.
 */
export function redact<T>(value: T): T {
  return redactValue(value, 0, new WeakSet()) as T;
}

function redactValue(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redactUrlPasswords(value);
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value;
  if (seen.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[Truncated]';
  seen.add(value);
  try {
    if (value instanceof Error) return serializeError(value, depth, seen);
    if (Buffer.isBuffer(value)) return `[Buffer ${value.length} bytes]`;
    if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1, seen));
    if (value instanceof Map) return redactValue(Object.fromEntries(value), depth, seen);
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      copy[key] = isSensitiveKey(key) && item !== undefined && item !== null ? REDACTED : redactValue(item, depth + 1, seen);
    }
    return copy;
  } finally {
    seen.delete(value);
  }
}

function serializeError(error: Error, depth: number, seen: WeakSet<object>): Record<string, unknown> {
  const serialized: Record<string, unknown> = {
    type: error.name,
    message: redactUrlPasswords(error.message),
    stack: error.stack ? redactUrlPasswords(error.stack) : undefined,
  };
  const { code, cause } = error as Error & { code?: unknown; cause?: unknown };
  if (code !== undefined) serialized['code'] = code;
  if (cause !== undefined) serialized['cause'] = redactValue(cause, depth + 1, seen);
  return serialized;
}
