import { ConfigError, loadConfig } from '@loyalty/runtime';
import { ProcessingConfig } from './processing.config';

describe('ProcessingConfig', () => {
  it('defaults to port 3003, its own database and the SPEC defaults', () => {
    const config = loadConfig(ProcessingConfig, {});
    expect(config).toMatchObject({
      PORT: 3003,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/loyalty_processing',
      REFUND_NEGATIVE_TYPE: 'SuppressNegative',
      MAX_BONUS_PAYMENT_PERCENT: 50,
      PAYMENT_DAILY_HARD_LIMIT: 0,
      PROGRAM_TIMEZONE: 'UTC',
    });
  });

  it('refuses a bad value, naming the variable', () => {
    const attempt = () => loadConfig(ProcessingConfig, { REFUND_NEGATIVE_TYPE: 'Sometimes', PROGRAM_TIMEZONE: 'Mars/Olympus', MAX_BONUS_PAYMENT_PERCENT: '150' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      expect((error as ConfigError).issues.map((issue) => issue.variable).sort()).toEqual([
        'MAX_BONUS_PAYMENT_PERCENT',
        'PROGRAM_TIMEZONE',
        'REFUND_NEGATIVE_TYPE',
      ]);
    }
  });
});
