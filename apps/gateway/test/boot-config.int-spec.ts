import { once } from 'node:events';
import { join } from 'node:path';
import { spawnTs } from '@loyalty/testing';

const MAIN = join(__dirname, '../src/main.ts');
const VALID = {
  ADMIN_CLIENT_ID: 'admin',
  ADMIN_CLIENT_SECRET: 'a-secret-of-sixteen-or-more',
  TOKEN_SIGNING_SECRET: 'a-token-signing-secret-of-32-characters-at-least',
};

describe('gateway start-up configuration', () => {
  it.each([
    ['ADMIN_CLIENT_SECRET', { ADMIN_CLIENT_ID: 'admin', ADMIN_CLIENT_SECRET: '' }],
    ['ADMIN_CLIENT_SECRET', { ...VALID, ADMIN_CLIENT_SECRET: 'short' }],
    ['RPC_TIMEOUT_MS', { ...VALID, RPC_TIMEOUT_MS: 'soon' }],
    ['LOG_LEVEL', { ...VALID, LOG_LEVEL: 'chatty' }],
  ])('exits non-zero naming %s when it is missing or malformed', async (variable, env) => {
    const { child, output } = spawnTs(MAIN, env);
    const [exitCode] = await once(child, 'exit');
    expect(exitCode).not.toBe(0);
    expect(output()).toContain(variable);
    // The secret's value never appears in the message.
    expect(output()).not.toContain('a-secret-of-sixteen-or-more');
  });
});
