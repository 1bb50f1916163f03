import { Injectable, Logger } from '@nestjs/common';
import { CARD_LOOKUP_ROUTING_KEY, CardLookupReply, CardLookupRequest, validateMessage } from '@loyalty/contracts';
import { RpcClient } from '@loyalty/messaging';
import { DataSource, EntityManager } from 'typeorm';
import { ProcessingConfig } from '../config/processing.config';
import { CardProjection } from './card-projection.entity';

/** A card as purchase processing needs it. `customerId` is null for a card nobody holds. */
export interface CardRecord {
  cardNumber: string;
  cardId: number | null;
  customerId: number | null;
  customerUid: string | null;
  accountgroupId: string | null;
  cardState: string | null;
  isBlocked: boolean;
  isDeleted: boolean;
  category: string | null;
}

/** The full card model and owner, from an event or from the cards RPC. */
export interface CardSnapshot {
  cardNumber: string;
  cardId: number;
  cardState: string;
  isBlocked: boolean;
  isDeleted: boolean;
  category: string;
  owner: CardOwner | null;
}

export interface CardOwner {
  customerId: number;
  customerUid: string;
  accountgroupId: string;
}

// Events may arrive out of order (retries go through delay queues): a state never moves back.
const STATE_RANK_SQL = `array_position(ARRAY['Prepared','Issued','Activating','Activated','Replaced','Expired']::text[], %s)`;

/**
 * Answers "whose card is this and may it be used" from the local projection, and asks the cards
 * service (`cards.card.get`) when the projection has not seen the card yet. A lookup that fails
 * or times out is a miss: the caller answers CardNotFound instead of hanging.
 */
@Injectable()
export class CardDirectoryService {
  private readonly logger = new Logger(CardDirectoryService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly rpc: RpcClient,
    private readonly config: ProcessingConfig,
  ) {}

  async findByNumber(cardNumber: string): Promise<CardRecord | null> {
    const row = await this.dataSource.getRepository(CardProjection).findOneBy({ cardNumber });
    if (row?.complete && row.customerId !== null) return toRecord(row);
    const fetched = await this.fetchFromCards(cardNumber);
    if (fetched) {
      await this.saveSnapshot(this.dataSource.manager, fetched, 'authoritative');
      return snapshotRecord(fetched);
    }
    return row ? toRecord(row) : null;
  }

  /** The member's main card: the first one linked that is not deleted (SPEC §3.3). */
  async mainCardOf(customerId: number): Promise<CardRecord | null> {
    const row = await this.dataSource
      .getRepository(CardProjection)
      .createQueryBuilder('card')
      .where('card.customerId = :customerId AND NOT card.isDeleted AND card.complete', { customerId })
      .orderBy('card.linkedAt', 'ASC', 'NULLS LAST')
      .addOrderBy('card.cardId', 'ASC')
      .getOne();
    return row ? toRecord(row) : null;
  }

  /** The owner of any card of a member known by uuid (balance commands name members so). */
  async ownerByCustomerUid(customerUid: string): Promise<CardOwner | null> {
    const rows: Array<{ customer_id: number; customer_uid: string; accountgroup_id: string }> = await this.dataSource.query(
      `SELECT customer_id, customer_uid, accountgroup_id FROM card_projection
       WHERE customer_uid = $1 AND customer_id IS NOT NULL AND accountgroup_id IS NOT NULL LIMIT 1`,
      [customerUid],
    );
    return rows[0] ? { customerId: rows[0].customer_id, customerUid: rows[0].customer_uid, accountgroupId: rows[0].accountgroup_id } : null;
  }

