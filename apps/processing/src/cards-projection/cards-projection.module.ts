import { Module } from '@nestjs/common';
import { RulesModule } from '../rules/rules.module';
import { CardDirectoryService } from './card-directory.service';
import { CardsProjectionConsumer } from './cards-projection.consumer';

@Module({
  imports: [RulesModule],
  providers: [CardDirectoryService, CardsProjectionConsumer],
  exports: [CardDirectoryService],
})
export class CardsProjectionModule {}
