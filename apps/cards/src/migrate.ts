import 'reflect-metadata';
import { runMigrationCommand } from '@loyalty/persistence';
import { CardsConfig } from './config/cards.config';
import { cardsDatabase } from './database';

void runMigrationCommand({ service: 'cards', config: CardsConfig, database: (config) => cardsDatabase(config.DATABASE_URL) });
