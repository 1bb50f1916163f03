import type { DataSource, EntityManager } from 'typeorm';

/**
 * Rows of an `UPDATE … RETURNING` or `DELETE … RETURNING`: TypeORM's PostgreSQL driver answers
 * those commands with `[rows, rowCount]` where other statements get the rows alone.
 */
export async function returning<T>(runner: DataSource | EntityManager, sql: string, parameters: unknown[]): Promise<T[]> {
  const result: unknown = await runner.query(sql, parameters);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}
