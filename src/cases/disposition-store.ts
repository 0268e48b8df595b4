// Reviewers' dispositions of findings: the case they judge (locked), the dispositions stored append-only, and the
// audit events that record them, in the caller's transaction (a session from transaction()).
import type pg from 'pg';
import { inSession, queryableOf, type DbSession } from '../db/session';
import type { DispositionKind } from '../scoring/dispositions';
import { appendCaseEvent } from './approval-store';

export class DispositionStore {
  constructor(private readonly pool: pg.Pool) {}

  /** One unit of work: everything the session is passed to commits together or not at all. */
  transaction<T>(work: (session: DbSession) => Promise<T>): Promise<T> {
    return inSession(this.pool, work);
  }

  /** Whether the case's personal data was erased, its row locked for the transaction; null when there is no such case. */
  async lockErasureState(session: DbSession, caseId: string): Promise<{ isErased: boolean } | null> {
    const { rows } = await queryableOf(session).query<{ is_erased: boolean }>(
      `SELECT personal_data_erased_at IS NOT NULL AS is_erased FROM cases WHERE id = $1 FOR UPDATE`,
      [caseId],
    );
    return rows[0] ? { isErased: rows[0].is_erased } : null;
  }

  async caseExists(session: DbSession, caseId: string): Promise<boolean> {
    const exists = await queryableOf(session).query(`SELECT 1 FROM cases WHERE id = $1`, [caseId]);
    return Boolean(exists.rowCount);
  }

  /** One disposition row per hit judged; returns when they were recorded. */
  async record(
    session: DbSession,
    caseId: string,
    judgement: { indicator: string; disposition: DispositionKind; reason: string },
    subjects: (string | null)[],
    actor: string,
  ): Promise<Date> {
    const { rows } = await queryableOf(session).query<{ created_at: Date }>(
      `INSERT INTO finding_dispositions (case_id, indicator, subject, disposition, reason, actor)
       SELECT $1, $2, s.subject, $4::"DispositionKind", $5, $6 FROM unnest($3::text[]) AS s(subject)
       RETURNING created_at`,
      [caseId, judgement.indicator, subjects, judgement.disposition, judgement.reason, actor],
    );
    return rows[0]!.created_at;
  }

  appendEvent(
    session: DbSession,
    caseId: string,
    actor: string,
    action: string,
    data: Record<string, unknown>,
  ): Promise<void> {
    return appendCaseEvent(queryableOf(session), caseId, actor, action, data);
  }
}
