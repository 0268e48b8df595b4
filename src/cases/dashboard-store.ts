// The dashboard's reads: open cases counted by band and status, the oldest open case, the indicators found most.
import type { Queryable } from '../db/prisma-client';

export interface OpenCount {
  band: string;
  status: string;
  count: number;
}

export interface OldestOpenCase {
  id: string;
  subjectName: string;
  band: string;
  createdAt: string;
}

export interface IndicatorCount {
  indicator: string;
  family: string;
  cases: number;
  example: string;
}

export class DashboardStore {
  constructor(private readonly pool: Queryable) {}

  async countOpenByBandAndStatus(openStatuses: readonly string[]): Promise<OpenCount[]> {
    const { rows } = await this.pool.query<{ band: string; status: string; count: string }>(
      `SELECT band::text, status::text, count(*)::text AS count FROM cases WHERE status = ANY($1::"CaseStatus"[]) GROUP BY band, status`,
      [openStatuses],
    );
    return rows.map((r) => ({ band: r.band, status: r.status, count: Number(r.count) }));
  }

  async findOldestOpen(openStatuses: readonly string[]): Promise<OldestOpenCase | null> {
    const { rows } = await this.pool.query<{ id: string; subject_name: string; band: string; created_at: Date }>(
      `SELECT id::text, subject_name, band::text, created_at FROM cases WHERE status = ANY($1::"CaseStatus"[]) ORDER BY created_at ASC, id LIMIT 1`,
      [openStatuses],
    );
    const row = rows[0];
    return row
      ? { id: row.id, subjectName: row.subject_name, band: row.band, createdAt: row.created_at.toISOString() }
      : null;
  }

  /** The ten indicators found in the most cases screened since `since`; each case counts once per indicator. */
  async countTopIndicatorsSince(since: Date): Promise<IndicatorCount[]> {
    const { rows } = await this.pool.query<{ indicator: string; family: string; cases: string; example: string }>(
      `SELECT f->>'indicator' AS indicator, min(f->>'family') AS family, count(DISTINCT s.case_id)::text AS cases,
              (array_agg(f->>'message' ORDER BY s.created_at DESC))[1] AS example
         FROM screenings s CROSS JOIN LATERAL jsonb_array_elements(s.findings) AS f
        WHERE s.created_at >= $1
        GROUP BY 1 ORDER BY count(DISTINCT s.case_id) DESC, 1 LIMIT 10`,
      [since],
    );
    return rows.map((r) => ({ indicator: r.indicator, family: r.family, cases: Number(r.cases), example: r.example }));
  }
}
