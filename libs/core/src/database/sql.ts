import type { EntityManager } from 'typeorm';

/**
 * Runs SQL and returns its rows. TypeORM's postgres driver answers UPDATE and DELETE with
 * `[rows, affectedCount]` but SELECT and INSERT with the rows alone; callers need one shape.
 */
export async function sqlRows<T = Record<string, unknown>>(manager: EntityManager, sql: string, parameters: unknown[] = []): Promise<T[]> {
  const result = await manager.query(sql, parameters);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}

/** A unique-index violation (SQLSTATE 23505), optionally of one named constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } } | null)?.driverError;
  return driverError?.code === '23505' && (constraint === undefined || driverError.constraint === constraint);
}

/** A check-constraint violation (SQLSTATE 23514), optionally of one named constraint. */
export function isCheckViolation(error: unknown, constraint?: string): boolean {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } } | null)?.driverError;
  return driverError?.code === '23514' && (constraint === undefined || driverError.constraint === constraint);
}
