import { DataSource, EntityManager, QueryFailedError } from 'typeorm';

const RETRYABLE = new Set(['40001', '40P01']); // serialization failure, deadlock

export function pgErrorCode(error: unknown): string | undefined {
  if (error instanceof QueryFailedError) return (error.driverError as { code?: string } | undefined)?.code;
  return (error as { code?: string } | undefined)?.code;
}

export function pgConstraint(error: unknown): string | undefined {
  if (error instanceof QueryFailedError) return (error.driverError as { constraint?: string } | undefined)?.constraint;
  return (error as { constraint?: string } | undefined)?.constraint;
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  return pgErrorCode(error) === '23505' && (constraint === undefined || pgConstraint(error) === constraint);
}

/**
 * Thrown inside a transaction that lost a race for an idempotency key (its insert found the key
 * taken): the transaction rolls back and the caller runs it again, finding the winner's result.
 */
export class LostIdempotencyRace extends Error {
  constructor(key: string) {
    super(`Idempotency key ${key} was taken by a concurrent transaction`);
    this.name = 'LostIdempotencyRace';
  }
}

/**
 * Runs `work` in a READ COMMITTED transaction, retrying a few times when PostgreSQL aborts it for
 * a deadlock or a serialization failure (the work is re-run from scratch, so it must only touch
 * the database through `manager`).
 */
export async function inTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await dataSource.transaction(work);
    } catch (error) {
      if (attempt >= attempts || !RETRYABLE.has(pgErrorCode(error) ?? '')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 10));
    }
  }
}
