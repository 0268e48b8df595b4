// The one place that reads a unique violation: stores answer `{ kind: 'taken' }`, never a driver's error code.

export type InsertOutcome<T> = { kind: 'inserted'; row: T } | { kind: 'taken' };

// P2002: Prisma's name for a unique violation; 23505: PostgreSQL's, from plain SQL.
const UNIQUE_VIOLATIONS = new Set(['P2002', '23505']);

export function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && UNIQUE_VIOLATIONS.has(String((error as { code?: unknown }).code))
  );
}

/** Runs the insert; a row that would break a unique key (a name or e-mail already used) answers `taken`. */
export async function insertUnlessTaken<T>(insert: () => Promise<T>): Promise<InsertOutcome<T>> {
  try {
    return { kind: 'inserted', row: await insert() };
  } catch (error) {
    if (isUniqueViolation(error)) return { kind: 'taken' };
    throw error;
  }
}
