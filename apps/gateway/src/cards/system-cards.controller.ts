import { CardChangeReply, CardsRpc, ImportCardsReply } from '@loyalty/contracts';
import { Body, Controller, HttpCode, Param, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClientScopeGuard, RequireScope } from '../auth/client-scope.guard';
import { ApiEnvelopeResponse, ok } from '../http/envelope';
import { ServiceRpc } from '../rpc/service-rpc';
import type { AuthenticatedRequest } from '../auth/authenticated-member';
import { CardIdPipe } from './card-id.pipe';
import { cardChangeResult } from './card-changes';
import { ChangeBlockStateDto, ChangeCategoryDto, ChangeDeleteStateDto, ImportCardsDto } from './cards.dto';
import { CardChangeResult } from './cards.responses';
import { ImportCardsResult } from '../registration/registration.responses';

/** System API for cards (scope admin). */
@ApiTags('System: cards')
@ApiBearerAuth()
@UseGuards(ClientScopeGuard)
@RequireScope('admin')
@Controller('api/v1/system/cards')
export class SystemCardsController {
  constructor(private readonly rpc: ServiceRpc) {}

  @Post('import')
  @HttpCode(200)
  @ApiOperation({ summary: 'Import physical cards into the pool (state Issued); known numbers are reported as duplicates' })
  @ApiEnvelopeResponse(ImportCardsResult)
  async importCards(@Body() body: ImportCardsDto) {
    return ok(await this.rpc.call<ImportCardsReply>(CardsRpc.ImportCards, { cardNumbers: body.cardNumbers, categoryId: body.categoryId }));
  }

  @Post(':cardId/ChangeBlockState')
  @HttpCode(200)
  @ApiOperation({ summary: 'Block (true) or unblock (false) any card; publishes customer.card.changeBlockState when it changes a linked card' })
  @ApiEnvelopeResponse(CardChangeResult)
  async changeBlockState(@Req() request: AuthenticatedRequest, @Param('cardId', CardIdPipe) cardId: number, @Body() body: ChangeBlockStateDto) {
    return cardChangeResult(await this.change(CardsRpc.ChangeBlockState, request, cardId, { targetBlockState: body.targetBlockState }));
  }

  @Post(':cardId/ChangeDeleteState')
  @HttpCode(200)
  @ApiOperation({ summary: 'Delete (true) or restore (false) a card; publishes customer.card.changeDeleteState when it changes a linked card' })
  @ApiEnvelopeResponse(CardChangeResult)
  async changeDeleteState(@Req() request: AuthenticatedRequest, @Param('cardId', CardIdPipe) cardId: number, @Body() body: ChangeDeleteStateDto) {
    return cardChangeResult(await this.change(CardsRpc.ChangeDeleteState, request, cardId, { targetDeleteState: body.targetDeleteState }));
  }

  @Post(':cardId/ChangeCategory')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move a card to another category (loyalty group); publishes customer.card.changeCategory when it changes a linked card' })
  @ApiEnvelopeResponse(CardChangeResult)
  async changeCategory(@Req() request: AuthenticatedRequest, @Param('cardId', CardIdPipe) cardId: number, @Body() body: ChangeCategoryDto) {
    return cardChangeResult(await this.change(CardsRpc.ChangeCategory, request, cardId, { categoryId: body.categoryId }));
  }

  /** A System API card change: any card, the admin client as the events' applicationId. */
  private change(routingKey: string, request: AuthenticatedRequest, cardId: number, fields: object): Promise<CardChangeReply> {
    return this.rpc.call<CardChangeReply>(routingKey, { cardId, applicationId: request.oauthClient?.client.applicationId ?? null, ...fields });
  }
}
