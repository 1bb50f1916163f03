import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AccessDeniedError, AuthenticationError } from '../http/api-errors';
import { AuthenticatedRequest, bearerToken } from './authenticated-member';
import { BearerTokens } from './bearer-tokens';
import { ClientScope, OAuthClients } from './oauth-clients';

const REQUIRED_SCOPE = Symbol('loyalty:required-scope');

/** The client token must carry this scope (System API: `admin`). Use with ClientScopeGuard. */
export const RequireScope = (scope: ClientScope): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_SCOPE, scope);

@Injectable()
export class ClientScopeGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: BearerTokens,
    private readonly clients: OAuthClients,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const required = this.reflector.getAllAndOverride<ClientScope | undefined>(REQUIRED_SCOPE, [context.getHandler(), context.getClass()]);
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerToken(request);
    if (!token) throw new AuthenticationError('Authentication required: send Authorization: Bearer <token>');
    const claims = this.tokens.verify(token);
    if (!claims) throw new AuthenticationError('The token is invalid or expired');
    const client = claims.typ === 'client' ? this.clients.find(claims.sub) : null;
    const scopes = claims.scope.split(' ');
    // A client removed from the configuration loses its access even with an unexpired token.
    if (!client || (required && !scopes.includes(required))) throw new AccessDeniedError(`This route needs a client token with scope ${required}`);
    request.oauthClient = { client, scopes };
    return true;
  }
}
