// `worker-health`: the liveness check of a `worker` process (docker-compose.yml's worker health check). It asks
// PostgreSQL whether a session from this machine's address holds a queue worker's liveness advisory lock on this
// database (src/webhooks/worker.ts): such a lock exists only while a worker process lives and its database session
// is up, and the check itself needs the database. No HTTP and no file: a worker serves neither.
import { InvalidArgumentError, type Command } from 'commander';
import pg from 'pg';
import { loadConfig } from '../config';
import { LIVENESS_LOCK_SPACE } from '../webhooks/worker';

// pg_advisory_lock(int4, int4) shows in pg_locks as classid = key 1, objid = key 2, objsubid = 2.
const LIVE_WORKERS_SQL = `
  SELECT count(*)::int AS workers, host(inet_client_addr()) AS address, current_database() AS database
  FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
  WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $1::oid AND l.objsubid = 2
    AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
    AND a.client_addr IS NOT DISTINCT FROM inet_client_addr()`;

export interface LiveWorkers {
  workers: number;
  /** This session's address as PostgreSQL sees it; null over a Unix socket. */
  address: string | null;
  database: string;
}

/** Queue workers whose liveness lock is held by a session from the same client address as this connection. */
export async function liveWorkersFromHere(connectionString: string, timeoutMs: number): Promise<LiveWorkers> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs, application_name: 'hfrc worker-health' });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return (await client.query<LiveWorkers>(LIVE_WORKERS_SQL, [LIVENESS_LOCK_SPACE])).rows[0]!;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function parseSeconds(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 60) throw new InvalidArgumentError('must be a number of seconds from 0 to 60');
  return seconds;
}

export function addWorkerHealthCommand(program: Command): void {
  program
    .command('worker-health')
    .description(
      'liveness check of a `worker` process on this machine: exit 0 when PostgreSQL sees a queue worker from this address holding its liveness lock on this database, 1 when none does or the database cannot be reached (needs DATABASE_URL)',
    )
    .option('--timeout <seconds>', 'for connecting and for the query', parseSeconds, 5)
    .action(async (options: { timeout: number }) => {
      const url = loadConfig().database.url;
      if (!url) {
        process.stderr.write('Error: worker-health needs DATABASE_URL (the database the worker uses)\n');
        process.exitCode = 2;
        return;
      }
      const live = await liveWorkersFromHere(url, options.timeout * 1000);
      const from = live.address ?? 'a local socket';
      if (live.workers === 0) {
        process.stderr.write(`No queue worker from ${from} holds its liveness lock on database ${live.database}: the worker process is down, still starting, or cannot reach the database\n`);
        process.exitCode = 1;
        return;
      }
      process.stdout.write(`ok: ${live.workers} queue worker(s) from ${from} alive on database ${live.database}\n`);
    });
}
