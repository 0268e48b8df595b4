// Applies pending migrations at start-up; an advisory lock keeps several instances from racing.
import { Logger as WorkerLogger, runMigrations as runQueueMigrations } from 'graphile-worker';
import pg from 'pg';
import type { Logger } from '../logger';
import { migrationsLocation } from './locations';
import { applyMigrations } from './schema-engine';

const MIGRATION_LOCK_ID = 727_073_690;

export async function migrateDatabase(connectionString: string, logger: Logger): Promise<string[]> {
  const lockClient = new pg.Client({ connectionString });
  await lockClient.connect();
  try {
    await lockClient.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    const applied = await applyMigrations(connectionString, migrationsLocation);
    // The job queue's own schema (graphile_worker), which the webhook intake writes to in its statement.
    await runQueueMigrations({ connectionString, logger: queueLogger(logger) });
    if (applied.length > 0) logger.info({ applied }, 'migrations applied');
    else logger.debug('database schema is up to date');
    return applied;
  } finally {
    await lockClient.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    await lockClient.end();
  }
}

/** graphile-worker's logger speaking through ours. */
export function queueLogger(logger: Logger): WorkerLogger {
  return new WorkerLogger((scope) => (level, message, meta) => {
    const method = level === 'error' ? 'error' : level === 'warning' ? 'warn' : 'debug';
    logger[method]({ queue: scope, ...(meta ?? {}) }, message);
  });
}
