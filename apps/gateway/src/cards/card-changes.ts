import type { CardChangeReply, CardView } from '@loyalty/contracts';
import type { AuthenticatedMember } from '../auth/authenticated-member';
import { ApiEnvelope } from '../http/envelope';

/** What a member API call tells cards about the member (SPEC §2.1 `customerInfo`): from the token only. */
export function memberReference(member: AuthenticatedMember) {
  return {
    memberId: member.memberId,
    customerUid: member.customerUid,
    accountId: member.accountId,
    identifierId: member.identifierId,
    applicationId: member.client.applicationId,
  };
}

/** The seed's card model, as the member and System API show a card (without cards' internal fields). */
export function publicCard(card: CardView) {
  const { memberId: _memberId, isVirtual: _isVirtual, ...model } = card;
  return model;
}

export const NOTHING_CHANGED = 'The card already was in the requested state: nothing changed, no event was published.';

/** A card change answer: the card after the call, `changed`, and a message when nothing changed. */
export function cardChangeResult(reply: CardChangeReply): ApiEnvelope<{ changed: boolean; card: ReturnType<typeof publicCard> }> {
  return {
    data: { changed: reply.changed, card: publicCard(reply.card) },
    result: { state: 'Success', message: reply.changed ? null : NOTHING_CHANGED, validationErrors: null },
  };
}
