import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { GatewayConfig } from '../config/gateway.config';
import type { OAuthClient } from './oauth-clients';
import { signToken, TokenClaims, verifyToken } from './signed-token';

export const MEMBER_SCOPE = 'member';

export interface IssuedToken {
  accessToken: string;
  expiresIn: number;
  scope: string;
}

/** Mints and checks the gateway's bearer tokens (HS256 JWT under TOKEN_SIGNING_SECRET). */
@Injectable()
export class BearerTokens {
  constructor(private readonly config: GatewayConfig) {}

  /** A member token carrying the member's new token version and the client acting for them. */
  forMember(memberId: number, tokenVersion: number, client: OAuthClient): IssuedToken {
    return this.issue({ sub: String(memberId), typ: 'member', scope: MEMBER_SCOPE, ver: tokenVersion, cid: client.clientId, app: client.applicationId });
  }

  forClient(client: OAuthClient, scopes: string[]): IssuedToken {
    return this.issue({ sub: client.clientId, typ: 'client', scope: scopes.join(' '), cid: client.clientId, app: client.applicationId });
  }

  verify(token: string): TokenClaims | null {
    return verifyToken(token, this.config.TOKEN_SIGNING_SECRET);
  }

  private issue(claims: Omit<TokenClaims, 'iat' | 'exp' | 'jti'>): IssuedToken {
    const iat = Math.floor(Date.now() / 1000);
    const expiresIn = this.config.TOKEN_TTL_SECONDS;
    const accessToken = signToken({ ...claims, iat, exp: iat + expiresIn, jti: randomUUID() }, this.config.TOKEN_SIGNING_SECRET);
    return { accessToken, expiresIn, scope: claims.scope };
  }
}
