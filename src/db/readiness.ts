// Readiness: the database answers and every migration shipped with this build has been applied.
import { listMigrationNames } from './schema-engine';
import type { Db } from './prisma-client';
import type { SanctionsListHealth } from '../sanctions/active-list';

export interface ReadinessReport {
  isReady: boolean;
  database: 'ok' | 'unreachable';
  pendingMigrations: string[];
  /** Which sanctions list screens: the imported OFAC version, or only the built-in list (ready, but said). */
  sanctions?: SanctionsListHealth;
}

export function createReadinessCheck(
  db: Db,
  migrationsDir: string,
  sanctions?: () => SanctionsListHealth,
): () => Promise<ReadinessReport> {
  const expected = listMigrationNames(migrationsDir);
  return async () => ({ ...(await checkDatabase()), sanctions: sanctions?.() });
  async function checkDatabase(): Promise<ReadinessReport> {
    try {
      const [table] = await db.$queryRaw<
        { has_table: boolean }[]
      >`SELECT to_regclass('_prisma_migrations') IS NOT NULL AS has_table`;
      if (!table?.has_table) return { isReady: false, database: 'ok', pendingMigrations: expected };
      const rows = await db.$queryRaw<{ migration_name: string }[]>`
        SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
      const applied = new Set(rows.map((row) => row.migration_name));
      const pendingMigrations = expected.filter((name) => !applied.has(name));
      return { isReady: pendingMigrations.length === 0, database: 'ok', pendingMigrations };
    } catch {
      return { isReady: false, database: 'unreachable', pendingMigrations: [] };
    }
  }
}
