import { once } from 'node:events';
import { join } from 'node:path';
import { spawnTs } from '@loyalty/testing';

const MAIN = join(__dirname, '../src/main.ts');

describe('smc-plugin start-up configuration', () => {
  it.each([
    ['SMC_QUEUE_TYPE', { SMC_QUEUE_TYPE: 'stream' }],
    ['SMC_ENABLED', { SMC_ENABLED: 'maybe' }],
    ['RABBITMQ_URL', { RABBITMQ_URL: 'http://not-amqp' }],
    ['PORT', { PORT: 'eighty' }],
  ])('exits non-zero naming %s when it is malformed', async (variable, env) => {
    const { child, output } = spawnTs(MAIN, env);
    const [exitCode] = await once(child, 'exit');
    expect(exitCode).not.toBe(0);
    expect(output()).toContain(variable);
  });
});
