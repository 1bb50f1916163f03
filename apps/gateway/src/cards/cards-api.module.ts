import { Module } from '@nestjs/common';
import { CardsController } from './cards.controller';
import { LoyaltyGroupsController } from './loyalty-groups.controller';
import { SystemCardsController } from './system-cards.controller';

@Module({ controllers: [CardsController, SystemCardsController, LoyaltyGroupsController] })
export class CardsApiModule {}
