import { Module } from '@nestjs/common';
import { CardStepsRpcHandler } from './card-steps.rpc-handler';
import { CardStepsService } from './card-steps.service';

@Module({ providers: [CardStepsService, CardStepsRpcHandler] })
export class CardStepsModule {}
