import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_CODES_BY_ROUTING_KEY, SMC_ROUTING_KEYS } from '../events/routing-keys';
import { SEED_FIXTURE_NAMES, SeedFixtureName, loadFixture } from './fixtures';

const FIXTURE_DIR = join(__dirname, '..', '..', 'fixtures');

function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => [key, ...keysOf(child)]);
}

describe('seed fixtures', () => {
  it('has one file per SMC routing key, named after it', () => {
    expect(readdirSync(FIXTURE_DIR).sort()).toEqual(SMC_ROUTING_KEYS.map((key) => `${key}.json`).sort());
    expect(SEED_FIXTURE_NAMES).toEqual(SMC_ROUTING_KEYS);
  });

  it.each(SMC_ROUTING_KEYS)('loads %s exactly as stored on disk', (name) => {
    const onDisk = JSON.parse(readFileSync(join(FIXTURE_DIR, `${name}.json`), 'utf8'));
    expect(loadFixture(name)).toEqual(onDisk);
    expect(EVENT_CODES_BY_ROUTING_KEY[name]).toContain(onDisk.eventCode);
  });

  it('has the seed typos fixed and no others introduced', () => {
    const keys = SMC_ROUTING_KEYS.flatMap((name) => keysOf(loadFixture(name)));
    expect(keys).not.toContain('accountfroupId');
    for (const key of keys) expect(key).toMatch(/^[A-Za-z0-9]+$/);
    // The seed writes both spellings of the member uuid; the fixtures keep them.
    expect(keys).toContain('customerCode');
    expect(keys).toContain('customerUid');
  });

  it('hands out copies, so one test cannot change another’s fixture', () => {
    const first = loadFixture('customer.registration.begin');
    first['eventCode'] = 'changed';
    expect(loadFixture('customer.registration.begin')['eventCode']).toBe('OnBeginRegistration');
  });

  it('refuses an unknown name', () => {
    expect(() => loadFixture('processing.balance.changed' as SeedFixtureName)).toThrow(/No seed fixture named/);
  });
});
