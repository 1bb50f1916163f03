import 'reflect-metadata';
import { runMigrationCommand } from '@loyalty/persistence';
import { BatchOperationsConfig } from './config/batch-operations.config';
import { batchOperationsDatabase } from './database/batch-operations-database';

void runMigrationCommand({
  service: 'batch-operations',
  config: BatchOperationsConfig,
  database: (config) => batchOperationsDatabase(config.DATABASE_URL),
});
