import { Module } from '@nestjs/common';
import { CardsController } from './cards.controller';
import { SystemCardsController } from './system-cards.controller';

@Module({ controllers: [CardsController, SystemCardsController] })
export class CardsApiModule {}
