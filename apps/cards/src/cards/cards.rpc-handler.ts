import {
  ActivateMemberCardsReply,
  ActivateMemberCardsRequest,
  CARD_LOOKUP_ROUTING_KEY,
  CardLookupReply,
  CardLookupRequest,
  CardsRpc,
  FindCardReply,
  FindCardRequest,
  LinkCardReply,
  LinkCardRequest,
} from '@loyalty/contracts';
import { RpcHandler } from '@loyalty/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CardsService } from './cards.service';

@Injectable()
export class CardsRpcHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cards: CardsService,
  ) {}

  @RpcHandler({ routingKey: CardsRpc.FindCard, request: FindCardRequest })
  async findCard(request: FindCardRequest): Promise<FindCardReply> {
    return { card: await this.cards.findCard(this.dataSource.manager, request.cardNumber) };
  }

  @RpcHandler({ routingKey: CARD_LOOKUP_ROUTING_KEY, request: CardLookupRequest })
  lookupCard(request: CardLookupRequest): Promise<CardLookupReply> {
    return this.cards.lookupCard(this.dataSource.manager, request.cardNumber);
  }

  @RpcHandler({ routingKey: CardsRpc.LinkCard, request: LinkCardRequest })
  linkCard(request: LinkCardRequest): Promise<LinkCardReply> {
    return this.dataSource.transaction((manager) => this.cards.linkCard(manager, request));
  }

  @RpcHandler({ routingKey: CardsRpc.ActivateMemberCards, request: ActivateMemberCardsRequest })
  activateMemberCards(request: ActivateMemberCardsRequest): Promise<ActivateMemberCardsReply> {
    return this.dataSource.transaction((manager) => this.cards.activateMemberCards(manager, request.member));
  }
}
