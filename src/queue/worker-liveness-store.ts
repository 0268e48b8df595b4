// Which queue workers are alive: a worker holds an advisory lock while its database session is up (src/webhooks/worker.ts).
import pg from 'pg';
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
