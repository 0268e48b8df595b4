// Row counts of every table a screening writes, to prove that rejected requests store nothing.
import type { Db } from '../../src/db/prisma-client';

export async function rowCounts(db: Db): Promise<Record<string, number>> {
  const [cases, screenings, events, idempotent] = await Promise.all([
    db.case.count(),
    db.screening.count(),
    db.caseEvent.count(),
    db.idempotentRequest.count(),
  ]);
  return { cases, screenings, events, idempotent };
}
