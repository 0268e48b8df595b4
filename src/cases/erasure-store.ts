// The erasure store: finds the cases the retention policy has reached, and erases one case's personal data (retention
// purge, an ATS's "candidate anonymized" event), keeping its decision, scores, bands, findings' indicators and the audit trail.
//
//   erasePersonalData(db: pg.Pool | pg.PoolClient, caseId: string, actor: string, reason: string): Promise<ErasureOutcome>
//
// - db: a pg.Pool (the erasure runs in a transaction of its own) or a pg.PoolClient inside a transaction the
//   caller opened (the erasure joins it; the caller commits). From the services: `services.pool`.
// - Returns { status: 'erased', erasedAt, counts } | { status: 'already_erased', erasedAt } | { status: 'not_found' }.
//   Idempotent: a second call changes nothing and writes no second event.
// - Atomic: everything below or nothing. The case row is locked (FOR UPDATE) first, so a screening or a rescore of
//   the same case waits for the erasure and then sees it.
//
// What goes, for this case:
// - cases: subject_name becomes "[erased]", external_id NULL (the ATS id: a candidate who comes back gets a new
//   case), personal_data_erased_at is set.
// - screenings: the input snapshot (names, e-mails, phones, addresses, IPs, employment, payment details…) is replaced
//   by { personalDataErased: true } (system rescorings' snapshots hold only ids and stay); every finding keeps its
//   indicator, family, severity, points, source and recommended action, and loses its message and evidence.
// - identifiers: the keyed hashes are deleted (the case stops linking to anyone), and shared_identifiers values that
//   fewer than two cases still hold.
// - idempotent_requests: stored answers about this case (they repeat the findings) are deleted.
// - webhook_deliveries: the raw bodies of deliveries about this case are set to NULL.
// - other cases' link findings that name this case's applicant: the name becomes "[erased]" (in their screenings and
//   their stored idempotent answers).
// What stays: score, band, rule-set version, status, assignee, decision, every screening's score and band, and the
// audit trail (case_events is append-only by trigger). Audit events carry scores, bands, ids and actors; the
// only free text in them is a reviewer's decision reason, which the trigger keeps as written.
// An audit event `case.personal_data_erased` records who, why and how much was erased.
import type pg from 'pg';
import { inTransaction } from '../db/prisma-client';
import type { Finding } from '../scoring/types';
import { isUuid } from '../validation/request';

export const ERASED_NAME = '[erased]';
export const ERASED_FINDING_MESSAGE = 'Details erased with the personal data';

export interface ErasureCounts {
  screenings: number;
  identifiers: number;
  sharedIdentifiers: number;
  idempotentAnswers: number;
  webhookBodies: number;
  /** Screenings and stored answers of other cases whose link findings named this applicant. */
  otherCasesRedacted: number;
}

export type ErasureOutcome =
  | { status: 'erased'; erasedAt: string; counts: ErasureCounts }
  | { status: 'already_erased'; erasedAt: string }
  | { status: 'not_found' };

function isPool(db: pg.Pool | pg.PoolClient): db is pg.Pool {
  return typeof (db as pg.Pool).totalCount === 'number';
}

/** What erasePersonalData runs on: the pool (its own transaction) or a client inside the caller's. */
export type ErasureClient = pg.Pool | pg.PoolClient;

export async function erasePersonalData(
  db: ErasureClient,
  caseId: string,
  actor: string,
  reason: string,
): Promise<ErasureOutcome> {
  if (!isUuid(caseId)) return { status: 'not_found' };
  if (!actor.trim() || !reason.trim())
    throw new Error('erasePersonalData needs an actor and a reason for the audit trail');
  return isPool(db) ? inTransaction(db, (tx) => erase(tx, caseId, actor, reason)) : erase(db, caseId, actor, reason);
}

