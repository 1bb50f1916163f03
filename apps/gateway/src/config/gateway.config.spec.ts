import { ConfigError, loadConfig } from '@loyalty/runtime';
import { GatewayConfig } from './gateway.config';

const admin = { ADMIN_CLIENT_ID: 'platform-admin', ADMIN_CLIENT_SECRET: 'correct-horse-battery-staple' };
const signing = { TOKEN_SIGNING_SECRET: 'a-token-signing-secret-of-32-characters-at-least' };

describe('GatewayConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig(GatewayConfig, { ...admin, ...signing });
    expect(config).toMatchObject({
      PORT: 3000,
      HTTP_BODY_LIMIT: '1mb',
      RPC_TIMEOUT_MS: 5000,
      LOG_LEVEL: 'info',
      SHUTDOWN_TIMEOUT_MS: 25000,
      RABBITMQ_URL: 'amqp://guest:guest@127.0.0.1:5672',
      TOKEN_TTL_SECONDS: 3600,
      PUBLIC_CLIENT_ID: 'member-portal',
      RATE_LIMIT_WINDOW_SECONDS: 600,
      RATE_LIMIT_CODE_SENDS_PER_IP: 30,
      RATE_LIMIT_CODE_SENDS_PER_PHONE: 5,
      RATE_LIMIT_LOGINS_PER_IP: 60,
      RATE_LIMIT_LOGINS_PER_LOGIN: 10,
      ...admin,
    });
  });

  it('refuses a token signing secret shorter than 32 characters without echoing it', () => {
    expect(() => loadConfig(GatewayConfig, { ...admin, TOKEN_SIGNING_SECRET: 'short-signing-secret' })).toThrow(
      /TOKEN_SIGNING_SECRET: must be longer than or equal to 32 characters \(value hidden\)/,
    );
    expect(() => loadConfig(GatewayConfig, admin)).toThrow(/TOKEN_SIGNING_SECRET: is required but not set/);
  });

  it('refuses to boot without ADMIN_CLIENT_SECRET and says so', () => {
    expect(() => loadConfig(GatewayConfig, { ADMIN_CLIENT_ID: admin.ADMIN_CLIENT_ID })).toThrow(ConfigError);
    expect(() => loadConfig(GatewayConfig, { ADMIN_CLIENT_ID: admin.ADMIN_CLIENT_ID })).toThrow(/ADMIN_CLIENT_SECRET: is required but not set/);
  });

  it('rejects a short admin secret without echoing it', () => {
    let message = '';
    try {
      loadConfig(GatewayConfig, { ...admin, ...signing, ADMIN_CLIENT_SECRET: 'tooshort', RPC_TIMEOUT_MS: 'soon' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('ADMIN_CLIENT_SECRET: must be longer than or equal to 16 characters (value hidden)');
    expect(message).toContain('RPC_TIMEOUT_MS: must be an integer number (got "soon")');
    expect(message).not.toContain('tooshort');
  });
});
