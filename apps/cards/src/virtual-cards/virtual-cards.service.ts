import {
  CardsErrorCode,
  EmitVirtualCardReply,
  EmitVirtualCardRequest,
  VirtualCardStatusReply,
} from '@loyalty/contracts';
import { RpcFault } from '@loyalty/messaging';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CardEvents } from '../cards/card-events';
import { lockMember } from '../cards/card-members';
import { toCardDetails, toCardView } from '../cards/card-model';
import { selectCards } from '../cards/cards.service';
import { CardsConfig, VirtualCardEmission } from '../config/cards.config';
import { newVirtualCardNumber } from './virtual-card-number';

/** Attempts at a fresh random number before giving up (a collision needs ~10^7 cards per prefix). */
const MAX_NUMBER_ATTEMPTS = 5;

/** Virtual cards: emitted on demand or automatically, at most VIRTUAL_CARDS_PER_MEMBER per member. */
@Injectable()
export class VirtualCardsService {
  constructor(
    private readonly config: CardsConfig,
    private readonly events: CardEvents,
  ) {}

  async status(manager: EntityManager, memberId: number): Promise<VirtualCardStatusReply> {
    const count = await this.countVirtualCards(manager, memberId);
    return {
      currentCountOfVirtualCards: count,
      isVirtualCardEmissionAllowed: this.config.EMIT_VIRTUAL_CARD !== VirtualCardEmission.NotEmit && count < this.config.VIRTUAL_CARDS_PER_MEMBER,
    };
  }

  /**
   * Emits a virtual card and links it to the member, unless they already hold the allowed number:
   * then it succeeds without emitting (the seed's scenarios ask again after the automatic card).
   * The automatic emission (AcceptTenderOffer) only happens under EMIT_VIRTUAL_CARD=1.
   */
  async emit(manager: EntityManager, request: EmitVirtualCardRequest): Promise<EmitVirtualCardReply> {
    const mode = this.config.EMIT_VIRTUAL_CARD;
    if (request.automatic && mode !== VirtualCardEmission.EmitForAll) return { emitted: false, card: null };
    if (mode === VirtualCardEmission.NotEmit) {
      throw new RpcFault(CardsErrorCode.VirtualCardEmissionDisabled, 'Выпуск виртуальных карт отключён.');
    }
    const member = await lockMember(manager, request.member);
    if ((await this.countVirtualCards(manager, member.memberId)) >= this.config.VIRTUAL_CARDS_PER_MEMBER) {
      return { emitted: false, card: null };
    }
    const cardId = await this.insertCard(manager, member.memberId, member.registered);
    const [card] = await selectCards(manager, 'c.id = $1', [cardId]);
    const details = toCardDetails(card);
    await this.events.cardSet(manager, details, request.member, request.linkSource);
    if (member.registered) await this.events.cardActivated(manager, details, request.member);
    return { emitted: true, card: toCardView(card) };
  }

  private async countVirtualCards(manager: EntityManager, memberId: number): Promise<number> {
    const [row] = await manager.query(
      `SELECT count(*)::int AS count FROM card
        WHERE member_id = $1 AND is_virtual AND NOT is_deleted AND state NOT IN ('Replaced', 'Expired')`,
      [memberId],
    );
    return row.count;
  }

  private async insertCard(manager: EntityManager, memberId: number, registered: boolean): Promise<number> {
    for (let attempt = 0; attempt < MAX_NUMBER_ATTEMPTS; attempt += 1) {
      // ON CONFLICT instead of catching the unique violation: an error would abort the transaction.
      const inserted: { id: number }[] = await manager.query(
        `INSERT INTO card (number, state, category_id, is_virtual, member_id, linked_at, activation_date)
         VALUES ($1, CASE WHEN $4::boolean THEN 'Activated' ELSE 'Activating' END, $2, true, $3, now(),
                 CASE WHEN $4::boolean THEN now() END)
         ON CONFLICT (number) DO NOTHING
         RETURNING id`,
        [newVirtualCardNumber(this.config.VIRTUAL_CARD_PREFIX), this.config.DEFAULT_CARD_CATEGORY_ID, memberId, registered],
      );
      if (inserted.length > 0) return inserted[0].id;
    }
    throw new Error(`No free virtual card number after ${MAX_NUMBER_ATTEMPTS} attempts with prefix ${this.config.VIRTUAL_CARD_PREFIX}`);
  }
}
