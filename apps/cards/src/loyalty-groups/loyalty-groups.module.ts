import { Module } from '@nestjs/common';
import { LoyaltyGroupsRpcHandler } from './loyalty-groups.rpc-handler';
import { LoyaltyGroupsService } from './loyalty-groups.service';

/** System API for the loyalty groups; publishes `cards.loyaltyGroup.changed`. */
@Module({ providers: [LoyaltyGroupsService, LoyaltyGroupsRpcHandler] })
export class LoyaltyGroupsModule {}
