import { CardsRpc, ImportCardsReply, ImportCardsRequest } from '@loyalty/contracts';
import { RpcHandler } from '@loyalty/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CardPoolService } from './card-pool.service';

@Injectable()
export class CardPoolRpcHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pool: CardPoolService,
  ) {}

  @RpcHandler({ routingKey: CardsRpc.ImportCards, request: ImportCardsRequest })
  importCards(request: ImportCardsRequest): Promise<ImportCardsReply> {
    return this.dataSource.transaction((manager) => this.pool.importCards(manager, request));
  }
}
