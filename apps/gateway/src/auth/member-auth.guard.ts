import { MemberSession, RegistrationRpc } from '@loyalty/contracts';
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { AccessDeniedError, AuthenticationError } from '../http/api-errors';
import { ServiceRpc } from '../rpc/service-rpc';
import { AuthenticatedRequest, bearerToken } from './authenticated-member';
import { BearerTokens, MEMBER_SCOPE } from './bearer-tokens';
import { OAuthClients } from './oauth-clients';

/**
 * Admits requests with a valid member token whose version is still the member's current one: the
 * signature and expiry are checked here, the version by the registration service, which raises it
 * with every new token (so an older token answers 401).
 */
@Injectable()
export class MemberAuthGuard implements CanActivate {
  constructor(
    private readonly tokens: BearerTokens,
    private readonly clients: OAuthClients,
    private readonly rpc: ServiceRpc,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerToken(request);
    if (!token) throw new AuthenticationError('Authentication required: send Authorization: Bearer <token>');
    const claims = this.tokens.verify(token);
    if (!claims) throw new AuthenticationError('The token is invalid or expired');
    if (claims.typ !== 'member' || !claims.scope.split(' ').includes(MEMBER_SCOPE) || !Number.isSafeInteger(claims.ver)) {
      throw new AccessDeniedError('This route needs a member token');
    }
    const session = await this.rpc.call<MemberSession>(RegistrationRpc.VerifySession, { memberId: Number(claims.sub), tokenVersion: claims.ver });
    const client = (claims.cid ? this.clients.find(claims.cid) : null) ?? this.clients.publicClient;
    request.member = { ...session, client };
    return true;
  }
}
