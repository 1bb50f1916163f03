import { CardsErrorCode, ImportCardsReply, ImportCardsRequest } from '@loyalty/contracts';
import { RpcFault } from '@loyalty/messaging';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CardsConfig } from '../config/cards.config';

/** The pool of physical cards handed out at the tills. */
@Injectable()
export class CardPoolService {
  constructor(private readonly config: CardsConfig) {}

  /** Adds the numbers in state Issued. Re-importing a number leaves the existing card alone. */
  async importCards(manager: EntityManager, request: ImportCardsRequest): Promise<ImportCardsReply> {
    const categoryId = request.categoryId ?? this.config.DEFAULT_CARD_CATEGORY_ID;
    const [category] = await manager.query(`SELECT id FROM loyalty_group WHERE id = $1`, [categoryId]);
    if (!category) throw new RpcFault(CardsErrorCode.CategoryNotFound, `Категория карт ${categoryId} не найдена.`);
    const inserted: { number: string }[] = await manager.query(
      `INSERT INTO card (number, state, category_id)
       SELECT number, 'Issued', $2 FROM unnest($1::varchar[]) AS number
       ON CONFLICT (number) DO NOTHING
       RETURNING number`,
      [request.cardNumbers, categoryId],
    );
    const added = new Set(inserted.map((row) => row.number));
    return { imported: added.size, duplicates: request.cardNumbers.filter((number) => !added.has(number)) };
  }
}
