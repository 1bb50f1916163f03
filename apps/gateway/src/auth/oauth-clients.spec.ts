import { loadConfig } from '@loyalty/runtime';
import { GatewayConfig } from '../config/gateway.config';
import { OAuthClients, parseClients } from './oauth-clients';

const base = {
  ADMIN_CLIENT_ID: 'platform-admin',
  ADMIN_CLIENT_SECRET: 'correct-horse-battery-staple',
  TOKEN_SIGNING_SECRET: 'a-token-signing-secret-of-32-characters-at-least',
};

describe('OAuthClients', () => {
  const clients = new OAuthClients(
    loadConfig(GatewayConfig, {
      ...base,
      OAUTH_CLIENTS: JSON.stringify([{ clientId: 'pos-0001', applicationId: 7, secret: 'pos-secret-of-16-chars', scopes: ['pos'] }]),
    }),
  );

  it('authenticates the bootstrap admin client only with its secret', () => {
    expect(clients.authenticate('platform-admin', 'correct-horse-battery-staple')).toEqual({
      clientId: 'platform-admin',
      applicationId: 1,
      scopes: ['admin'],
      confidential: true,
    });
    expect(clients.authenticate('platform-admin', 'correct-horse-battery-stapl')).toBeNull();
    expect(clients.authenticate('platform-admin', undefined)).toBeNull();
    expect(clients.authenticate('nobody', 'x')).toBeNull();
  });

  it('knows the public member-app client, which has no secret', () => {
    expect(clients.publicClient).toMatchObject({ clientId: 'member-portal', applicationId: 2, confidential: false });
    expect(clients.authenticate('member-portal', undefined)).toMatchObject({ applicationId: 2 });
    expect(clients.authenticate('member-portal', 'guess')).toBeNull();
  });

  it('adds the clients of OAUTH_CLIENTS', () => {
    expect(clients.authenticate('pos-0001', 'pos-secret-of-16-chars')).toMatchObject({ applicationId: 7, scopes: ['pos'] });
  });

  it('keeps no secret in clear', () => {
    expect(JSON.stringify([...(clients as unknown as { clients: Map<string, unknown> }).clients.values()])).not.toContain('correct-horse');
  });

  it('refuses malformed OAUTH_CLIENTS entries', () => {
    expect(() => parseClients('{}')).toThrow('JSON array');
    expect(() => parseClients(JSON.stringify([{ clientId: 'pos-1', applicationId: 1, secret: 'x'.repeat(16), scopes: ['pos'] }]))).toThrow('applicationId');
    expect(() => parseClients(JSON.stringify([{ clientId: 'pos-1', applicationId: 5, secret: 'short', scopes: ['pos'] }]))).toThrow('secret');
    expect(() => parseClients(JSON.stringify([{ clientId: 'pos-1', applicationId: 5, secret: 'x'.repeat(16), scopes: ['root'] }]))).toThrow('scopes');
  });
});
