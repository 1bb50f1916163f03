// Creates the processing database when missing and applies pending migrations; `npm start` and
// the Kubernetes migration Job run it before the service starts.
import 'reflect-metadata';
import { migrateDatabase } from '@loyalty/persistence';
import { ConfigError, JsonLogger, loadConfig } from '@loyalty/runtime';
import { ProcessingConfig } from './config/processing.config';
import { processingDatabase } from './database/processing-database';

async function main(): Promise<void> {
  const logger = new JsonLogger({ service: 'processing-migrate' });
  try {
    const config = loadConfig(ProcessingConfig);
    const applied = await migrateDatabase(processingDatabase(config.DATABASE_URL));
    logger.log({ msg: applied.length ? `Applied ${applied.length} migrations` : 'Database is up to date', applied }, 'Migrate');
  } catch (error) {
    logger.fatal(error instanceof ConfigError ? { msg: error.message, issues: error.issues } : error, 'Migrate');
    process.exitCode = 1;
  }
}

void main();
