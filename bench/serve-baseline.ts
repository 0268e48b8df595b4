// Bench child: the baseline (bare Express + pg.Pool of 10, see baseline-pg.ts) on a loopback port; BENCH_PROCESSES=N
// serves it from N processes on one port, like the app.
import pg from 'pg';
import { createBaselineApp } from './baseline-pg';
import { benchDatabaseUrl, POOL_MAX, serveAndAnnounce, serveOnProcesses } from './server-process';

async function serve(announce: boolean): Promise<void> {
  const pool = new pg.Pool({ connectionString: benchDatabaseUrl(), max: POOL_MAX });
  await serveAndAnnounce(createBaselineApp(pool), undefined, () => pool.end(), announce);
}

serveOnProcesses(serve, () => '').catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
