import { once } from 'node:events';
import { join } from 'node:path';
import { spawnTs } from '@loyalty/testing';

const MAIN = join(__dirname, '../src/main.ts');

describe('batch-operations start-up configuration', () => {
  it.each([
    ['DATABASE_URL', { DATABASE_URL: 'mysql://somewhere/else' }],
    ['PROGRAM_TIMEZONE', { PROGRAM_TIMEZONE: 'Mars/Olympus' }],
    ['REFUND_NEGATIVE_TYPE', { REFUND_NEGATIVE_TYPE: 'Sometimes' }],
    ['BATCH_CHUNK_SIZE', { BATCH_CHUNK_SIZE: 'big' }],
  ])('exits non-zero naming %s when it is malformed', async (variable, env) => {
    const { child, output } = spawnTs(MAIN, env);
    const [exitCode] = await once(child, 'exit');
    expect(exitCode).not.toBe(0);
    expect(output()).toContain(variable);
  });
});
