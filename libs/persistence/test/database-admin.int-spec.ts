import { Client } from 'pg';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { createTestDatabase, dataSourceOptions, ensureDatabase, migrateDatabase, TestDatabase, withDatabase } from '../src';

class CreateWidgets1700000000001 implements MigrationInterface {
  name = 'CreateWidgets1700000000001';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE TABLE widget (id serial PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now())');
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE widget');
  }
}

async function databaseExists(url: string, name: string): Promise<boolean> {
  const client = new Client({ connectionString: withDatabase(url, 'postgres') });
  await client.connect();
  try {
    return ((await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount ?? 0) > 0;
  } finally {
    await client.end();
  }
}

describe('database administration against the real server', () => {
  let database: TestDatabase;

  afterEach(async () => {
    await database?.drop();
  });

  it('creates a per-run test database and drops it', async () => {
    database = await createTestDatabase('persistence');
    expect(database.name).toMatch(/^persistence_test_[0-9a-f]{8}$/);
    expect(await databaseExists(database.url, database.name)).toBe(true);
    await database.drop();
    expect(await databaseExists(database.url, database.name)).toBe(false);
  });

  it('ensureDatabase is idempotent, and migrations apply once in UTC with synchronize off', async () => {
    database = await createTestDatabase('persistence');
    expect(await ensureDatabase(database.url)).toBe(false);

    const options = { url: database.url, entities: [], migrations: [CreateWidgets1700000000001] };
    expect(await migrateDatabase(options)).toEqual(['CreateWidgets1700000000001']);
    expect(await migrateDatabase(options)).toEqual([]);

    const dataSource = new DataSource(dataSourceOptions(options));
    expect(dataSource.options.synchronize).toBe(false);
    await dataSource.initialize();
    try {
      const [{ timezone }] = await dataSource.query(`SELECT current_setting('TimeZone') AS timezone`);
      expect(timezone).toBe('UTC');
      await dataSource.query('INSERT INTO widget DEFAULT VALUES');
      expect((await dataSource.query('SELECT count(*)::int AS count FROM widget'))[0].count).toBe(1);
    } finally {
      await dataSource.destroy();
    }
  });
});
