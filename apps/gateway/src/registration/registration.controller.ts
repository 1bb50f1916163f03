import {
  BeginRegistrationReply,
  FinishRegistrationReply,
  PHONE_NUMBER_PATTERN,
  RegistrationRpc,
} from '@loyalty/contracts';
import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { AuthenticatedMember, CurrentMember } from '../auth/authenticated-member';
import { BearerTokens } from '../auth/bearer-tokens';
import { MemberAuthGuard } from '../auth/member-auth.guard';
import { OAuthClients } from '../auth/oauth-clients';
import { RateLimits } from '../auth/rate-limits';
import { ApiEnvelopeResponse, ok } from '../http/envelope';
import { ServiceRpc } from '../rpc/service-rpc';
import { BeginRegistrationDto } from './registration.dto';
import { BeginRegistrationResult, FinishRegistrationResult } from './registration.responses';

@ApiTags('Registration')
@Controller('api/v1/Registration')
export class RegistrationController {
  constructor(
    private readonly rpc: ServiceRpc,
    private readonly tokens: BearerTokens,
    private readonly clients: OAuthClients,
    private readonly rateLimits: RateLimits,
  ) {}

  @Post('BeginRegistration')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start or continue a registration with a phone or card number (no token needed)' })
  @ApiEnvelopeResponse(BeginRegistrationResult)
  async begin(@Body() body: BeginRegistrationDto, @Req() request: Request) {
    const ip = request.ip ?? 'unknown';
    const password = body.password ?? '';
    if (password) this.rateLimits.login(ip, body.login);
    // A phone login may send the first SMS code.
    else if (PHONE_NUMBER_PATTERN.test(body.login)) this.rateLimits.codeSend(ip, body.login);
    const client = this.clients.publicClient;
    const reply = await this.rpc.call<BeginRegistrationReply>(RegistrationRpc.Begin, { login: body.login, password, applicationId: client.applicationId });
    return ok({
      state: reply.state,
      errorMessage: reply.errorMessage,
      authToken: reply.session ? this.tokens.forMember(reply.session.memberId, reply.session.tokenVersion, client).accessToken : null,
    });
  }

  @Post('TryFinishRegistration')
  @HttpCode(200)
  @UseGuards(MemberAuthGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Finish the registration once every required step is done; returns a new token' })
  @ApiEnvelopeResponse(FinishRegistrationResult)
  async finish(@CurrentMember() member: AuthenticatedMember) {
    const reply = await this.rpc.call<FinishRegistrationReply>(RegistrationRpc.Finish, memberRequest(member));
    if (!reply.registrationCompleted || !reply.session) {
      return ok({ registrationCompleted: false, authToken: null, missingSteps: reply.missingSteps });
    }
    return ok({ registrationCompleted: true, authToken: this.tokens.forMember(reply.session.memberId, reply.session.tokenVersion, member.client).accessToken });
  }
}

/** The member part of every registration RPC: who (from the token) and through which client. */
export function memberRequest(member: AuthenticatedMember): { memberId: number; applicationId: number } {
  return { memberId: member.memberId, applicationId: member.client.applicationId };
}
