// Reads of the append-only case audit trail that the use cases need (writes go through the case repository and screening store).
import type pg from 'pg';

/** Whether `screeningId` created its case (case.created) rather than rescreening an existing one (case.rescreened). */
export async function wasNewCase(pool: pg.Pool, caseId: string, screeningId: string): Promise<boolean> {
  const { rows } = await pool.query<{ action: string }>(
    `SELECT action FROM case_events WHERE case_id = $1 AND action IN ('case.created', 'case.rescreened') AND data->'after'->>'screeningId' = $2 LIMIT 1`,
    [caseId, screeningId],
  );
  return rows[0]?.action === 'case.created';
}
