import { Module } from '@nestjs/common';
import { CardsController } from './cards.controller';
import { LoyaltyGroupsController } from './loyalty-groups.controller';
import { SystemCardsController } from './system-cards.controller';
import { SystemCustomersController } from './system-customers.controller';

@Module({ controllers: [CardsController, SystemCardsController, SystemCustomersController, LoyaltyGroupsController] })
export class CardsApiModule {}
