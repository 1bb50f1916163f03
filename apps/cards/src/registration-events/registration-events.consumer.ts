import {
  CardsQueue,
  CustomerAttributeUpdatedEvent,
  CustomerInfo,
  LinkSource,
  MemberReference,
  RegistrationFinishedEvent,
  RoutingKey,
} from '@loyalty/contracts';
import { ConsumeEvents, HandlerContext } from '@loyalty/messaging';
import { Injectable, Logger } from '@nestjs/common';
import { CardsService } from '../cards/cards.service';
import { VirtualCardsService } from '../virtual-cards/virtual-cards.service';

/** The attribute the automatic virtual card follows (EMIT_VIRTUAL_CARD=1). */
export const TENDER_OFFER_ATTRIBUTE = 'AcceptTenderOffer';

/**
 * Registration's events drive two card steps that must not be lost if a synchronous call from
 * registration fails: the automatic virtual card when the offer is accepted, and the activation
 * of the member's cards when the registration finishes. Both operations are idempotent, so the
 * synchronous call and this consumer may both run for the same member.
 */
@Injectable()
export class RegistrationEventsConsumer {
  private readonly logger = new Logger(RegistrationEventsConsumer.name);

  constructor(
    private readonly cards: CardsService,
    private readonly virtualCards: VirtualCardsService,
  ) {}

  @ConsumeEvents({
    queue: CardsQueue.RegistrationEvents,
    routingKeys: [RoutingKey.CustomerAttributeUpdate, RoutingKey.CustomerRegistrationFinish],
    contract: {
      [RoutingKey.CustomerAttributeUpdate]: CustomerAttributeUpdatedEvent,
      [RoutingKey.CustomerRegistrationFinish]: RegistrationFinishedEvent,
    },
  })
  async handle(event: CustomerAttributeUpdatedEvent | RegistrationFinishedEvent, context: HandlerContext): Promise<void> {
    if (context.routingKey === RoutingKey.CustomerRegistrationFinish) {
      const { activatedCardIds } = await this.cards.activateMemberCards(context.manager, memberOf(event.customerInfo));
      if (activatedCardIds.length) this.logger.log(`Activated cards ${activatedCardIds.join(', ')} of member ${event.customerInfo.customerId}`);
      return;
    }
    const attribute = event as CustomerAttributeUpdatedEvent;
    if (attribute.attributeCode !== TENDER_OFFER_ATTRIBUTE) return;
    await this.virtualCards.emit(context.manager, {
      member: memberOf(attribute.customerInfo),
      linkSource: LinkSource.Registration,
      automatic: true,
    });
  }
}

function memberOf(info: CustomerInfo): MemberReference {
  return {
    memberId: info.customerId,
    customerUid: (info.customerUid ?? info.customerCode) as string,
    accountId: info.accountgroupId,
    identifierId: info.identifierId,
    applicationId: info.applicationId,
  };
}
