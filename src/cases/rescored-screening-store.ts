// The screening the system adds when something outside the applicant changed: the screening, the case's new score
// and an audit event with before and after. The caller holds the transaction (and the case's lock).
import crypto from 'node:crypto';
import type { Queryable } from '../db/prisma-client';
import type { ScoreResult } from '../scoring/types';

export interface RescoredScreening {
  caseId: string;
  result: ScoreResult;
  /** Why and from what: e.g. { rescoredFrom, reason: 'links', triggeredBy }. */
  snapshot: Record<string, unknown>;
  /** 'system:links', 'system:sanctions', 'system:rescore', 'system:disposition'. */
  requestedBy: string;
  actor: string;
  action: string;
  before: { score: number; band: string };
  data?: Record<string, unknown>;
}

export async function writeRescoredScreening(tx: Queryable, write: RescoredScreening): Promise<string> {
  const { result } = write;
  const screeningId = crypto.randomUUID();
  await tx.query(
    `INSERT INTO screenings (id, case_id, score, band, sanctions_status, rule_set_version, findings, input_snapshot, requested_by)
     VALUES ($1, $2, $3, $4::"Band", $9::"SanctionsStatus", $5, $6::jsonb, $7::jsonb, $8)`,
    [
      screeningId,
      write.caseId,
      result.score,
      result.band,
      result.ruleSetVersion,
      JSON.stringify(result.findings),
      JSON.stringify(write.snapshot),
      write.requestedBy,
      result.sanctionsStatus,
    ],
  );
  await tx.query(
    `UPDATE cases SET score = $2, band = $3::"Band", sanctions_status = $5::"SanctionsStatus", rule_set_version = $4, updated_at = now() WHERE id = $1`,
    [write.caseId, result.score, result.band, result.ruleSetVersion, result.sanctionsStatus],
  );
  await tx.query(`INSERT INTO case_events (case_id, actor, action, data) VALUES ($1, $2, $3, $4::jsonb)`, [
    write.caseId,
    write.actor,
    write.action,
    JSON.stringify({
      ...write.data,
      before: write.before,
      after: { score: result.score, band: result.band, sanctionsStatus: result.sanctionsStatus, screeningId },
    }),
  ]);
  return screeningId;
}