// Link findings list linked cases as { caseId, subjectName, band }: the name of this case's applicant goes.
function redactLinkedNames(findings: Finding[], caseId: string): { findings: Finding[]; isChanged: boolean } {
  let isChanged = false;
  const redacted = findings.map((finding) => {
    if (finding.family !== 'links') return finding;
    const evidence = { ...finding.evidence };
    for (const key of ['linkedCases', 'householdCases']) {
      const list = evidence[key];
      if (!Array.isArray(list)) continue;
      evidence[key] = list.map((entry: { caseId?: string; subjectName?: string }) => {
        if (entry?.caseId !== caseId || entry.subjectName === ERASED_NAME) return entry;
        isChanged = true;
        return { ...entry, subjectName: ERASED_NAME };
      });
    }
    return { ...finding, evidence };
  });
  return { findings: redacted, isChanged };
}

async function erase(tx: pg.PoolClient, caseId: string, actor: string, reason: string): Promise<ErasureOutcome> {
  const { rows: locked } = await tx.query<{ erased_at: Date | null }>(
    `SELECT personal_data_erased_at AS erased_at FROM cases WHERE id = $1 FOR UPDATE`,
    [caseId],
  );
  if (!locked[0]) return { status: 'not_found' };
  if (locked[0].erased_at) return { status: 'already_erased', erasedAt: locked[0].erased_at.toISOString() };

  // Before the identifiers go: the cases that shared one may name this applicant in their link findings.
  const { rows: linkedRows } = await tx.query<{ case_id: string }>(
    `SELECT DISTINCT other.case_id::text AS case_id FROM identifiers mine
     JOIN identifiers other ON other.kind = mine.kind AND other.hash = mine.hash AND other.case_id <> mine.case_id
     WHERE mine.case_id = $1`,
    [caseId],
  );
  const linkedCaseIds = linkedRows.map((row) => row.case_id);

  const screenings = await tx.query(
    `UPDATE screenings SET
       input_snapshot = CASE WHEN requested_by LIKE 'system:%' THEN input_snapshot ELSE '{"personalDataErased": true}'::jsonb END,
       findings = COALESCE((SELECT jsonb_agg((f - 'message' - 'evidence') || jsonb_build_object('message', $2::text, 'evidence', '{}'::jsonb) ORDER BY n)
                            FROM jsonb_array_elements(findings) WITH ORDINALITY AS t(f, n)), '[]'::jsonb)
     WHERE case_id = $1`,
    [caseId, ERASED_FINDING_MESSAGE],
  );
  const identifiers = await tx.query<{ kind: string; hash: Buffer }>(
    `DELETE FROM identifiers WHERE case_id = $1 RETURNING kind::text AS kind, hash`,
    [caseId],
  );
  const shared = await tx.query(
    `DELETE FROM shared_identifiers s USING unnest($1::text[], $2::bytea[]) AS gone(kind, hash)
     WHERE s.kind = gone.kind::"IdentifierKind" AND s.hash = gone.hash
       AND (SELECT count(DISTINCT i.case_id) FROM identifiers i WHERE i.kind = s.kind AND i.hash = s.hash) < 2`,
    [identifiers.rows.map((row) => row.kind), identifiers.rows.map((row) => row.hash)],
  );
  const idempotent = await tx.query(`DELETE FROM idempotent_requests WHERE response_body->>'caseId' = $1`, [caseId]);
  const webhookBodies = await tx.query(
    `UPDATE webhook_deliveries SET body = NULL WHERE case_id = $1 AND body IS NOT NULL`,
    [caseId],
  );

  let otherCasesRedacted = 0;
  if (linkedCaseIds.length > 0) {
    const { rows: others } = await tx.query<{ id: string; findings: Finding[] }>(
      `SELECT id::text AS id, findings FROM screenings WHERE case_id = ANY($1::uuid[]) AND findings::text LIKE '%' || $2 || '%'`,
      [linkedCaseIds, caseId],
    );
    for (const other of others) {
      const { findings, isChanged } = redactLinkedNames(other.findings, caseId);
      if (!isChanged) continue;
      await tx.query(`UPDATE screenings SET findings = $2::jsonb WHERE id = $1`, [other.id, JSON.stringify(findings)]);
      otherCasesRedacted += 1;
    }
    const { rows: answers } = await tx.query<{ api_key_id: string; key: string; body: { findings?: Finding[] } }>(
      `SELECT api_key_id::text AS api_key_id, key, response_body AS body FROM idempotent_requests
       WHERE response_body->>'caseId' = ANY($1::text[]) AND response_body::text LIKE '%' || $2 || '%'`,
      [linkedCaseIds, caseId],
    );
    for (const answer of answers) {
      const { findings, isChanged } = redactLinkedNames(answer.body.findings ?? [], caseId);
      if (!isChanged) continue;
      await tx.query(`UPDATE idempotent_requests SET response_body = $3::jsonb WHERE api_key_id = $1 AND key = $2`, [
        answer.api_key_id,
        answer.key,
        JSON.stringify({ ...answer.body, findings }),
      ]);
      otherCasesRedacted += 1;
    }
  }

  const { rows: updated } = await tx.query<{ erased_at: Date }>(
    `UPDATE cases SET subject_name = $2, name_key = NULL, household_evidence = false, external_id = NULL, personal_data_erased_at = now(), updated_at = now() WHERE id = $1 RETURNING personal_data_erased_at AS erased_at`,
    [caseId, ERASED_NAME],
  );
  const counts: ErasureCounts = {
    screenings: screenings.rowCount ?? 0,
    identifiers: identifiers.rowCount ?? 0,
    sharedIdentifiers: shared.rowCount ?? 0,
    idempotentAnswers: idempotent.rowCount ?? 0,
    webhookBodies: webhookBodies.rowCount ?? 0,
    otherCasesRedacted,
  };
  await tx.query(
    `INSERT INTO case_events (case_id, actor, action, data) VALUES ($1, $2, 'case.personal_data_erased', $3::jsonb)`,
    [caseId, actor, JSON.stringify({ reason, erased: counts })],
  );
  return { status: 'erased', erasedAt: updated[0]!.erased_at.toISOString(), counts };
}

