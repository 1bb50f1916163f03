import { DynamicModule, Module } from '@nestjs/common';
import { BrokerReadinessCheck, MessagingModule } from '@loyalty/messaging';
import { DatabaseReadinessCheck, PersistenceModule } from '@loyalty/persistence';
import { HealthModule, MetricsModule, ServiceConfigModule } from '@loyalty/runtime';
import { AccountsModule } from './accounts/accounts.module';
import { BalanceCommandsModule } from './balance-commands/balance-commands.module';
import { CardsProjectionModule } from './cards-projection/cards-projection.module';
import { ProcessingConfig } from './config/processing.config';
import { CurrenciesModule } from './currencies/currencies.module';
import { processingDatabase } from './database/processing-database';
import { HistoryModule } from './history/history.module';
import { LedgerModule } from './ledger/ledger.module';
import { MembersModule } from './members/members.module';
import { MergesModule } from './merges/merges.module';
import { PurchasesModule } from './purchases/purchases.module';
import { RulesModule } from './rules/rules.module';

export const PROCESSING_SERVICE_NAME = 'processing';

export interface ProcessingModuleOptions {
  /** Tests: block start-up until the broker answers and poll the outbox often. */
  testing?: boolean;
}

@Module({})
export class AppModule {
  static forRoot(config: ProcessingConfig, options: ProcessingModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceConfigModule.forRoot(config),
        MetricsModule.forRoot({ serviceName: PROCESSING_SERVICE_NAME }),
        PersistenceModule.forRoot(processingDatabase(config.DATABASE_URL, config.DATABASE_POOL_SIZE)),
        MessagingModule.forRoot({
          serviceName: PROCESSING_SERVICE_NAME,
          url: config.RABBITMQ_URL,
          outboxRelay: options.testing ? { pollIntervalMs: 50 } : true,
          waitForBroker: options.testing ?? false,
          ...(options.testing ? { retryDelaysSeconds: [1, 1, 2] } : {}),
        }),
        CurrenciesModule,
        RulesModule,
        CardsProjectionModule,
        AccountsModule,
        HistoryModule,
        LedgerModule,
        PurchasesModule,
        BalanceCommandsModule,
        MembersModule,
        MergesModule,
        HealthModule.register({ checks: [BrokerReadinessCheck, DatabaseReadinessCheck] }),
      ],
    };
  }
}
