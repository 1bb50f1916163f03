// Creates the registration database when missing and applies pending migrations; exit code 0 or 1.
// `npm start` and the deploy's migration Job run this before the service starts.
import 'reflect-metadata';
import { migrateDatabase } from '@loyalty/persistence';
import { JsonLogger, loadConfig } from '@loyalty/runtime';
import { RegistrationConfig } from './config/registration.config';
import { registrationDatabase } from './database';

const logger = new JsonLogger({ service: 'registration' });

async function migrate(): Promise<void> {
  const config = loadConfig(RegistrationConfig);
  const applied = await migrateDatabase(registrationDatabase(config.DATABASE_URL));
  logger.log({ msg: applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database is up to date', applied }, 'Migrate');
}

migrate().then(
  () => process.exit(0),
  (error) => {
    logger.fatal(error, 'Migrate');
    process.exit(1);
  },
);
