import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DatabaseOptions, dataSourceOptions } from './data-source';
import { DatabaseReadinessCheck } from './database-readiness.check';

/**
 * The service's one database connection. Global so that libraries (outbox, inbox) and features
 * can inject the DataSource without each importing it.
 */
@Global()
@Module({})
export class PersistenceModule {
  static forRoot(options: DatabaseOptions): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [
        TypeOrmModule.forRoot({
          ...dataSourceOptions(options),
          // Boot even when the database is down: readiness reports it, requests get 503.
          retryAttempts: 0,
          manualInitialization: false,
        }),
      ],
      providers: [DatabaseReadinessCheck],
      exports: [DatabaseReadinessCheck, TypeOrmModule],
    };
  }
}
