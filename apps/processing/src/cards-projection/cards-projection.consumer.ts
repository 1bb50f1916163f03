import { Injectable } from '@nestjs/common';
import {
  CardActivatedEvent,
  CardBlockStateChangedEvent,
  CardCategoryChangedEvent,
  CardDeleteStateChangedEvent,
  CardDetails,
  CardLinkedEvent,
  CustomerInfo,
  InternalRoutingKey,
  LoyaltyGroupChangedEvent,
  RoutingKey,
} from '@loyalty/contracts';
import { ConsumeEvents, HandlerContext } from '@loyalty/messaging';
import { LoyaltyGroupsService } from '../rules/loyalty-groups.service';
import { CardDirectoryService, CardOwner, CardSnapshot } from './card-directory.service';

export const CARDS_PROJECTION_QUEUE = 'processing.cards-projection';

const CONTRACTS = {
  [RoutingKey.CustomerCardLink]: CardLinkedEvent,
  [RoutingKey.CustomerCardChangeState]: CardActivatedEvent,
  [RoutingKey.CustomerCardChangeBlockState]: CardBlockStateChangedEvent,
  [RoutingKey.CustomerCardChangeDeleteState]: CardDeleteStateChangedEvent,
  [RoutingKey.CustomerCardChangeCategory]: CardCategoryChangedEvent,
  [InternalRoutingKey.CardsLoyaltyGroupChanged]: LoyaltyGroupChangedEvent,
};

type CardEvent =
  | CardLinkedEvent
  | CardActivatedEvent
  | CardBlockStateChangedEvent
  | CardDeleteStateChangedEvent
  | CardCategoryChangedEvent
  | LoyaltyGroupChangedEvent;

/** Keeps the card projection and the loyalty groups in step with the cards service's events. */
@Injectable()
export class CardsProjectionConsumer {
  constructor(
    private readonly directory: CardDirectoryService,
    private readonly groups: LoyaltyGroupsService,
  ) {}

  @ConsumeEvents({ queue: CARDS_PROJECTION_QUEUE, routingKeys: Object.keys(CONTRACTS), contract: CONTRACTS })
  async handle(message: object, { manager, routingKey }: HandlerContext): Promise<void> {
    const event = message as CardEvent;
    switch (routingKey) {
      case RoutingKey.CustomerCardLink: {
        const link = event as CardLinkedEvent;
        const owner = ownerOf(link.customerInfo);
        await this.directory.saveSnapshot(manager, snapshot(link.newCard, owner), 'event');
        // The replaced card stays the member's (as Replaced, blocked and deleted).
        if (link.oldCard) await this.directory.saveSnapshot(manager, snapshot(link.oldCard, owner), 'event');
        return;
      }
      case RoutingKey.CustomerCardChangeState: {
        const activation = event as CardActivatedEvent;
        await this.directory.saveSnapshot(manager, snapshot(activation.cardInfo, ownerOf(activation.customerInfo)), 'event');
        return;
      }
      case RoutingKey.CustomerCardChangeBlockState: {
        const block = event as CardBlockStateChangedEvent;
        await this.directory.saveAttribute(
          manager,
          { cardNumber: block.cardInfo.cardNumber, cardId: block.cardInfo.cardId, owner: ownerOf(block.customerInfo) },
          { column: 'is_blocked', value: block.targetBlockState },
        );
        return;
      }
      case RoutingKey.CustomerCardChangeDeleteState: {
        const deletion = event as CardDeleteStateChangedEvent;
        await this.directory.saveAttribute(
          manager,
          { cardNumber: deletion.cardNumber, cardId: deletion.cardId, owner: ownerOf(deletion.customerInfo) },
          { column: 'is_deleted', value: deletion.targetDeleteState },
        );
        return;
      }
      case RoutingKey.CustomerCardChangeCategory: {
        const change = event as CardCategoryChangedEvent;
        await this.directory.saveAttribute(
          manager,
          { cardNumber: change.cardNumber, cardId: change.cardId, owner: ownerOf(change.customerInfo) },
          { column: 'category', value: change.newcardCategory },
        );
        return;
      }
      case InternalRoutingKey.CardsLoyaltyGroupChanged:
        await this.groups.apply(manager, event as LoyaltyGroupChangedEvent);
        return;
      default:
        throw new Error(`No projection for routing key ${routingKey}`);
    }
  }
}

function ownerOf(info: CustomerInfo): CardOwner {
  // The seed calls the member's uuid customerUid or customerCode; the contract demands one of them.
  return { customerId: info.customerId, customerUid: (info.customerUid ?? info.customerCode) as string, accountgroupId: info.accountgroupId };
}

function snapshot(card: CardDetails, owner: CardOwner): CardSnapshot {
  return {
    cardNumber: card.cardNumber,
    cardId: card.cardId,
    cardState: card.cardState,
    isBlocked: card.isBlocked,
    isDeleted: card.isDeleted,
    category: card.cardCategory,
    owner,
  };
}
