import { Module } from '@nestjs/common';
import { CardsModule } from '../cards/cards.module';
import { ProfileMergesConsumer } from './profile-merges.consumer';

/** Member merge: the cards of the merged-away member move to the other one. */
@Module({ imports: [CardsModule], providers: [ProfileMergesConsumer] })
export class ProfileMergesModule {}
