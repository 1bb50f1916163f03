import { Module } from '@nestjs/common';
import { CardsModule } from '../cards/cards.module';
import { VirtualCardsRpcHandler } from './virtual-cards.rpc-handler';
import { VirtualCardsService } from './virtual-cards.service';

@Module({
  imports: [CardsModule],
  providers: [VirtualCardsService, VirtualCardsRpcHandler],
  exports: [VirtualCardsService],
})
export class VirtualCardsModule {}
