import { Module } from '@nestjs/common';
import { CardsModule } from '../cards/cards.module';
import { CardLifecycleRpcHandler } from './card-lifecycle.rpc-handler';
import { CardLifecycleService } from './card-lifecycle.service';

/** Block/unblock, delete/restore, category change, replacement and the member's card list. */
@Module({ imports: [CardsModule], providers: [CardLifecycleService, CardLifecycleRpcHandler] })
export class CardLifecycleModule {}
