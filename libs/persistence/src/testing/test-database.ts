import { randomBytes } from 'node:crypto';
import { dropDatabase, ensureDatabase, parseDatabaseUrl, withDatabase } from '../database-admin';

/** Server used by tests; the database part of the URL is replaced per test run. */
export const TEST_DATABASE_SERVER_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Tests create and drop databases: never let them near one that is not clearly a test database. */
export function assertTestDatabase(url: string): void {
  const { database } = parseDatabaseUrl(url);
  if (!database.includes('test')) {
    throw new Error(`Refusing to touch database "${database}": test databases must have "test" in their name`);
  }
}

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** Creates an empty database named `<prefix>_test_<random>` for one test file. */
export async function createTestDatabase(prefix: string): Promise<TestDatabase> {
  const name = `${prefix.replace(/[^a-z0-9_]/g, '_')}_test_${randomBytes(4).toString('hex')}`;
  const url = withDatabase(TEST_DATABASE_SERVER_URL, name);
  assertTestDatabase(url);
  await ensureDatabase(url);
  return {
    url,
    name,
    drop: async () => {
      assertTestDatabase(url);
      await dropDatabase(url);
    },
  };
}
