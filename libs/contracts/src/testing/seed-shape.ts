/**
 * Structural comparison of an event body with a seed example, for contract tests that check
 * what a service puts on the queue against seed 000 field by field.
 *
 * The fixture decides which keys must exist: extra keys in `actual` are fine (SMC ignores
 * them), a missing key or a different JSON type is a mismatch. Values are not compared — the
 * seed's amounts and ids are example data.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export interface SeedShapeOptions {
  /** Keys (matched by name at any depth) that may be null although the fixture shows a value. */
  nullableKeys?: readonly string[];
  /** Keys whose value is a map with free keys; every entry must match the fixture's first entry. */
  dictionaryKeys?: readonly string[];
}

/**
 * The seed shows `oldCard` filled in its ReplaceCard example and says it is null "in all other
 * cases", so a SetCard or AttachCard body with `oldCard: null` still has the seed's shape.
 */
export const SEED_NULLABLE_KEYS: readonly string[] = ['oldCard'];
/** `positionInfo` is keyed by cheque position, so its keys differ from purchase to purchase. */
export const SEED_DICTIONARY_KEYS: readonly string[] = ['positionInfo'];

const INTEGER_ID_KEY = /Id$/;

/** Lists every place where `actual` departs from the shape of `fixture`; empty when it matches. */
export function seedShapeMismatches(actual: unknown, fixture: unknown, options: SeedShapeOptions = {}): string[] {
  const settings: Required<SeedShapeOptions> = {
    nullableKeys: options.nullableKeys ?? SEED_NULLABLE_KEYS,
    dictionaryKeys: options.dictionaryKeys ?? SEED_DICTIONARY_KEYS,
  };
  const mismatches: string[] = [];
  compare(actual, fixture, '', '', settings, mismatches);
  return mismatches;
}

/** Throws an error listing the mismatches, so a test failure says which keys are wrong. */
export function expectSeedShape(actual: unknown, fixture: unknown, options?: SeedShapeOptions): void {
  const mismatches = seedShapeMismatches(actual, fixture, options);
  if (mismatches.length > 0) {
    throw new Error(`Body does not have the seed's shape:\n  ${mismatches.join('\n  ')}`);
  }
}

function compare(
  actual: unknown,
  fixture: unknown,
  key: string,
  path: string,
  settings: Required<SeedShapeOptions>,
  out: string[],
): void {
  const where = path || '(root)';
  // The seed shows null where the type is not documented: presence is all we can check.
  if (fixture === null) return;
  if (actual === null && settings.nullableKeys.includes(key)) return;

  const expected = jsonType(fixture);
  const got = jsonType(actual);
  if (expected !== got) {
    out.push(`${where}: expected ${expected}, got ${got}`);
    return;
  }

  if (typeof fixture === 'number') {
    if (INTEGER_ID_KEY.test(key) && Number.isInteger(fixture) && !Number.isInteger(actual)) {
      out.push(`${where}: expected an integer id, got ${String(actual)}`);
    }
    return;
  }

  if (Array.isArray(fixture)) {
    if (fixture.length === 0) return;
    (actual as unknown[]).forEach((element, index) =>
      compare(element, fixture[0], key, `${path}[${index}]`, settings, out),
    );
    return;
  }

  if (expected === 'object') {
    const fixtureObject = fixture as Record<string, unknown>;
    const actualObject = actual as Record<string, unknown>;
    if (settings.dictionaryKeys.includes(key)) {
      const [sample] = Object.values(fixtureObject);
      if (sample === undefined) return;
      for (const [entryKey, entry] of Object.entries(actualObject)) {
        compare(entry, sample, entryKey, `${path}.${entryKey}`, settings, out);
      }
      return;
    }
    for (const [childKey, childFixture] of Object.entries(fixtureObject)) {
      const childPath = path ? `${path}.${childKey}` : childKey;
      if (!Object.prototype.hasOwnProperty.call(actualObject, childKey)) {
        out.push(`${childPath}: missing`);
        continue;
      }
      compare(actualObject[childKey], childFixture, childKey, childPath, settings, out);
    }
  }
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
