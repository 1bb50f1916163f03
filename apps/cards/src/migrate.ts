// Creates the cards database when missing and applies pending migrations; exit code 0 or 1.
// `npm start` and the deploy's migration Job run this before the service starts.
import 'reflect-metadata';
import { migrateDatabase } from '@loyalty/persistence';
import { JsonLogger, loadConfig } from '@loyalty/runtime';
import { CardsConfig } from './config/cards.config';
import { cardsDatabase } from './database';

const logger = new JsonLogger({ service: 'cards' });

async function migrate(): Promise<void> {
  const config = loadConfig(CardsConfig);
  const applied = await migrateDatabase(cardsDatabase(config.DATABASE_URL));
  logger.log({ msg: applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database is up to date', applied }, 'Migrate');
}

migrate().then(
  () => process.exit(0),
  (error) => {
    logger.fatal(error, 'Migrate');
    process.exit(1);
  },
);
