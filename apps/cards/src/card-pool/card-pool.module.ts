import { Module } from '@nestjs/common';
import { CardPoolRpcHandler } from './card-pool.rpc-handler';
import { CardPoolService } from './card-pool.service';

@Module({ providers: [CardPoolService, CardPoolRpcHandler] })
export class CardPoolModule {}
