import { messagingEntities, messagingMigrations } from '@loyalty/messaging';
import type { DatabaseOptions } from '@loyalty/persistence';
import { Account } from '../accounts/account.entity';
import { BalanceCommand } from '../balance-commands/balance-command.entity';
import { CardProjection } from '../cards-projection/card-projection.entity';
import { Currency } from '../currencies/currency.entity';
import { LifetimeDefinition } from '../currencies/lifetime-definition.entity';
import { HistoryItem } from '../history/history-item.entity';
import { AccrualLot } from '../ledger/accrual-lot.entity';
import { LedgerEntry } from '../ledger/ledger-entry.entity';
import { PaymentHold } from '../ledger/payment-hold.entity';
import { ProcessingSchema1765100000000 } from '../migrations/1765100000000-processing-schema';
import { Purchase } from '../purchases/purchase.entity';
import { PurchaseOperation } from '../purchases/purchase-operation.entity';
import { LoyaltyGroup } from '../rules/loyalty-group.entity';

export const processingEntities = [
  ...messagingEntities,
  Currency,
  LifetimeDefinition,
  LoyaltyGroup,
  CardProjection,
  Account,
  LedgerEntry,
  AccrualLot,
  PaymentHold,
  Purchase,
  PurchaseOperation,
  BalanceCommand,
  HistoryItem,
];

export const processingMigrations = [...messagingMigrations, ProcessingSchema1765100000000];

export function processingDatabase(url: string, poolSize?: number): DatabaseOptions {
  return { url, entities: processingEntities, migrations: processingMigrations, poolSize, applicationName: 'processing' };
}
