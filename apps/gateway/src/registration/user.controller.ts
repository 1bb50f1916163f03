import {
  AttributesReply,
  EmailReply,
  PhoneNumberReply,
  QuestionsReply,
  RegistrationRpc,
  SessionGrant,
  SetSubscriptionReply,
  SubscriptionsReply,
  UserActionsReply,
} from '@loyalty/contracts';
import { BadRequestException, Body, Controller, Get, HttpCode, Post, Query, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { AuthenticatedMember, CurrentMember } from '../auth/authenticated-member';
import { BearerTokens } from '../auth/bearer-tokens';
import { MemberAuthGuard } from '../auth/member-auth.guard';
import { RateLimits } from '../auth/rate-limits';
import { ApiEnvelopeResponse, ok } from '../http/envelope';
import { ServiceRpc } from '../rpc/service-rpc';
import { memberRequest } from './registration.controller';
import { AnswersDto, ConfirmCodeDto, EmailDto, PhoneNumberDto, SetPasswordDto, SetSubscriptionDto } from './registration.dto';
import {
  AttributesResult,
  AuthTokenResult,
  EmailResult,
  PhoneNumberResult,
  QuestionsResult,
  SetSubscriptionResult,
  SubscriptionsResult,
  UserActionsResult,
} from './registration.responses';

/** The member's registration steps (SPEC §3.2). Every route acts on the member of the token. */
@ApiTags('Registration')
@ApiBearerAuth()
@UseGuards(MemberAuthGuard)
@Controller('api/v1')
export class UserController {
  constructor(
    private readonly rpc: ServiceRpc,
    private readonly tokens: BearerTokens,
    private readonly rateLimits: RateLimits,
  ) {}

  @Get('user/actions')
  @ApiOperation({ summary: 'The registration steps and whether each is done' })
  @ApiEnvelopeResponse(UserActionsResult)
  async actions(@CurrentMember() member: AuthenticatedMember) {
    return ok(await this.rpc.call<UserActionsReply>(RegistrationRpc.ListActions, memberRequest(member)));
  }

  @Post('User/AcceptTenderOffer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept the offer (and, under EMIT_VIRTUAL_CARD=1, get the virtual card)' })
  async acceptTenderOffer(@CurrentMember() member: AuthenticatedMember) {
    await this.rpc.call(RegistrationRpc.AcceptTenderOffer, memberRequest(member));
    return ok(null);
  }

  @Get('User/PhoneNumber')
  @ApiOperation({ summary: 'The confirmed and the waiting phone number, masked' })
  @ApiEnvelopeResponse(PhoneNumberResult)
  async phoneNumber(@CurrentMember() member: AuthenticatedMember) {
    return ok(await this.rpc.call<PhoneNumberReply>(RegistrationRpc.GetPhoneNumber, memberRequest(member)));
  }

  @Post('User/PhoneNumber')
  @HttpCode(200)
  @ApiOperation({ summary: 'Set or correct the phone number; a code is sent by SMS' })
  async setPhoneNumber(@CurrentMember() member: AuthenticatedMember, @Body() body: PhoneNumberDto, @Req() request: Request) {
    this.rateLimits.codeSend(request.ip ?? 'unknown', body.phoneNumber);
    await this.rpc.call(RegistrationRpc.SetPhoneNumber, { ...memberRequest(member), phoneNumber: body.phoneNumber });
    return ok(null);
  }

  @Post('User/PhoneNumber/SendConfirmCode')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send the phone confirmation code again (at most once a minute)' })
  async sendPhoneCode(@CurrentMember() member: AuthenticatedMember, @Req() request: Request) {
    this.rateLimits.codeSend(request.ip ?? 'unknown', `member:${member.memberId}`);
    await this.rpc.call(RegistrationRpc.SendPhoneConfirmCode, memberRequest(member));
    return ok(null);
  }

  @Post('User/PhoneNumber/Confirm')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm the phone number with the SMS code; returns a new token' })
  @ApiEnvelopeResponse(AuthTokenResult)
  async confirmPhone(@CurrentMember() member: AuthenticatedMember, @Body() body: ConfirmCodeDto) {
    const grant = await this.rpc.call<SessionGrant>(RegistrationRpc.ConfirmPhoneNumber, { ...memberRequest(member), confirmCode: body.confirmCode });
    return ok({ authToken: this.tokens.forMember(grant.memberId, grant.tokenVersion, member.client).accessToken });
  }

  @Post('User/Password/Set')
  @HttpCode(200)
  @ApiOperation({ summary: 'Set the password (at least 6 characters); returns a new token' })
  @ApiEnvelopeResponse(AuthTokenResult)
  async setPassword(@CurrentMember() member: AuthenticatedMember, @Body() body: SetPasswordDto) {
    const grant = await this.rpc.call<SessionGrant>(RegistrationRpc.SetPassword, { ...memberRequest(member), password: body.password });
    return ok({ authToken: this.tokens.forMember(grant.memberId, grant.tokenVersion, member.client).accessToken });
  }

  @Get('User/Email')
  @ApiOperation({ summary: 'The confirmed and the waiting email address' })
  @ApiEnvelopeResponse(EmailResult)
  async email(@CurrentMember() member: AuthenticatedMember) {
    return ok(await this.rpc.call<EmailReply>(RegistrationRpc.GetEmail, memberRequest(member)));
  }

  @Post('User/Email')
  @HttpCode(200)
  @ApiOperation({ summary: 'Set or correct the email address; a code is sent to it' })
  async setEmail(@CurrentMember() member: AuthenticatedMember, @Body() body: EmailDto, @Req() request: Request) {
    this.rateLimits.codeSend(request.ip ?? 'unknown', body.email.toLowerCase());
    await this.rpc.call(RegistrationRpc.SetEmail, { ...memberRequest(member), email: body.email });
    return ok(null);
  }

  @Post('User/Email/SendConfirmCode')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send the email confirmation code again' })
  async sendEmailCode(@CurrentMember() member: AuthenticatedMember, @Req() request: Request) {
    this.rateLimits.codeSend(request.ip ?? 'unknown', `member:${member.memberId}:email`);
    await this.rpc.call(RegistrationRpc.SendEmailConfirmCode, memberRequest(member));
    return ok(null);
  }

  @Post('User/Email/Confirm')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm the email address with its code' })
  async confirmEmail(@CurrentMember() member: AuthenticatedMember, @Body() body: ConfirmCodeDto) {
    await this.rpc.call(RegistrationRpc.ConfirmEmail, { ...memberRequest(member), confirmCode: body.confirmCode });
    return ok(null);
  }

  @Get('User/Questions')
  @ApiQuery({ name: 'filter.onlyRequired', required: false, type: Boolean })
  @ApiOperation({ summary: 'The questionnaire tree with the member’s answers' })
  @ApiEnvelopeResponse(QuestionsResult)
  async questions(@CurrentMember() member: AuthenticatedMember, @Query('filter.onlyRequired') onlyRequired?: string) {
    const reply = await this.rpc.call<QuestionsReply>(RegistrationRpc.GetQuestions, { ...memberRequest(member), onlyRequired: booleanQuery(onlyRequired) });
    return ok(reply);
  }

  @Post('User/Answers')
  @HttpCode(200)
  @ApiOperation({ summary: 'Answer questionnaire questions; errors name the question (idQuestion)' })
  async answers(@CurrentMember() member: AuthenticatedMember, @Body() body: AnswersDto) {
    await this.rpc.call(RegistrationRpc.SubmitAnswers, { ...memberRequest(member), answers: body.answers });
    return ok(null);
  }

  @Get('User/Subscriptions')
  @ApiOperation({ summary: 'The member’s subscriptions: per subscription type, each channel Enabled or Disabled (default Disabled)' })
  @ApiEnvelopeResponse(SubscriptionsResult)
  async subscriptions(@CurrentMember() member: AuthenticatedMember) {
    return ok(await this.rpc.call<SubscriptionsReply>(RegistrationRpc.GetSubscriptions, memberRequest(member)));
  }

  @Post('User/Subscriptions')
  @HttpCode(200)
  @ApiOperation({ summary: 'Switch channels of one subscription type; a change publishes customer.subscription.update, a no-op nothing' })
  @ApiEnvelopeResponse(SetSubscriptionResult)
  async setSubscription(@CurrentMember() member: AuthenticatedMember, @Body() body: SetSubscriptionDto) {
    const reply = await this.rpc.call<SetSubscriptionReply>(RegistrationRpc.SetSubscription, {
      ...memberRequest(member),
      subscriptionTypeId: body.subscriptionTypeId,
      subscriptionInfo: body.subscriptionInfo,
    });
    return {
      data: reply,
      result: { state: 'Success' as const, message: reply.changed ? null : 'The channels already were as requested: nothing changed, no event was published.', validationErrors: null },
    };
  }

  @Get('User/Attributes')
  @ApiOperation({ summary: 'The member’s attributes (offer acceptance, confirmed phone and email, questionnaire answers) as the attribute events name them' })
  @ApiEnvelopeResponse(AttributesResult)
  async attributes(@CurrentMember() member: AuthenticatedMember) {
    return ok(await this.rpc.call<AttributesReply>(RegistrationRpc.GetAttributes, memberRequest(member)));
  }
}

function booleanQuery(value: string | undefined): boolean {
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  throw new BadRequestException('filter.onlyRequired must be true or false');
}
