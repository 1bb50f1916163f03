import { Injectable } from '@nestjs/common';
import type { LoyaltyGroupChangedEvent } from '@loyalty/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { moneyFromNumber, moneyToDecimal } from '../money/money';
import { LoyaltyGroup, STANDARD_GROUP_ID } from './loyalty-group.entity';
import { GroupRule } from './program-rules';

const CACHE_TTL_MS = 5000;

/** Loyalty groups and their rules; read on every purchase call, so cached for a few seconds. */
@Injectable()
export class LoyaltyGroupsService {
  private groups: LoyaltyGroup[] = [];
  private loadedAt = 0;

  constructor(private readonly dataSource: DataSource) {}

  /**
   * The group of a card category (card events name categories by title). An unknown or missing
   * category falls back to the Standard group (id 1).
   */
  async groupOfCategory(category: string | null): Promise<LoyaltyGroup> {
    const groups = await this.all();
    const byTitle = category ? groups.filter((group) => group.title === category) : [];
    const found = byTitle[0] ?? groups.find((group) => group.id === STANDARD_GROUP_ID) ?? groups[0];
    if (!found) throw new Error('No loyalty groups configured');
    return found;
  }

  async byId(id: number | null): Promise<LoyaltyGroup | undefined> {
    if (id === null) return undefined;
    return (await this.all()).find((group) => group.id === id);
  }

  /**
   * Applies `cards.loyaltyGroup.changed` in the consumer's transaction. A renamed group takes the
   * card projection's rows with it, since cards carry their category by title.
   */
  async apply(manager: EntityManager, event: LoyaltyGroupChangedEvent): Promise<void> {
    const previous: Array<{ title: string }> = await manager.query(`SELECT title FROM loyalty_group WHERE id = $1 FOR UPDATE`, [event.id]);
    await manager.query(
      `INSERT INTO loyalty_group (id, title, loyalty_type, loyalty_quantity, active, offer_external_id)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO UPDATE
         SET title = EXCLUDED.title, loyalty_type = EXCLUDED.loyalty_type, loyalty_quantity = EXCLUDED.loyalty_quantity,
             active = EXCLUDED.active, updated_at = now()`,
      [event.id, event.title, event.loyaltyType, moneyToDecimal(moneyFromNumber(event.loyaltyQuantity)), event.active, randomUUID()],
    );
    const oldTitle = previous[0]?.title;
    if (oldTitle !== undefined && oldTitle !== event.title) {
      await manager.query(`UPDATE card_projection SET category = $2, updated_at = now() WHERE category = $1`, [oldTitle, event.title]);
    }
    this.loadedAt = 0;
  }

  async all(): Promise<LoyaltyGroup[]> {
    if (Date.now() - this.loadedAt > CACHE_TTL_MS) {
      this.groups = await this.dataSource.getRepository(LoyaltyGroup).find({ order: { id: 'ASC' } });
      this.loadedAt = Date.now();
    }
    return this.groups;
  }
}

export function ruleOf(group: LoyaltyGroup): GroupRule {
  return { id: group.id, loyaltyType: group.loyaltyType, percent: group.loyaltyQuantity, active: group.active };
}
