import {
  CardChangeReply,
  CardsRpc,
  ChangeBlockStateRequest,
  ChangeCategoryRequest,
  ChangeDeleteStateRequest,
  ListMemberCardsReply,
  ListMemberCardsRequest,
  ReplaceCardReply,
  ReplaceCardRequest,
} from '@loyalty/contracts';
import { RpcHandler } from '@loyalty/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CardLifecycleService } from './card-lifecycle.service';

@Injectable()
export class CardLifecycleRpcHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly lifecycle: CardLifecycleService,
  ) {}

  @RpcHandler({ routingKey: CardsRpc.ListMemberCards, request: ListMemberCardsRequest })
  listMemberCards(request: ListMemberCardsRequest): Promise<ListMemberCardsReply> {
    return this.lifecycle.listMemberCards(this.dataSource.manager, request.memberId);
  }

  @RpcHandler({ routingKey: CardsRpc.ChangeBlockState, request: ChangeBlockStateRequest })
  changeBlockState(request: ChangeBlockStateRequest): Promise<CardChangeReply> {
    return this.dataSource.transaction((manager) => this.lifecycle.changeBlockState(manager, request));
  }

  @RpcHandler({ routingKey: CardsRpc.ChangeDeleteState, request: ChangeDeleteStateRequest })
  changeDeleteState(request: ChangeDeleteStateRequest): Promise<CardChangeReply> {
    return this.dataSource.transaction((manager) => this.lifecycle.changeDeleteState(manager, request));
  }

  @RpcHandler({ routingKey: CardsRpc.ChangeCategory, request: ChangeCategoryRequest })
  changeCategory(request: ChangeCategoryRequest): Promise<CardChangeReply> {
    return this.dataSource.transaction((manager) => this.lifecycle.changeCategory(manager, request));
  }

  @RpcHandler({ routingKey: CardsRpc.ReplaceCard, request: ReplaceCardRequest })
  replaceCard(request: ReplaceCardRequest): Promise<ReplaceCardReply> {
    return this.dataSource.transaction((manager) => this.lifecycle.replaceCard(manager, request));
  }
}
