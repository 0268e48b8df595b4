// The case export store: cases with their latest decision, read in id order a batch at a time (the CLI's `export`).
import type pg from 'pg';
import type { Band } from '../scoring/types';

export interface ExportFilter {
  bands?: Band[];
  statuses?: string[];
  /** Cases created at or after this time. */
  since?: Date;
}

export interface ExportedCase {
  id: string;
  source: string;
  externalId: string | null;
  subjectName: string;
  score: number;
  band: string;
  /** clear, potential_match, confirmed_match, cleared_by_comparison. */
  sanctionsStatus: string;
  ruleSetVersion: string;
  status: string;
  assignee: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  personalDataErasedAt: string | null;
  /** The latest decision (cleared, confirmed_fraud), who made it and when; null when never decided. */
  decision: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
}

const BATCH = 1000;

interface Row {
  id: string;
  source: string;
  external_id: string | null;
  subject_name: string;
  score: number;
  band: string;
  sanctions_status: string;
  rule_set_version: string;
  status: string;
  assignee: string | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  personal_data_erased_at: Date | null;
  decision: string | null;
  decided_by: string | null;
  decided_at: Date | null;
}

export async function* exportedCases(pool: pg.Pool, filter: ExportFilter): AsyncGenerator<ExportedCase> {
  let cursor = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const { rows } = await pool.query<Row>(
      `SELECT c.id::text AS id, c.source, c.external_id, c.subject_name, c.score, c.band::text AS band, c.sanctions_status::text AS sanctions_status, c.rule_set_version,
              c.status::text AS status, c.assignee, c.created_by, c.created_at, c.updated_at, c.personal_data_erased_at,
              d.data->>'after' AS decision, d.actor AS decided_by, d.created_at AS decided_at
       FROM cases c
       LEFT JOIN LATERAL (SELECT actor, data, created_at FROM case_events e WHERE e.case_id = c.id AND e.action = 'case.decided' ORDER BY e.id DESC LIMIT 1) d ON true
       WHERE c.id > $1::uuid AND ($2::text[] IS NULL OR c.band::text = ANY($2::text[]))
         AND ($3::text[] IS NULL OR c.status::text = ANY($3::text[])) AND ($4::timestamptz IS NULL OR c.created_at >= $4::timestamptz)
       ORDER BY c.id LIMIT ${BATCH}`,
      [cursor, filter.bands ?? null, filter.statuses ?? null, filter.since ?? null],
    );
    for (const row of rows) {
      yield {
        id: row.id,
        source: row.source,
        externalId: row.external_id,
        subjectName: row.subject_name,
        score: row.score,
        band: row.band,
        sanctionsStatus: row.sanctions_status,
        ruleSetVersion: row.rule_set_version,
        status: row.status,
        assignee: row.assignee,
        createdBy: row.created_by,
        createdAt: row.created_at.toISOString(),
        updatedAt: row.updated_at.toISOString(),
        personalDataErasedAt: row.personal_data_erased_at?.toISOString() ?? null,
        decision: row.decision,
        decidedBy: row.decided_by,
        decidedAt: row.decided_at?.toISOString() ?? null,
      };
    }
    if (rows.length < BATCH) return;
    cursor = rows.at(-1)!.id;
  }
}
