import { messagingEntities, messagingMigrations } from '@loyalty/messaging';
import type { DatabaseOptions } from '@loyalty/persistence';
import { CardMember } from './cards/card-member.entity';
import { Card } from './cards/card.entity';
import { LoyaltyGroup } from './loyalty-groups/loyalty-group.entity';
import { CardsTables1764300000000 } from './migrations/1764300000000-cards-tables';

/** The cards database: its own tables plus the outbox and inbox of the messaging library. */
export function cardsDatabase(url: string): DatabaseOptions {
  return {
    url,
    entities: [Card, CardMember, LoyaltyGroup, ...messagingEntities],
    migrations: [...messagingMigrations, CardsTables1764300000000],
    applicationName: 'cards',
  };
}
