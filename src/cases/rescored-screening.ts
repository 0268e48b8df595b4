// A screening the system adds when something outside the applicant changed (a new link, a new sanctions list):
// the new screening, the case's new score and an audit event with before and after, in the caller's transaction.
import crypto from 'node:crypto';
import type pg from 'pg';
import type { Finding, ScoreResult } from '../scoring/types';

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
    `INSERT INTO screenings (id, case_id, score, band, sanctions_status, rule_set_version, findings, input_snapshot, requested_by)
     VALUES ($1, $2, $3, $4::"Band", $9::"SanctionsStatus", $5, $6::jsonb, $7::jsonb, $8)`,
    [screeningId, write.caseId, result.score, result.band, result.ruleSetVersion, JSON.stringify(result.findings), JSON.stringify(write.snapshot), write.requestedBy, result.sanctionsStatus],
  );
  await tx.query(`UPDATE cases SET score = $2, band = $3::"Band", sanctions_status = $5::"SanctionsStatus", rule_set_version = $4, updated_at = now() WHERE id = $1`, [
    write.caseId,
    result.score,
    result.band,
    result.ruleSetVersion,
    result.sanctionsStatus,
  ]);
  await tx.query(`INSERT INTO case_events (case_id, actor, action, data) VALUES ($1, $2, $3, $4::jsonb)`, [
    write.caseId,
    write.actor,
    write.action,
    JSON.stringify({ ...write.data, before: write.before, after: { score: result.score, band: result.band, sanctionsStatus: result.sanctionsStatus, screeningId } }),
  ]);
  return screeningId;
}

/** What a rescoring starts from: the case now, its latest screening, and the latest snapshot of the applicant. */
export interface RescoringBasis {
  caseId: string;
  score: number;
  band: string;
  status: string;
  /** The latest screening's findings and rule-set version (a system rescore's too). */
  findings: Finding[];
  ruleSetVersion: string;
  /** The latest screening that saw the applicant (not one the system added), its snapshot and when it was taken. */
  snapshotId: string;
  inputSnapshot: Record<string, unknown>;
  snapshotAt: Date;
}

/**
 * The basis for rescoring a case; null when it has no screening of the applicant or its personal data was erased
 * (nothing left to score). `lock` takes the case row FOR UPDATE (the caller's transaction).
 */
export async function loadRescoringBasis(client: pg.Pool | pg.PoolClient, caseId: string, options: { lock: boolean }): Promise<RescoringBasis | null> {
  const { rows } = await client.query<{
    score: number;
    band: string;
    status: string;
    findings: RescoringBasis['findings'];
    rule_set_version: string;
    snapshot_id: string;
    input_snapshot: Record<string, unknown>;
    snapshot_at: Date;
  }>(
    `SELECT c.score, c.band::text AS band, c.status::text AS status, latest.findings, latest.rule_set_version,
            original.id::text AS snapshot_id, original.input_snapshot, original.created_at AS snapshot_at
     FROM cases c
     CROSS JOIN LATERAL (SELECT findings, rule_set_version FROM screenings WHERE case_id = c.id ORDER BY created_at DESC LIMIT 1) latest
     CROSS JOIN LATERAL (SELECT id, input_snapshot, created_at FROM screenings WHERE case_id = c.id AND requested_by NOT LIKE 'system:%' ORDER BY created_at DESC LIMIT 1) original
     WHERE c.id = $1 AND c.personal_data_erased_at IS NULL${options.lock ? ' FOR UPDATE OF c' : ''}`,
    [caseId],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    caseId,
    score: row.score,
    band: row.band,
    status: row.status,
    findings: row.findings,
    ruleSetVersion: row.rule_set_version,
    snapshotId: row.snapshot_id,
    inputSnapshot: row.input_snapshot,
    snapshotAt: row.snapshot_at,
  };
}
