import { ConfigError, JsonLogger, loadConfig } from '@loyalty/runtime';
import { DatabaseOptions, migrateDatabase } from './data-source';

export interface MigrationCommandOptions<C> {
  /** The app, e.g. `cards`; logs say `<service>-migrate`. */
  service: string;
  config: new () => C;
  database: (config: C) => DatabaseOptions;
}

/**
 * An app's `migrate.ts`: creates its database when missing and applies pending migrations, with
 * exit code 0 or 1. `npm start`, docker compose and the Kubernetes migration Job run it before
 * the service starts.
 */
export async function runMigrationCommand<C extends object>(options: MigrationCommandOptions<C>): Promise<void> {
  const logger = new JsonLogger({ service: `${options.service}-migrate` });
  try {
    const config = loadConfig(options.config);
    const applied = await migrateDatabase(options.database(config));
    logger.log({ msg: applied.length ? `Applied ${applied.length} migrations` : 'Database is up to date', applied }, 'Migrate');
  } catch (error) {
    logger.fatal(error instanceof ConfigError ? { msg: error.message, issues: error.issues } : error, 'Migrate');
    process.exitCode = 1;
  }
}
