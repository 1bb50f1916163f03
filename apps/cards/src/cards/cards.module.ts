import { Module } from '@nestjs/common';
import { CardEvents } from './card-events';
import { CardsRpcHandler } from './cards.rpc-handler';
import { CardsService } from './cards.service';

@Module({
  providers: [CardEvents, CardsService, CardsRpcHandler],
  exports: [CardEvents, CardsService],
})
export class CardsModule {}
