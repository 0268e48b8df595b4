// The cases a rule-set rescoring goes through: counted, then their ids in id order, a batch at a time.
import type pg from 'pg';
import type { Band } from '../scoring/types';

export interface RescoreFilter {
  bands?: Band[];
  /** Cases created at or after this time. */
  since?: Date;
  statuses: string[];
}

// Erased cases are never rescored: nothing is left to score.
const WHERE = `c.personal_data_erased_at IS NULL AND c.status::text = ANY($1::text[])
      AND ($2::text[] IS NULL OR c.band::text = ANY($2::text[])) AND ($3::timestamptz IS NULL OR c.created_at >= $3::timestamptz)`;

const paramsOf = (filter: RescoreFilter): unknown[] => [filter.statuses, filter.bands ?? null, filter.since ?? null];

export class RescoreCandidateStore {
  constructor(private readonly pool: pg.Pool) {}

  async countMatching(filter: RescoreFilter): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM cases c WHERE ${WHERE}`,
      paramsOf(filter),
    );
    return rows[0]!.n;
  }

  /** The ids of matching cases, in id order, read `batch` at a time. */
  async *matchingIds(filter: RescoreFilter, batch: number): AsyncGenerator<string> {
    let cursor = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const { rows } = await this.pool.query<{ id: string }>(
        `SELECT c.id::text AS id FROM cases c WHERE ${WHERE} AND c.id > $4::uuid ORDER BY c.id LIMIT ${batch}`,
        [...paramsOf(filter), cursor],
      );
      for (const row of rows) yield row.id;
      if (rows.length < batch) return;
      cursor = rows.at(-1)!.id;
    }
  }
}
