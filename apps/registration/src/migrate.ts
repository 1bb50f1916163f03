import 'reflect-metadata';
import { runMigrationCommand } from '@loyalty/persistence';
import { RegistrationConfig } from './config/registration.config';
import { registrationDatabase } from './database';

void runMigrationCommand({
  service: 'registration',
  config: RegistrationConfig,
  database: (config) => registrationDatabase(config.DATABASE_URL),
});
