import 'reflect-metadata';
import { runMigrationCommand } from '@loyalty/persistence';
import { ProcessingConfig } from './config/processing.config';
import { processingDatabase } from './database/processing-database';

void runMigrationCommand({
  service: 'processing',
  config: ProcessingConfig,
  database: (config) => processingDatabase(config.DATABASE_URL),
});
