import { Injectable } from '@nestjs/common';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { GatewayConfig } from '../config/gateway.config';

export const CLIENT_SCOPES = ['pos', 'partner', 'admin'] as const;
export type ClientScope = (typeof CLIENT_SCOPES)[number];

export interface OAuthClient {
  clientId: string;
  /** Numeric id: the `applicationId` of the events caused by the client's calls. */
  applicationId: number;
  scopes: ClientScope[];
  /** Public clients (the member apps) have no secret and cannot use client_credentials. */
  confidential: boolean;
}

interface StoredClient extends OAuthClient {
  salt: Buffer;
  secretHash: Buffer | null;
}

export const ADMIN_APPLICATION_ID = 1;
export const PUBLIC_APPLICATION_ID = 2;

/**
 * The OAuth clients the gateway knows: the bootstrap admin client and the public member-app client
 * from the environment, plus any listed in OAUTH_CLIENTS. Only a salted HMAC of each secret is kept
 * in memory. Client secrets are long random strings, so a fast keyed hash is enough here; member
 * passwords, which are not, get scrypt in the registration service.
 */
@Injectable()
export class OAuthClients {
  private readonly clients = new Map<string, StoredClient>();
  readonly publicClient: OAuthClient;

  constructor(config: GatewayConfig) {
    this.add({ clientId: config.ADMIN_CLIENT_ID, applicationId: ADMIN_APPLICATION_ID, scopes: ['admin'], confidential: true }, config.ADMIN_CLIENT_SECRET);
    this.publicClient = this.add({ clientId: config.PUBLIC_CLIENT_ID, applicationId: PUBLIC_APPLICATION_ID, scopes: [], confidential: false }, null);
    for (const entry of parseClients(config.OAUTH_CLIENTS)) {
      this.add({ clientId: entry.clientId, applicationId: entry.applicationId, scopes: entry.scopes, confidential: true }, entry.secret);
    }
  }

  find(clientId: string): OAuthClient | null {
    const client = this.clients.get(clientId);
    return client ? publicView(client) : null;
  }

  /** The client when the secret is right (confidential clients) or absent (public clients). */
  authenticate(clientId: string, secret: string | undefined): OAuthClient | null {
    const client = this.clients.get(clientId);
    if (!client) return null;
    if (!client.secretHash) return secret ? null : publicView(client);
    if (!secret) return null;
    const given = hmac(client.salt, secret);
    return timingSafeEqual(given, client.secretHash) ? publicView(client) : null;
  }

  private add(client: OAuthClient, secret: string | null): OAuthClient {
    if (this.clients.has(client.clientId)) throw new Error(`OAuth client ${client.clientId} is configured twice`);
    if ([...this.clients.values()].some((known) => known.applicationId === client.applicationId)) {
      throw new Error(`OAuth client ${client.clientId}: applicationId ${client.applicationId} is already taken`);
    }
    const salt = randomBytes(16);
    this.clients.set(client.clientId, { ...client, salt, secretHash: secret === null ? null : hmac(salt, secret) });
    return client;
  }
}

function hmac(salt: Buffer, secret: string): Buffer {
  return createHmac('sha256', salt).update(secret).digest();
}

function publicView({ clientId, applicationId, scopes, confidential }: StoredClient): OAuthClient {
  return { clientId, applicationId, scopes: [...scopes], confidential };
}

interface ConfiguredClient {
  clientId: string;
  applicationId: number;
  secret: string;
  scopes: ClientScope[];
}

/** OAUTH_CLIENTS, checked strictly: a typo must stop the gateway at boot, not lock a partner out later. */
export function parseClients(json: string | undefined): ConfiguredClient[] {
  if (!json) return [];
  const entries = JSON.parse(json) as unknown;
  if (!Array.isArray(entries)) throw new Error('OAUTH_CLIENTS must be a JSON array');
  return entries.map((entry, index) => {
    const { clientId, applicationId, secret, scopes } = (entry ?? {}) as Record<string, unknown>;
    const where = `OAUTH_CLIENTS[${index}]`;
    if (typeof clientId !== 'string' || !/^[\w.-]{3,64}$/.test(clientId)) throw new Error(`${where}.clientId must be 3-64 letters, digits, dots, dashes or underscores`);
    if (!Number.isSafeInteger(applicationId) || (applicationId as number) < 3) throw new Error(`${where}.applicationId must be an integer >= 3`);
    if (typeof secret !== 'string' || secret.length < 16) throw new Error(`${where}.secret must be at least 16 characters`);
    if (!Array.isArray(scopes) || scopes.length === 0 || !scopes.every((scope) => CLIENT_SCOPES.includes(scope as ClientScope))) {
      throw new Error(`${where}.scopes must list some of ${CLIENT_SCOPES.join(', ')}`);
    }
    return { clientId, applicationId: applicationId as number, secret, scopes: scopes as ClientScope[] };
  });
}
