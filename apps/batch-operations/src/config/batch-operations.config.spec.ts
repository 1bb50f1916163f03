import { ConfigError, loadConfig } from '@loyalty/runtime';
import { BatchOperationsConfig } from './batch-operations.config';

describe('BatchOperationsConfig', () => {
  it('defaults to port 3004, its own database and the SPEC defaults', () => {
    expect(loadConfig(BatchOperationsConfig, {})).toMatchObject({
      PORT: 3004,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/loyalty_batch_operations',
      PROGRAM_TIMEZONE: 'UTC',
      REFUND_NEGATIVE_TYPE: 'SuppressNegative',
      BATCH_MAX_ITEMS: 200_000,
      BATCH_WORKER_ENABLED: true,
    });
  });

  it('reads booleans and numbers from strings', () => {
    expect(loadConfig(BatchOperationsConfig, { BATCH_WORKER_ENABLED: 'false', BATCH_CHUNK_SIZE: '250' })).toMatchObject({
      BATCH_WORKER_ENABLED: false,
      BATCH_CHUNK_SIZE: 250,
    });
  });

  it('refuses bad values, naming each variable', () => {
    try {
      loadConfig(BatchOperationsConfig, { PROGRAM_TIMEZONE: 'Mars/Olympus', REFUND_NEGATIVE_TYPE: 'Sometimes', BATCH_CHUNK_SIZE: '0' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).issues.map((issue) => issue.variable).sort()).toEqual(['BATCH_CHUNK_SIZE', 'PROGRAM_TIMEZONE', 'REFUND_NEGATIVE_TYPE']);
    }
  });
});
