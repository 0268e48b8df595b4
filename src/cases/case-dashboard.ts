// The security team's dashboard numbers: open cases by band and status, the oldest open case, top indicators.
import type { Queryable } from '../db/prisma-client';

/** Statuses that still need a person: everything before a decision. */
export const OPEN_STATUSES = ['open', 'in_review', 'escalated'] as const;

export interface Dashboard {
  openByBandAndStatus: { band: string; status: string; count: number }[];
  oldestOpen: { id: string; subjectName: string; band: string; createdAt: string } | null;
  topIndicators: { indicator: string; family: string; cases: number; example: string }[];
}

export class CaseDashboard {
  constructor(private readonly pool: Queryable) {}

  async read(now = new Date(), days = 7): Promise<Dashboard> {
    const [counts, oldest, indicators] = await Promise.all([
      this.pool.query<{ band: string; status: string; count: string }>(
        `SELECT band::text, status::text, count(*)::text AS count FROM cases WHERE status = ANY($1::"CaseStatus"[]) GROUP BY band, status`,
        [OPEN_STATUSES],
      ),
      this.pool.query<{ id: string; subject_name: string; band: string; created_at: Date }>(
        `SELECT id::text, subject_name, band::text, created_at FROM cases WHERE status = ANY($1::"CaseStatus"[]) ORDER BY created_at ASC, id LIMIT 1`,
        [OPEN_STATUSES],
      ),
      // Each case counts once per indicator, however often it was screened in the period.
      this.pool.query<{ indicator: string; family: string; cases: string; example: string }>(
        `SELECT f->>'indicator' AS indicator, min(f->>'family') AS family, count(DISTINCT s.case_id)::text AS cases,
                (array_agg(f->>'message' ORDER BY s.created_at DESC))[1] AS example
           FROM screenings s CROSS JOIN LATERAL jsonb_array_elements(s.findings) AS f
          WHERE s.created_at >= $1
          GROUP BY 1 ORDER BY count(DISTINCT s.case_id) DESC, 1 LIMIT 10`,
        [new Date(now.getTime() - days * 86_400_000)],
      ),
    ]);
    const row = oldest.rows[0];
    return {
      openByBandAndStatus: counts.rows.map((r) => ({ band: r.band, status: r.status, count: Number(r.count) })),
      oldestOpen: row ? { id: row.id, subjectName: row.subject_name, band: row.band, createdAt: row.created_at.toISOString() } : null,
      topIndicators: indicators.rows.map((r) => ({ indicator: r.indicator, family: r.family, cases: Number(r.cases), example: r.example })),
    };
  }
}
