import { RegistrationRpc, SessionGrant } from '@loyalty/contracts';
import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Request } from 'express';
import { AccessDeniedError, AuthenticationError } from '../http/api-errors';
import { ApiResultDto, ok } from '../http/envelope';
import { ServiceRpc } from '../rpc/service-rpc';
import { BearerTokens, IssuedToken } from './bearer-tokens';
import { OAuthClient, OAuthClients } from './oauth-clients';
import { RateLimits } from './rate-limits';
import { TokenRequestDto, TokenResponseDto } from './token.dto';

@ApiTags('Authentication')
@Controller('api/v1')
export class TokenController {
  constructor(
    private readonly tokens: BearerTokens,
    private readonly clients: OAuthClients,
    private readonly rateLimits: RateLimits,
    private readonly rpc: ServiceRpc,
  ) {}

  @Post('token')
  @HttpCode(200)
  @ApiOperation({
    summary: 'OAuth2 token: password grant (member) or client_credentials (pos, partner, admin clients)',
    description:
      'The answer is the RFC 6749 token response and carries the platform envelope (`data` with the same fields, `result`) as well.',
  })
  @ApiExtraModels(TokenResponseDto, ApiResultDto)
  @ApiOkResponse({ schema: { allOf: [{ $ref: getSchemaPath(TokenResponseDto) }, { properties: { data: { $ref: getSchemaPath(TokenResponseDto) }, result: { $ref: getSchemaPath(ApiResultDto) } } }] } })
  async token(@Body() body: TokenRequestDto, @Req() request: Request) {
    const basic = basicCredentials(request);
    const clientId = body.client_id ?? basic?.clientId;
    const clientSecret = body.client_secret ?? basic?.clientSecret;
    if (body.grant_type === 'client_credentials') return tokenResponse(this.clientToken(clientId, clientSecret, body.scope));

    const login = body.username as string;
    this.rateLimits.login(request.ip ?? 'unknown', login);
    const client = clientId ? this.authenticateClient(clientId, clientSecret) : this.clients.publicClient;
    const grant = await this.rpc.call<SessionGrant>(RegistrationRpc.Login, { login, password: body.password });
    return tokenResponse(this.tokens.forMember(grant.memberId, grant.tokenVersion, client));
  }

  private clientToken(clientId: string | undefined, clientSecret: string | undefined, scope: string | undefined): IssuedToken {
    if (!clientId) throw new AuthenticationError('client_id and client_secret are required');
    const client = this.authenticateClient(clientId, clientSecret);
    if (!client.confidential) throw new AuthenticationError('This client cannot use client_credentials');
    const requested = scope ? scope.split(/\s+/).filter(Boolean) : client.scopes;
    const refused = requested.filter((entry) => !(client.scopes as string[]).includes(entry));
    if (refused.length > 0 || requested.length === 0) throw new AccessDeniedError(`Scope not granted to this client: ${refused.join(' ') || '(none)'}`);
    return this.tokens.forClient(client, requested);
  }

  private authenticateClient(clientId: string, clientSecret: string | undefined): OAuthClient {
    const client = this.clients.authenticate(clientId, clientSecret);
    if (!client) throw new AuthenticationError('Unknown client or wrong client secret');
    return client;
  }
}

/** RFC 6749 token response, plus the envelope keys so that envelope-reading clients work too. */
function tokenResponse(issued: IssuedToken) {
  const token = { access_token: issued.accessToken, token_type: 'Bearer', expires_in: issued.expiresIn, scope: issued.scope };
  return { ...token, ...ok(token) };
}

/** Client credentials sent as HTTP Basic (RFC 6749 §2.3.1). */
function basicCredentials(request: Request): { clientId: string; clientSecret: string } | null {
  const match = /^Basic\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator < 0) return null;
  return { clientId: decodeURIComponent(decoded.slice(0, separator)), clientSecret: decodeURIComponent(decoded.slice(separator + 1)) };
}
