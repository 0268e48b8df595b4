// What the continuous re-screen needs of the database: one instance at a time (a session advisory lock), once per list
// version (sanctions_list_versions.rescreened_at, with its stats), and the cases to go through, in id order.
import type pg from 'pg';

// One instance at a time re-screens (pg_try_advisory_lock); the others leave it to that one.
const RESCREEN_LOCK = 7_311_420_511;

// Ordered by the column, not the text output `id`: sorting by text read and sorted every case for each batch.
export const CASES_TO_RESCREEN = `SELECT id::text AS id FROM cases
  WHERE status <> 'confirmed_fraud' AND personal_data_erased_at IS NULL AND id > $1::uuid ORDER BY cases.id LIMIT $2`;

export class RescreenStore {
  constructor(private readonly pool: pg.Pool) {}

  /**
   * Runs `rescreen` holding the re-screen lock, unless another instance holds it or the version was re-screened
   * before (then null); records its stats as the version's re-screen.
   */
  async rescreenOnce<T>(versionId: string, rescreen: () => Promise<T>): Promise<T | null> {
    const lock = await this.pool.connect();
    try {
      const { rows } = await lock.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [
        RESCREEN_LOCK,
      ]);
      if (!rows[0]?.locked) return null;
      try {
        const done = await lock.query(
          `SELECT 1 FROM sanctions_list_versions WHERE id = $1 AND rescreened_at IS NOT NULL`,
          [versionId],
        );
        if (done.rowCount) return null;
        const stats = await rescreen();
        await lock.query(
          `UPDATE sanctions_list_versions SET rescreened_at = now(), rescreen_stats = $2::jsonb WHERE id = $1`,
          [versionId, JSON.stringify(stats)],
        );
        return stats;
      } finally {
        await lock.query('SELECT pg_advisory_unlock($1)', [RESCREEN_LOCK]);
      }
    } finally {
      lock.release();
    }
  }

  /** The next `limit` cases to re-screen after `afterId`: not confirmed as fraud, not erased, in id order. */
  async findCasesToRescreen(afterId: string, limit: number): Promise<string[]> {
    const { rows } = await this.pool.query<{ id: string }>(CASES_TO_RESCREEN, [afterId, limit]);
    return rows.map((row) => row.id);
  }
}
