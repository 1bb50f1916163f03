import {
  buildCustomerInfo,
  CardActivatedEvent,
  CardBlockStateChangedEvent,
  CardCategoryChangedEvent,
  CardDeleteStateChangedEvent,
  CardDetails,
  CardLinkedEvent,
  EVENT_CODE_BY_LINK_CARD_TYPE,
  EventCode,
  LinkCardType,
  LinkSource,
  MemberReference,
  PublishedCustomerInfo,
  RoutingKey,
} from '@loyalty/contracts';
import { Outbox } from '@loyalty/messaging';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** The SMC card events this service publishes, always through the outbox of the caller's transaction. */
@Injectable()
export class CardEvents {
  constructor(private readonly outbox: Outbox) {}

  /** `customer.card.link` for a card set on a member (SetCard: oldCard is null). */
  async cardSet(manager: EntityManager, card: CardDetails, member: MemberReference, linkSource: LinkSource): Promise<void> {
    const eventCode = EVENT_CODE_BY_LINK_CARD_TYPE[LinkCardType.SetCard] as typeof EventCode.OnCardSet;
    const body: CardLinkedEvent = {
      newCard: card,
      oldCard: null,
      linkSource,
      linkCardType: LinkCardType.SetCard,
      customerInfo: customerInfoOf(member),
      eventCode,
    };
    await this.outbox.add(manager, { routingKey: RoutingKey.CustomerCardLink, eventCode, body });
  }

  /** `customer.card.link` for a card attached to a member it was moved to (AttachCard: oldCard is null). */
  async cardAttached(manager: EntityManager, card: CardDetails, member: MemberReference, linkSource: LinkSource): Promise<void> {
    const eventCode = EVENT_CODE_BY_LINK_CARD_TYPE[LinkCardType.AttachCard] as typeof EventCode.OnCardAttach;
    const body: CardLinkedEvent = {
      newCard: card,
      oldCard: null,
      linkSource,
      linkCardType: LinkCardType.AttachCard,
      customerInfo: customerInfoOf(member),
      eventCode,
    };
    await this.outbox.add(manager, { routingKey: RoutingKey.CustomerCardLink, eventCode, body });
  }

  /** `customer.card.changeState` for a card that became Activated. */
  async cardActivated(manager: EntityManager, card: CardDetails, member: MemberReference): Promise<void> {
    const body: CardActivatedEvent = {
      cardInfo: card,
      targetState: 'Activated',
      customerInfo: customerInfoOf(member),
      eventCode: EventCode.OnCardActivation,
    };
    await this.outbox.add(manager, { routingKey: RoutingKey.CustomerCardChangeState, eventCode: EventCode.OnCardActivation, body });
  }

  /** `customer.card.link` for a replacement (ReplaceCard: oldCard is the replaced card). */
  async cardReplaced(manager: EntityManager, newCard: CardDetails, oldCard: CardDetails, member: MemberReference, linkSource: LinkSource): Promise<void> {
    const eventCode = EVENT_CODE_BY_LINK_CARD_TYPE[LinkCardType.ReplaceCard] as typeof EventCode.OnCardReplace;
    const body: CardLinkedEvent = {
      newCard,
      oldCard,
      linkSource,
      linkCardType: LinkCardType.ReplaceCard,
      customerInfo: customerInfoOf(member),
      eventCode,
    };
    await this.outbox.add(manager, { routingKey: RoutingKey.CustomerCardLink, eventCode, body });
  }

  /** `customer.card.changeBlockState` (OnBlockCard in both directions); `cardInfo` has only id and number. */
  async blockStateChanged(manager: EntityManager, card: CardNumberAndId, targetBlockState: boolean, member: MemberReference): Promise<void> {
    const body: CardBlockStateChangedEvent = {
      targetBlockState,
      cardInfo: { cardId: card.cardId, cardNumber: card.cardNumber },
      customerInfo: customerInfoOf(member),
      eventCode: EventCode.OnBlockCard,
    };
    await this.outbox.add(manager, { routingKey: RoutingKey.CustomerCardChangeBlockState, eventCode: EventCode.OnBlockCard, body });
  }

  /** `customer.card.changeDeleteState` (OnDeleteCard in both directions); flat cardId/cardNumber. */
  async deleteStateChanged(manager: EntityManager, card: CardNumberAndId, targetDeleteState: boolean, member: MemberReference): Promise<void> {
    const body: CardDeleteStateChangedEvent = {
      targetDeleteState,
      cardId: card.cardId,
      cardNumber: card.cardNumber,
      customerInfo: customerInfoOf(member),
      eventCode: EventCode.OnDeleteCard,
    };
    await this.outbox.add(manager, { routingKey: RoutingKey.CustomerCardChangeDeleteState, eventCode: EventCode.OnDeleteCard, body });
  }

  /** `customer.card.changeCategory`; the new category by title, under the seed's key `newcardCategory`. */
  async categoryChanged(manager: EntityManager, card: CardNumberAndId, newCategoryTitle: string, member: MemberReference): Promise<void> {
    const body: CardCategoryChangedEvent = {
      cardId: card.cardId,
      cardNumber: card.cardNumber,
      newcardCategory: newCategoryTitle,
      customerInfo: customerInfoOf(member),
      eventCode: EventCode.OnChangeCategoryCard,
    };
    await this.outbox.add(manager, { routingKey: RoutingKey.CustomerCardChangeCategory, eventCode: EventCode.OnChangeCategoryCard, body });
  }
}

/** The short card model of the block, delete and category events. */
export interface CardNumberAndId {
  cardId: number;
  cardNumber: string;
}

function customerInfoOf(member: MemberReference): PublishedCustomerInfo {
  return buildCustomerInfo({
    customerId: member.memberId,
    accountgroupId: member.accountId,
    customerUid: member.customerUid,
    identifierId: member.identifierId ?? null,
    applicationId: member.applicationId ?? null,
  });
}
