import { Transform } from 'class-transformer';

const TRUE_WORDS = new Set(['true', '1', 'yes', 'on']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'off']);

/**
 * Reads a boolean variable (`true/false`, `1/0`, `yes/no`, `on/off`). Implicit conversion would
 * turn the string "false" into `true`, so boolean config properties need this next to `@IsBoolean()`.
 * Anything else is left as a string for `@IsBoolean()` to reject.
 */
export function BooleanFromEnv(): PropertyDecorator {
  return Transform(({ obj, key, value }) => {
    const original: unknown = (obj as Record<string, unknown>)[key];
    if (typeof original !== 'string') return value;
    const word = original.trim().toLowerCase();
    if (TRUE_WORDS.has(word)) return true;
    if (FALSE_WORDS.has(word)) return false;
    return original;
  });
}
