import { CardsRpc, LoyaltyGroupsReply, PutLoyaltyGroupsReply } from '@loyalty/contracts';
import { Body, Controller, Get, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClientScopeGuard, RequireScope } from '../auth/client-scope.guard';
import { ApiEnvelopeResponse, ok } from '../http/envelope';
import { ServiceRpc } from '../rpc/service-rpc';
import { PutLoyaltyGroupsDto } from './cards.dto';
import { LoyaltyGroupsResult, PutLoyaltyGroupsResult } from './cards.responses';

/** System API for loyalty groups (= card categories, SPEC §3.3), scope admin. */
@ApiTags('System: loyalty groups')
@ApiBearerAuth()
@UseGuards(ClientScopeGuard)
@RequireScope('admin')
@Controller('api/v1/system/loyalty-groups')
export class LoyaltyGroupsController {
  constructor(private readonly rpc: ServiceRpc) {}

  @Get()
  @ApiOperation({ summary: 'Every loyalty group (defaults: 1 Standard bonuses 5 %, 2 VIP discount 10 %)' })
  @ApiEnvelopeResponse(LoyaltyGroupsResult)
  async list() {
    return ok(await this.rpc.call<LoyaltyGroupsReply>(CardsRpc.ListLoyaltyGroups, {}));
  }

  @Put()
  @ApiOperation({ summary: 'Create or update groups by id; each changed group publishes cards.loyaltyGroup.changed (processing follows)' })
  @ApiEnvelopeResponse(PutLoyaltyGroupsResult)
  async put(@Body() body: PutLoyaltyGroupsDto) {
    return ok(await this.rpc.call<PutLoyaltyGroupsReply>(CardsRpc.PutLoyaltyGroups, { groups: body.groups }));
  }
}
