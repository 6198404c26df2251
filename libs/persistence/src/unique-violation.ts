import { QueryFailedError } from 'typeorm';

/** True for a unique-index violation on PostgreSQL or SQLite. */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string } | undefined;
  return driverError?.code === '23505' || /UNIQUE constraint failed/i.test(error.message);
}
