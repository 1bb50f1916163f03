import { BrokerReadinessCheck, MessagingModule } from '@loyalty/messaging';
import { DatabaseReadinessCheck, PersistenceModule } from '@loyalty/persistence';
import { HealthModule, MetricsModule, ServiceConfigModule } from '@loyalty/runtime';
import { DynamicModule, Module } from '@nestjs/common';
import { CardLifecycleModule } from './card-lifecycle/card-lifecycle.module';
import { CardPoolModule } from './card-pool/card-pool.module';
import { CardsModule } from './cards/cards.module';
import { CardsConfig } from './config/cards.config';
import { cardsDatabase } from './database';
import { LoyaltyGroupsModule } from './loyalty-groups/loyalty-groups.module';
import { ProfileMergesModule } from './profile-merges/profile-merges.module';
import { RegistrationEventsModule } from './registration-events/registration-events.module';
import { VirtualCardsModule } from './virtual-cards/virtual-cards.module';

export const CARDS_SERVICE_NAME = 'cards';

@Module({})
export class AppModule {
  static forRoot(config: CardsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceConfigModule.forRoot(config),
        MetricsModule.forRoot({ serviceName: CARDS_SERVICE_NAME }),
        PersistenceModule.forRoot(cardsDatabase(config.DATABASE_URL)),
        MessagingModule.forRoot({ serviceName: CARDS_SERVICE_NAME, url: config.RABBITMQ_URL, outboxRelay: true }),
        CardsModule,
        VirtualCardsModule,
        CardPoolModule,
        CardLifecycleModule,
        LoyaltyGroupsModule,
        RegistrationEventsModule,
        ProfileMergesModule,
        HealthModule.register({ checks: [DatabaseReadinessCheck, BrokerReadinessCheck] }),
      ],
    };
  }
}
