import {
  ActivateMemberCardsReply,
  CardLookupReply,
  CardsErrorCode,
  CardView,
  LinkCardReply,
  LinkCardRequest,
  MemberReference,
} from '@loyalty/contracts';
import { RpcFault } from '@loyalty/messaging';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CardEvents } from './card-events';
import { lockMember } from './card-members';
import { ACTIVATABLE_STATES, CARD_ROW_COLUMNS, CardRow, LINKABLE_STATES, toCardDetails, toCardView } from './card-model';

/** Finding cards, linking them to members, and activating them when a registration finishes. */
@Injectable()
export class CardsService {
  constructor(private readonly events: CardEvents) {}

  async findCard(manager: EntityManager, cardNumber: string): Promise<CardView | null> {
    const [row] = await selectCards(manager, 'c.number = $1', [cardNumber]);
    return row ? toCardView(row) : null;
  }

  /** `cards.card.get` (processing's fallback when its card projection misses): the card and its holder. */
  async lookupCard(manager: EntityManager, cardNumber: string): Promise<CardLookupReply> {
    const [card] = await selectCards(manager, 'c.number = $1', [cardNumber]);
    if (!card) throw new RpcFault(CardsErrorCode.CardNotFound, 'Карта не найдена.');
    const [holder]: { customer_uid: string; account_id: string }[] = card.member_id
      ? await manager.query(`SELECT customer_uid, account_id FROM card_member WHERE member_id = $1`, [card.member_id])
      : [];
    return {
      ...toCardDetails(card),
      customerId: holder ? card.member_id : null,
      customerUid: holder?.customer_uid ?? null,
      accountgroupId: holder?.account_id ?? null,
    };
  }

  /**
   * SetCard. The card must be in the pool (Prepared/Issued, nobody's, not deleted or blocked). It
   * becomes Activating while the member is still registering, Activated once they are registered.
   * Linking a card the member already holds changes nothing, so callers may safely retry.
   */
  async linkCard(manager: EntityManager, request: LinkCardRequest): Promise<LinkCardReply> {
    const member = await lockMember(manager, request.member);
    const [card] = await selectCards(manager, 'c.number = $1', [request.cardNumber], { forUpdate: true });
    if (!card || card.is_deleted) throw new RpcFault(CardsErrorCode.CardNotFound, 'Карта не найдена.');
    if (card.member_id === member.memberId) return { card: toCardView(card), alreadyLinked: true };
    if (card.member_id !== null || !LINKABLE_STATES.includes(card.state)) {
      throw new RpcFault(CardsErrorCode.CardNotAvailable, 'Карта уже используется.');
    }
    if (card.is_blocked) throw new RpcFault(CardsErrorCode.CardBlocked, 'Карта заблокирована.');

    await manager.query(
      `UPDATE card SET member_id = $2, linked_at = now(),
              state = CASE WHEN $3::boolean THEN 'Activated' ELSE 'Activating' END,
              activation_date = CASE WHEN $3::boolean THEN now() END
        WHERE id = $1`,
      [card.id, member.memberId, member.registered],
    );
    const [linked] = await selectCards(manager, 'c.id = $1', [card.id]);
    const details = toCardDetails(linked);
    await this.events.cardSet(manager, details, request.member, request.linkSource);
    if (member.registered) await this.events.cardActivated(manager, details, request.member);
    return { card: toCardView(linked), alreadyLinked: false };
  }

  /**
   * The member finished registering: every card they hold that is not active yet becomes
   * Activated (one `customer.card.changeState` each), and cards linked later are activated at once.
   * A second call finds nothing left to activate.
   */
  async activateMemberCards(manager: EntityManager, member: MemberReference): Promise<ActivateMemberCardsReply> {
    await lockMember(manager, member, { markRegistered: true });
    // Wrapped in a SELECT: TypeORM answers a bare UPDATE … RETURNING with [rows, count].
    const updated: { id: number }[] = await manager.query(
      `WITH activated AS (
         UPDATE card SET state = 'Activated', activation_date = now()
          WHERE member_id = $1 AND state = ANY($2::varchar[]) AND NOT is_deleted
          RETURNING id)
       SELECT id FROM activated`,
      [member.memberId, ACTIVATABLE_STATES],
    );
    const ids = updated.map((row) => row.id).sort((a, b) => a - b);
    if (ids.length === 0) return { activatedCardIds: [] };
    const cards = await selectCards(manager, 'c.id = ANY($1::integer[])', [ids]);
    for (const card of cards) await this.events.cardActivated(manager, toCardDetails(card), member);
    return { activatedCardIds: ids };
  }
}

/** Cards joined with their category, in id order. */
export async function selectCards(
  manager: EntityManager,
  where: string,
  parameters: unknown[],
  options: { forUpdate?: boolean } = {},
): Promise<CardRow[]> {
  return manager.query(
    `SELECT ${CARD_ROW_COLUMNS} FROM card c JOIN loyalty_group g ON g.id = c.category_id
      WHERE ${where} ORDER BY c.id${options.forUpdate ? ' FOR UPDATE OF c' : ''}`,
    parameters,
  );
}
