import { CardsRpc, ImportCardsReply } from '@loyalty/contracts';
import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClientScopeGuard, RequireScope } from '../auth/client-scope.guard';
import { ApiEnvelopeResponse, ok } from '../http/envelope';
import { ServiceRpc } from '../rpc/service-rpc';
import { ImportCardsDto } from './cards.dto';
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
}
