import { DynamicModule, Module } from '@nestjs/common';
import { BrokerReadinessCheck, MessagingModule } from '@loyalty/messaging';
import { DatabaseReadinessCheck, PersistenceModule } from '@loyalty/persistence';
import { HealthModule, MetricsModule, ServiceConfigModule } from '@loyalty/runtime';
import { ApplicationModule } from './application/application.module';
import { BatchOperationsConfig } from './config/batch-operations.config';
import { batchOperationsDatabase } from './database/batch-operations-database';
import { ProgressModule } from './progress/progress.module';
import { SubmissionModule } from './submission/submission.module';

export const BATCH_OPERATIONS_SERVICE_NAME = 'batch-operations';

export interface BatchOperationsModuleOptions {
  /** Tests: block start-up until the broker answers and poll the outbox often. */
  testing?: boolean;
}

@Module({})
export class AppModule {
  static forRoot(config: BatchOperationsConfig, options: BatchOperationsModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceConfigModule.forRoot(config),
        MetricsModule.forRoot({ serviceName: BATCH_OPERATIONS_SERVICE_NAME }),
        PersistenceModule.forRoot(batchOperationsDatabase(config.DATABASE_URL, config.DATABASE_POOL_SIZE)),
        MessagingModule.forRoot({
          serviceName: BATCH_OPERATIONS_SERVICE_NAME,
          url: config.RABBITMQ_URL,
          outboxRelay: options.testing ? { pollIntervalMs: 50 } : true,
          waitForBroker: options.testing ?? false,
        }),
        SubmissionModule,
        ProgressModule,
        ApplicationModule,
        HealthModule.register({ checks: [BrokerReadinessCheck, DatabaseReadinessCheck] }),
      ],
    };
  }
}
