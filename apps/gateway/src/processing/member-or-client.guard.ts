import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { ClientScopeGuard } from '../auth/client-scope.guard';
import { MemberAuthGuard } from '../auth/member-auth.guard';
import { AccessDeniedError } from '../http/api-errors';

/**
 * Admits a current member token (MemberAuthGuard) or a client token with the scope that the route
 * declares with `@RequireScope` (ClientScopeGuard; processing: `pos`). Both checks are the existing
 * guards': MemberAuthGuard refuses a token that is valid but not a member's with AccessDeniedError,
 * and only then is the token tried as a client's. Missing, invalid and expired tokens, and
 * superseded member tokens, stay 401.
 */
@Injectable()
export class MemberOrClientGuard implements CanActivate {
  constructor(
    private readonly memberGuard: MemberAuthGuard,
    private readonly clientGuard: ClientScopeGuard,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    try {
      return await this.memberGuard.canActivate(context);
    } catch (error) {
      if (!(error instanceof AccessDeniedError)) throw error;
    }
    return this.clientGuard.canActivate(context);
  }
}
