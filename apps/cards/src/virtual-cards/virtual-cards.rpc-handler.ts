import {
  CardsRpc,
  EmitVirtualCardReply,
  EmitVirtualCardRequest,
  VirtualCardStatusReply,
  VirtualCardStatusRequest,
} from '@loyalty/contracts';
import { RpcHandler } from '@loyalty/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { VirtualCardsService } from './virtual-cards.service';

@Injectable()
export class VirtualCardsRpcHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly virtualCards: VirtualCardsService,
  ) {}

  @RpcHandler({ routingKey: CardsRpc.VirtualCardStatus, request: VirtualCardStatusRequest })
  status(request: VirtualCardStatusRequest): Promise<VirtualCardStatusReply> {
    return this.virtualCards.status(this.dataSource.manager, request.memberId);
  }

  @RpcHandler({ routingKey: CardsRpc.EmitVirtualCard, request: EmitVirtualCardRequest })
  emit(request: EmitVirtualCardRequest): Promise<EmitVirtualCardReply> {
    return this.dataSource.transaction((manager) => this.virtualCards.emit(manager, request));
  }
}
