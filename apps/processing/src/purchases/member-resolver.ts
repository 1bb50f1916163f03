import { Injectable } from '@nestjs/common';
import { MemberIdentifier, MemberReference, ProcessingResultCode } from '@loyalty/contracts';
import { RpcFault, RpcErrorCode } from '@loyalty/messaging';
import { CardDirectoryService, CardOwner, CardRecord } from '../cards-projection/card-directory.service';
import { Refusal } from './refusal';

/** The member a purchase call is about, and the card that decides what they may do. */
export interface ResolvedMember {
  owner: CardOwner;
  /** The card presented, or for a member token the member's main card (null if none is known). */
  card: CardRecord | null;
  /** The identifier the member was recognised by: the card number, else the member's uuid. */
  identity: string;
  /** The events' identifierId: the presented card's id, or the session's identifier. */
  identifierId: number | null;
}

export interface Caller {
  member?: MemberReference;
  identifier?: MemberIdentifier;
}

@Injectable()
export class MemberResolver {
  constructor(private readonly directory: CardDirectoryService) {}

  async resolve(caller: Caller): Promise<ResolvedMember> {
    if (caller.identifier) return this.byIdentifier(caller.identifier);
    if (caller.member) {
      const member = caller.member;
      const card = await this.directory.mainCardOf(member.memberId);
      return {
        owner: { customerId: member.memberId, customerUid: member.customerUid, accountgroupId: member.accountId },
        card,
        identity: card?.cardNumber ?? member.customerUid,
        identifierId: member.identifierId ?? null,
      };
    }
    throw new RpcFault(RpcErrorCode.ValidationFailed, 'Invalid request', ['member: a member or an identifier is required']);
  }

  private async byIdentifier(identifier: MemberIdentifier): Promise<ResolvedMember> {
    // Phone identification needs the registration service's phone index; until then a POS gets
    // the same answer as for an unknown card.
    if (identifier.type !== 'Card') throw new Refusal(ProcessingResultCode.CardNotFound, 'Card not found');
    const card = await this.directory.findByNumber(identifier.value);
    if (!card || card.isDeleted) throw new Refusal(ProcessingResultCode.CardNotFound, 'Card not found');
    if (card.customerId === null || card.customerUid === null || card.accountgroupId === null) {
      if (card.isBlocked) throw new Refusal(ProcessingResultCode.CardBlocked, 'Card is blocked');
      throw new Refusal(ProcessingResultCode.CardNotFound, 'Card is not linked to a member');
    }
    return {
      owner: { customerId: card.customerId, customerUid: card.customerUid, accountgroupId: card.accountgroupId },
      card,
      identity: card.cardNumber,
      identifierId: card.cardId,
    };
  }
}
