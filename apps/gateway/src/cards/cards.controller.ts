import { CardsRpc, RegistrationRpc, VirtualCardStatusReply } from '@loyalty/contracts';
import { Body, Controller, Get, HttpCode, Post, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedMember, CurrentMember } from '../auth/authenticated-member';
import { MemberAuthGuard } from '../auth/member-auth.guard';
import { ApiEnvelopeResponse, ok } from '../http/envelope';
import { memberRequest } from '../registration/registration.controller';
import { VirtualCardStatusResult } from '../registration/registration.responses';
import { ServiceRpc } from '../rpc/service-rpc';
import { SetCardDto } from './cards.dto';

/**
 * The member's card steps. Setting a card and emitting a virtual one go through the registration
 * service, which keeps the AssignCard step and calls cards; the status is asked of cards directly.
 */
@ApiTags('Cards')
@ApiBearerAuth()
@UseGuards(MemberAuthGuard)
@Controller('api/v1/Cards')
export class CardsController {
  constructor(private readonly rpc: ServiceRpc) {}

  @Get('EmitVirtual')
  @ApiOperation({ summary: 'How many virtual cards the member has and whether another may be emitted' })
  @ApiEnvelopeResponse(VirtualCardStatusResult)
  async virtualCardStatus(@CurrentMember() member: AuthenticatedMember) {
    return ok(await this.rpc.call<VirtualCardStatusReply>(CardsRpc.VirtualCardStatus, { memberId: member.memberId }));
  }

  @Put('EmitVirtual')
  @ApiOperation({ summary: 'Emit and link a virtual card; Success without a new card when the member has the allowed number' })
  async emitVirtualCard(@CurrentMember() member: AuthenticatedMember) {
    await this.rpc.call(RegistrationRpc.EmitVirtualCard, memberRequest(member));
    return ok(null);
  }

  @Post('Set')
  @HttpCode(200)
  @ApiOperation({ summary: 'Link a physical card from the pool to the member' })
  async setCard(@CurrentMember() member: AuthenticatedMember, @Body() body: SetCardDto) {
    await this.rpc.call(RegistrationRpc.AssignCard, { ...memberRequest(member), cardNumber: body.cardNumber });
    return ok(null);
  }
}
