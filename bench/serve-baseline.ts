// Bench child: the baseline (bare Express + pg.Pool of 10, see baseline-pg.ts) on a loopback port.
import pg from 'pg';
import { createBaselineApp } from './baseline-pg';
import { benchDatabaseUrl, POOL_MAX, serveAndAnnounce } from './server-process';

async function main(): Promise<void> {
  const pool = new pg.Pool({ connectionString: benchDatabaseUrl(), max: POOL_MAX });
  await serveAndAnnounce(createBaselineApp(pool), undefined, () => pool.end());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