/** The closed cases the retention policy reaches: not erased yet, in one of `statuses`, not updated since `cutoff`. */
export interface RetentionQuery {
  statuses: readonly string[];
  cutoff: Date;
}

const DUE = `personal_data_erased_at IS NULL AND status::text = ANY($1::text[]) AND updated_at < $2`;

/** "Now minus `days` days" by the database's clock, which also stamps updated_at. */
export async function retentionCutoff(pool: pg.Pool, days: number): Promise<Date> {
  const { rows } = await pool.query<{ cutoff: Date }>(`SELECT now() - make_interval(days => $1) AS cutoff`, [days]);
  return rows[0]!.cutoff;
}

export async function countDueForErasure(
  pool: pg.Pool,
  query: RetentionQuery,
): Promise<{ status: string; n: number }[]> {
  const { rows } = await pool.query<{ status: string; n: number }>(
    `SELECT status::text AS status, count(*)::int AS n FROM cases WHERE ${DUE} GROUP BY status ORDER BY status`,
    [query.statuses, query.cutoff],
  );
  return rows;
}

// Ordered by the column, not the text output `id`: sorting by text read and sorted every case for each batch.
export const CASE_IDS_DUE = `SELECT id::text AS id FROM cases WHERE ${DUE} AND id > $3::uuid ORDER BY cases.id LIMIT $4`;

/** The next `limit` due case ids after `afterId`, in id order (a keyset walk that stays correct while cases change). */
export async function caseIdsDueForErasure(
  pool: pg.Pool,
  query: RetentionQuery,
  afterId: string,
  limit: number,
): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>(CASE_IDS_DUE, [query.statuses, query.cutoff, afterId, limit]);
  return rows.map((row) => row.id);
}

/** Erases one case if it is still due, checked again under the row lock: a case reopened since the walk is left alone. */
export function eraseIfStillDue(
  pool: pg.Pool,
  query: RetentionQuery,
  caseId: string,
  actor: string,
  reason: string,
): Promise<ErasureOutcome | null> {
  return inTransaction(pool, async (tx) => {
    const still = await tx.query(`SELECT 1 FROM cases WHERE id = $3 AND ${DUE} FOR UPDATE`, [
      query.statuses,
      query.cutoff,
      caseId,
    ]);
    return still.rowCount ? erasePersonalData(tx, caseId, actor, reason) : null;
  });
}
