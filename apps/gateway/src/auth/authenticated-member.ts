import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { MemberSession } from '@loyalty/contracts';
import type { Request } from 'express';
import type { OAuthClient } from './oauth-clients';

/** The member behind a verified member token, as MemberAuthGuard leaves it on the request. */
export interface AuthenticatedMember extends MemberSession {
  /** The client the token was issued to; new tokens for this member go to the same client. */
  client: OAuthClient;
}

export interface AuthenticatedClient {
  client: OAuthClient;
  scopes: string[];
}

export type AuthenticatedRequest = Request & { member?: AuthenticatedMember; oauthClient?: AuthenticatedClient };

/** The member id comes from here, never from a request body or path (BOLA, SPEC §3.1). */
export const CurrentMember = createParamDecorator((_data: unknown, context: ExecutionContext): AuthenticatedMember => {
  const member = context.switchToHttp().getRequest<AuthenticatedRequest>().member;
  if (!member) throw new Error('CurrentMember used on a route without MemberAuthGuard');
  return member;
});

/** The bearer token of a request, or null. */
export function bearerToken(request: Request): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match ? match[1] : null;
}
