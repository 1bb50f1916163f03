import {
  CardChangeReply,
  CardChangeRequest,
  CardsErrorCode,
  ChangeBlockStateRequest,
  ChangeCategoryRequest,
  ChangeDeleteStateRequest,
  ListMemberCardsReply,
  MemberReference,
  ReplaceCardReply,
  ReplaceCardRequest,
} from '@loyalty/contracts';
import { RpcFault } from '@loyalty/messaging';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CardEvents } from '../cards/card-events';
import { lockMember } from '../cards/card-members';
import { CardRow, LINKABLE_STATES, toCardDetails, toCardView } from '../cards/card-model';
import { selectCards } from '../cards/cards.service';
import { blockChange, categoryChange, CardFlagsChange, deleteChange, replacementRefusal } from './card-rules';

/**
 * A member's cards after they were linked: block/unblock, delete/restore, category change and
 * replacement. Every change locks the card row, compares, writes and publishes its event through
 * the outbox in one transaction; asking for the state the card is in already changes nothing.
 */
@Injectable()
export class CardLifecycleService {
  constructor(private readonly events: CardEvents) {}

  async listMemberCards(manager: EntityManager, memberId: number): Promise<ListMemberCardsReply> {
    const rows = await selectCards(manager, 'c.member_id = $1', [memberId]);
    return { cards: rows.map(toCardView) };
  }

  async changeBlockState(manager: EntityManager, request: ChangeBlockStateRequest): Promise<CardChangeReply> {
    const card = await this.lockAddressedCard(manager, request);
    // A member's deleted (or replaced) card is gone for them; the System API may still (un)block it.
    if (request.member && card.is_deleted) throw unknownCard(request.cardId);
    return this.apply(manager, request, card, blockChange(card, request.targetBlockState), (holder) =>
      this.events.blockStateChanged(manager, { cardId: card.id, cardNumber: card.number }, request.targetBlockState, holder),
    );
  }

  async changeDeleteState(manager: EntityManager, request: ChangeDeleteStateRequest): Promise<CardChangeReply> {
    const card = await this.lockAddressedCard(manager, request);
    if (!request.targetDeleteState && card.state === 'Replaced') {
      throw new RpcFault(CardsErrorCode.CardStateConflict, 'Замененную карту нельзя восстановить.');
    }
    return this.apply(manager, request, card, deleteChange(card, request.targetDeleteState), (holder) =>
      this.events.deleteStateChanged(manager, { cardId: card.id, cardNumber: card.number }, request.targetDeleteState, holder),
    );
  }

  async changeCategory(manager: EntityManager, request: ChangeCategoryRequest): Promise<CardChangeReply> {
    const card = await this.lockAddressedCard(manager, request);
    const [category]: { id: number; title: string }[] = await manager.query(`SELECT id, title FROM loyalty_group WHERE id = $1`, [request.categoryId]);
    if (!category) throw new RpcFault(CardsErrorCode.CategoryNotFound, `Категория карт ${request.categoryId} не найдена.`);
    return this.apply(manager, request, card, categoryChange(card, category.id), (holder) =>
      this.events.categoryChanged(manager, { cardId: card.id, cardNumber: card.number }, category.title, holder),
    );
  }

  /**
   * ReplaceCard: the member's card becomes Replaced, blocked and deleted; a pool card takes its
   * place with the old card's category, Activated when the member is registered (Activating while
   * they are still registering, like any linked card). One `customer.card.link` (OnCardReplace)
   * with both cards, plus the new card's activation when it is activated at once.
   */
  async replaceCard(manager: EntityManager, request: ReplaceCardRequest): Promise<ReplaceCardReply> {
    const member = await lockMember(manager, request.member);
    const [oldCard] = await selectCards(manager, 'c.id = $1', [request.cardId], { forUpdate: true });
    if (!oldCard || oldCard.member_id !== member.memberId) throw unknownCard(request.cardId);
    const [newCard] = await selectCards(manager, 'c.number = $1', [request.newCardNumber], { forUpdate: true });
    const refusal = replacementRefusal(oldCard, newCard ?? null, member.memberId, LINKABLE_STATES);
    if (refusal) throw new RpcFault(refusal.code, refusal.message);
    const replacement = newCard as CardRow;

    await manager.query(`UPDATE card SET state = 'Replaced', is_blocked = true, is_deleted = true WHERE id = $1`, [oldCard.id]);
    await manager.query(
      `UPDATE card SET member_id = $2, linked_at = now(), category_id = $3,
              state = CASE WHEN $4::boolean THEN 'Activated' ELSE 'Activating' END,
              activation_date = CASE WHEN $4::boolean THEN now() END
        WHERE id = $1`,
      [replacement.id, member.memberId, oldCard.category_id, member.registered],
    );
    const [replaced] = await selectCards(manager, 'c.id = $1', [oldCard.id]);
    const [linked] = await selectCards(manager, 'c.id = $1', [replacement.id]);
    const newDetails = toCardDetails(linked);
    await this.events.cardReplaced(manager, newDetails, toCardDetails(replaced), request.member, request.linkSource);
    if (member.registered) await this.events.cardActivated(manager, newDetails, request.member);
    return { oldCard: toCardView(replaced), newCard: toCardView(linked) };
  }

  /** The card of the URL, locked; a member only finds their own (another member's card is "unknown"). */
  private async lockAddressedCard(manager: EntityManager, request: CardChangeRequest): Promise<CardRow> {
    const [card] = await selectCards(manager, 'c.id = $1', [request.cardId], { forUpdate: true });
    if (!card || (request.member && card.member_id !== request.member.memberId)) throw unknownCard(request.cardId);
    return card;
  }

  private async apply(
    manager: EntityManager,
    request: CardChangeRequest,
    card: CardRow,
    change: CardFlagsChange | null,
    publish: (holder: MemberReference) => Promise<void>,
  ): Promise<CardChangeReply> {
    if (!change) return { card: toCardView(card), changed: false, eventPublished: false };
    await manager.query(`UPDATE card SET ${change.column} = $2 WHERE id = $1`, [card.id, change.value]);
    const [updated] = await selectCards(manager, 'c.id = $1', [card.id]);
    const holder = await holderOf(manager, card.member_id, request);
    if (holder) await publish(holder);
    return { card: toCardView(updated), changed: true, eventPublished: holder !== null };
  }
}

/**
 * Who the event is about: the card's holder (the member of the token on the member API, the
 * `card_member` row on the System API), with the caller's client as `applicationId`.
 */
async function holderOf(manager: EntityManager, memberId: number | null, request: CardChangeRequest): Promise<MemberReference | null> {
  if (request.member) return { ...request.member, applicationId: request.member.applicationId ?? request.applicationId ?? null };
  if (memberId === null) return null;
  const [row]: { customer_uid: string; account_id: string }[] = await manager.query(
    `SELECT customer_uid, account_id FROM card_member WHERE member_id = $1`,
    [memberId],
  );
  if (!row) return null;
  return { memberId, customerUid: row.customer_uid, accountId: row.account_id, identifierId: null, applicationId: request.applicationId ?? null };
}

function unknownCard(cardId: number): RpcFault {
  return new RpcFault(CardsErrorCode.UnknownCard, `Карта ${cardId} не найдена.`);
}
