import { Global, Module } from '@nestjs/common';
import { BearerTokens } from './bearer-tokens';
import { ClientScopeGuard } from './client-scope.guard';
import { MemberAuthGuard } from './member-auth.guard';
import { OAuthClients } from './oauth-clients';
import { RateLimits } from './rate-limits';
import { TokenController } from './token.controller';

/** Tokens, clients, guards and rate limits; global so every API area can guard its routes. */
@Global()
@Module({
  controllers: [TokenController],
  providers: [BearerTokens, OAuthClients, RateLimits, MemberAuthGuard, ClientScopeGuard],
  exports: [BearerTokens, OAuthClients, RateLimits, MemberAuthGuard, ClientScopeGuard],
})
export class AuthModule {}
