import { DataSource, DataSourceOptions, EntitySchema, MixedList } from 'typeorm';
import { ensureDatabase } from './database-admin';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type EntityList = MixedList<Function | string | EntitySchema>;
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type MigrationList = MixedList<Function | string>;

export interface DatabaseOptions {
  /** postgres://user:pass@host:port/dbname */
  url: string;
  entities: EntityList;
  migrations: MigrationList;
  /** Connection pool size; each replica holds at most this many connections. */
  poolSize?: number;
  /** Name shown in pg_stat_activity, so operators can tell services apart. */
  applicationName?: string;
}

/** Options for every service database: migrations only, never `synchronize`, timestamps in UTC. */
export function dataSourceOptions(options: DatabaseOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: options.url,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    logging: ['error'],
    applicationName: options.applicationName,
    extra: {
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: 5000,
      // A statement that hangs (lock wait, dead server) fails instead of holding a request forever.
      statement_timeout: 30000,
      options: '-c timezone=UTC',
    },
  };
}

export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  return applied.map((migration) => migration.name);
}

/** Creates the database when missing and applies pending migrations: what a deploy's migration Job runs. */
export async function migrateDatabase(options: DatabaseOptions): Promise<string[]> {
  await ensureDatabase(options.url);
  const dataSource = new DataSource(dataSourceOptions({ ...options, poolSize: 1 }));
  await dataSource.initialize();
  try {
    return await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
