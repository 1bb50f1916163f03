import { Module } from '@nestjs/common';
import { LoyaltyGroupsService } from './loyalty-groups.service';

@Module({ providers: [LoyaltyGroupsService], exports: [LoyaltyGroupsService] })
export class RulesModule {}
