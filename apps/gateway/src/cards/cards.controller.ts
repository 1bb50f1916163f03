import {
  CardChangeReply,
  CardsRpc,
  LinkSource,
  ListMemberCardsReply,
  RegistrationRpc,
  ReplaceCardReply,
  VirtualCardStatusReply,
} from '@loyalty/contracts';
import { Body, Controller, Get, HttpCode, Param, Post, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedMember, CurrentMember } from '../auth/authenticated-member';
import { MemberAuthGuard } from '../auth/member-auth.guard';
import { ApiEnvelopeResponse, ok } from '../http/envelope';
import { memberRequest } from '../registration/registration.controller';
import { VirtualCardStatusResult } from '../registration/registration.responses';
import { ServiceRpc } from '../rpc/service-rpc';
import { CardIdPipe } from './card-id.pipe';
import { cardChangeResult, memberReference, publicCard } from './card-changes';
import { ChangeBlockStateDto, ReplaceCardDto, SetCardDto } from './cards.dto';
import { CardChangeResult, CardsResult, ReplaceCardResult } from './cards.responses';

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

  @Get()
  @ApiOperation({ summary: 'The member’s own cards (the seed card model), including blocked, deleted and replaced ones' })
  @ApiEnvelopeResponse(CardsResult)
  async listCards(@CurrentMember() member: AuthenticatedMember) {
    const reply = await this.rpc.call<ListMemberCardsReply>(CardsRpc.ListMemberCards, { memberId: member.memberId });
    return ok({ cards: reply.cards.map(publicCard) });
  }

  @Post(':cardId/ChangeBlockState')
  @HttpCode(200)
  @ApiOperation({ summary: 'Block (true) or unblock (false) one of the member’s cards; another member’s card is 404' })
  @ApiEnvelopeResponse(CardChangeResult)
  async changeBlockState(@CurrentMember() member: AuthenticatedMember, @Param('cardId', CardIdPipe) cardId: number, @Body() body: ChangeBlockStateDto) {
    const reply = await this.rpc.call<CardChangeReply>(CardsRpc.ChangeBlockState, { cardId, member: memberReference(member), targetBlockState: body.targetBlockState });
    return cardChangeResult(reply);
  }

  @Post(':cardId/Replace')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replace one of the member’s cards with a pool card; the old card becomes Replaced, blocked and deleted' })
  @ApiEnvelopeResponse(ReplaceCardResult)
  async replaceCard(@CurrentMember() member: AuthenticatedMember, @Param('cardId', CardIdPipe) cardId: number, @Body() body: ReplaceCardDto) {
    const reply = await this.rpc.call<ReplaceCardReply>(CardsRpc.ReplaceCard, {
      cardId,
      member: memberReference(member),
      newCardNumber: body.newCardNumber,
      linkSource: LinkSource.UserPortal,
    });
    return ok({ oldCard: publicCard(reply.oldCard), newCard: publicCard(reply.newCard) });
  }
}
