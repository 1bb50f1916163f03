import { Module } from '@nestjs/common';
import { CardsModule } from '../cards/cards.module';
import { VirtualCardsModule } from '../virtual-cards/virtual-cards.module';
import { RegistrationEventsConsumer } from './registration-events.consumer';

@Module({ imports: [CardsModule, VirtualCardsModule], providers: [RegistrationEventsConsumer] })
export class RegistrationEventsModule {}
