// A screening the system adds when something outside the applicant changed (a new link, a new sanctions list):
// the new screening, the case's new score and an audit event with before and after, in the caller's transaction.
import crypto from 'node:crypto';
import type pg from 'pg';
import type { ScoreResult } from '../scoring/types';

export interface RescoredScreening {
  caseId: string;
  result: ScoreResult;
  /** Why and from what: e.g. { rescoredFrom, reason: 'links', triggeredBy }. */
  snapshot: Record<string, unknown>;
  /** 'system:links', 'system:sanctions'. */
  requestedBy: string;
  actor: string;
  action: string;
  before: { score: number; band: string };
  data?: Record<string, unknown>;
}

export async function writeRescoredScreening(tx: pg.PoolClient, write: RescoredScreening): Promise<string> {
  const { result } = write;
  const screeningId = crypto.randomUUID();
  await tx.query(
    `INSERT INTO screenings (id, case_id, score, band, rule_set_version, findings, input_snapshot, requested_by)
     VALUES ($1, $2, $3, $4::"Band", $5, $6::jsonb, $7::jsonb, $8)`,
    [screeningId, write.caseId, result.score, result.band, result.ruleSetVersion, JSON.stringify(result.findings), JSON.stringify(write.snapshot), write.requestedBy],
  );
  await tx.query(`UPDATE cases SET score = $2, band = $3::"Band", rule_set_version = $4, updated_at = now() WHERE id = $1`, [write.caseId, result.score, result.band, result.ruleSetVersion]);
  await tx.query(`INSERT INTO case_events (case_id, actor, action, data) VALUES ($1, $2, $3, $4::jsonb)`, [
    write.caseId,
    write.actor,
    write.action,
    JSON.stringify({ ...write.data, before: write.before, after: { score: result.score, band: result.band, screeningId } }),
  ]);
  return screeningId;
}
