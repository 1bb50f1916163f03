import { Module } from '@nestjs/common';
import { CardsProjectionModule } from '../cards-projection/cards-projection.module';
import { MembersHandler } from './members.handler';
import { MembersService } from './members.service';

@Module({
  imports: [CardsProjectionModule],
  providers: [MembersService, MembersHandler],
})
export class MembersModule {}
