import {
  buildCustomerInfo,
  CardActivatedEvent,
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
