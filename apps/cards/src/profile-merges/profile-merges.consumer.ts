import { CardsQueue, CustomerInfo, CustomerProfilesMergedEvent, LinkSource, MemberReference, RoutingKey } from '@loyalty/contracts';
import { ConsumeEvents, HandlerContext } from '@loyalty/messaging';
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CardEvents } from '../cards/card-events';
import { lockMember } from '../cards/card-members';
import { toCardDetails } from '../cards/card-model';
import { selectCards } from '../cards/cards.service';

/**
 * Member merge (SPEC §3.3), the cards half: when registration publishes `customer.profile.merge`,
 * every card of `from` (whatever its state) moves to `to`, with one `customer.card.link`
 * (AttachCard, oldCard null, linkSource CallCenter: merges come from the System API) per moved
 * card, in the transaction of the inbox row. A redelivery is dropped by the inbox; a second merge
 * event for the same pair would find no card left to move.
 */
@Injectable()
export class ProfileMergesConsumer {
  private readonly logger = new Logger(ProfileMergesConsumer.name);

  constructor(private readonly events: CardEvents) {}

  @ConsumeEvents({
    queue: CardsQueue.ProfileMerges,
    routingKeys: [RoutingKey.CustomerProfileMerge],
    contract: { [RoutingKey.CustomerProfileMerge]: CustomerProfilesMergedEvent },
  })
  async handle(event: CustomerProfilesMergedEvent, { manager }: HandlerContext): Promise<void> {
    const moved = await this.moveCards(manager, memberOf(event.fromCustomerInfo), memberOf(event.toCustomerInfo));
    if (moved.length) this.logger.log(`Moved cards ${moved.join(', ')} of member ${event.fromCustomerInfo.customerId} to member ${event.toCustomerInfo.customerId}`);
  }

  /** Moves the cards and publishes their AttachCard events; returns the ids of the moved cards. */
  async moveCards(manager: EntityManager, from: MemberReference, to: MemberReference): Promise<number[]> {
    // Both members locked in id order, like every change of a member's cards (card-members.ts).
    // Only registered members can be merged, so `to` is recorded as registered.
    for (const member of [from, to].sort((a, b) => a.memberId - b.memberId)) {
      await lockMember(manager, member, { markRegistered: member === to });
    }
    const cards = await selectCards(manager, 'c.member_id = $1', [from.memberId], { forUpdate: true });
    if (cards.length === 0) return [];
    const ids = cards.map((card) => card.id);
    await manager.query(`UPDATE card SET member_id = $2 WHERE id = ANY($1::int[])`, [ids, to.memberId]);
    for (const card of await selectCards(manager, 'c.id = ANY($1::int[])', [ids])) {
      await this.events.cardAttached(manager, toCardDetails(card), to, LinkSource.CallCenter);
    }
    return ids;
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