  /**
   * Stores a full card model. From events the state only moves forward; the cards RPC is the
   * current truth and overwrites it.
   */
  async saveSnapshot(manager: EntityManager, card: CardSnapshot, source: 'event' | 'authoritative'): Promise<void> {
    const state = source === 'event'
      ? `CASE WHEN ${STATE_RANK_SQL.replace('%s', 'EXCLUDED.card_state')} >= COALESCE(${STATE_RANK_SQL.replace('%s', 'card_projection.card_state')}, 0)
              THEN EXCLUDED.card_state ELSE card_projection.card_state END`
      : 'EXCLUDED.card_state';
    await manager.query(
      `INSERT INTO card_projection
         (card_number, card_id, customer_id, customer_uid, accountgroup_id, card_state, is_blocked, is_deleted, category, complete, linked_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, true, CASE WHEN $3::integer IS NULL THEN NULL ELSE now() END)
       ON CONFLICT (card_number) DO UPDATE SET
         card_id = EXCLUDED.card_id,
         customer_id = COALESCE(EXCLUDED.customer_id, card_projection.customer_id),
         customer_uid = COALESCE(EXCLUDED.customer_uid, card_projection.customer_uid),
         accountgroup_id = COALESCE(EXCLUDED.accountgroup_id, card_projection.accountgroup_id),
         card_state = ${state},
         is_blocked = EXCLUDED.is_blocked,
         is_deleted = EXCLUDED.is_deleted,
         category = EXCLUDED.category,
         complete = true,
         linked_at = COALESCE(card_projection.linked_at, EXCLUDED.linked_at),
         updated_at = now()`,
      [
        card.cardNumber,
        card.cardId,
        card.owner?.customerId ?? null,
        card.owner?.customerUid ?? null,
        card.owner?.accountgroupId ?? null,
        card.cardState,
        card.isBlocked,
        card.isDeleted,
        card.category,
      ],
    );
  }

  /** Block, delete and category events carry one attribute and the owner; an unseen card gets a partial row. */
  async saveAttribute(
    manager: EntityManager,
    card: { cardNumber: string; cardId: number; owner: CardOwner },
    attribute: { column: 'is_blocked' | 'is_deleted'; value: boolean } | { column: 'category'; value: string },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO card_projection (card_number, card_id, customer_id, customer_uid, accountgroup_id, ${attribute.column}, complete, linked_at)
       VALUES ($1, $2, $3, $4, $5, $6, false, now())
       ON CONFLICT (card_number) DO UPDATE SET
         ${attribute.column} = EXCLUDED.${attribute.column},
         card_id = EXCLUDED.card_id,
         customer_id = EXCLUDED.customer_id,
         customer_uid = EXCLUDED.customer_uid,
         accountgroup_id = EXCLUDED.accountgroup_id,
         linked_at = COALESCE(card_projection.linked_at, EXCLUDED.linked_at),
         updated_at = now()`,
      [card.cardNumber, card.cardId, card.owner.customerId, card.owner.customerUid, card.owner.accountgroupId, attribute.value],
    );
  }

  private async fetchFromCards(cardNumber: string): Promise<CardSnapshot | null> {
    const request: CardLookupRequest = { cardNumber };
    let reply: unknown;
    try {
      reply = await this.rpc.call<unknown>(CARD_LOOKUP_ROUTING_KEY, request, this.config.CARD_LOOKUP_TIMEOUT_MS);
    } catch (error) {
      // Unknown card, cards down or slow: all a miss for the caller.
      this.logger.warn(`Card lookup for a projection miss failed: ${(error as Error).message}`);
      return null;
    }
    const validation = validateMessage(CardLookupReply, reply);
    if (!validation.ok) {
      this.logger.warn(`Card lookup reply rejected: ${validation.errors.join('; ')}`);
      return null;
    }
    const card = validation.value;
    const owner =
      card.customerId !== null && card.customerUid !== null && card.accountgroupId !== null
        ? { customerId: card.customerId, customerUid: card.customerUid, accountgroupId: card.accountgroupId }
        : null;
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
}

function toRecord(row: CardProjection): CardRecord {
  return {
    cardNumber: row.cardNumber,
    cardId: row.cardId,
    customerId: row.customerId,
    customerUid: row.customerUid,
    accountgroupId: row.accountgroupId,
    cardState: row.cardState,
    isBlocked: row.isBlocked,
    isDeleted: row.isDeleted,
    category: row.category,
  };
}

function snapshotRecord(card: CardSnapshot): CardRecord {
  return {
    cardNumber: card.cardNumber,
    cardId: card.cardId,
    customerId: card.owner?.customerId ?? null,
    customerUid: card.owner?.customerUid ?? null,
    accountgroupId: card.owner?.accountgroupId ?? null,
    cardState: card.cardState,
    isBlocked: card.isBlocked,
    isDeleted: card.isDeleted,
    category: card.category,
  };
}
