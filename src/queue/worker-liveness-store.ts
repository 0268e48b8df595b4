// Which queue workers are alive: each worker holds a session advisory lock named after its id while it lives
// (src/webhooks/worker.ts). graphile-worker frees the jobs of a worker that died (kill -9, lost machine) only after
// 4 hours, and a named queue (one candidate's deliveries) stays blocked as long; a sweep frees them at once instead.
import pg from 'pg';

export const LIVENESS_LOCK_SPACE = 727_073_691;
// A worker takes its lock within milliseconds of being created; younger job locks are left alone.
const MIN_LOCK_AGE = '20 seconds';

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
  const client = new pg.Client({
    connectionString,
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs,
    application_name: 'hfrc worker-health',
  });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return (await client.query<LiveWorkers>(LIVE_WORKERS_SQL, [LIVENESS_LOCK_SPACE])).rows[0]!;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The queue runner's own pool: one connection for LISTEN and one per concurrent job, plus the sweep. */
export function createWorkerPool(connectionString: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString, max, connectionTimeoutMillis: 5_000 });
  pool.on('error', () => undefined);
  return pool;
}

/** Frees the jobs and queues locked by workers that no longer hold their liveness lock; returns their ids. */
export async function releaseDeadWorkers(pool: pg.Pool): Promise<string[]> {
  const client = await pool.connect();
  try {
    const { rows } = await client.query<{ locked_by: string }>(
      `SELECT locked_by FROM graphile_worker._private_jobs WHERE locked_by IS NOT NULL AND locked_at < now() - interval '${MIN_LOCK_AGE}'
       UNION
       SELECT locked_by FROM graphile_worker._private_job_queues WHERE locked_by IS NOT NULL AND locked_at < now() - interval '${MIN_LOCK_AGE}'`,
    );
    const dead: string[] = [];
    for (const { locked_by: workerId } of rows) {
      const { rows: probe } = await client.query<{ free: boolean }>(
        'SELECT pg_try_advisory_lock($1, hashtext($2)) AS free',
        [LIVENESS_LOCK_SPACE, workerId],
      );
      if (!probe[0]!.free) continue;
      await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [LIVENESS_LOCK_SPACE, workerId]);
      dead.push(workerId);
    }
    if (dead.length > 0) await client.query('SELECT graphile_worker.force_unlock_workers($1::text[])', [dead]);
    return dead;
  } finally {
    client.release();
  }
}

/**
 * The session that holds this process's liveness locks; if it drops (database restart), it reconnects and retakes
 * them. Queries go one at a time (workers are created together; pg queues but warns, and pg 9 refuses).
 */
export class LivenessLocks {
  private readonly workerIds = new Set<string>();
  private holder: pg.Client | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private isStopping = false;

  constructor(private readonly connectionString: string) {}

  async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString });
    client.on('error', () => undefined);
    client.on('end', () => {
      if (this.holder === client) this.holder = null;
      if (!this.isStopping) setTimeout(() => void this.connect().catch(() => undefined), 1_000).unref();
    });
    await client.connect();
    for (const id of this.workerIds)
      await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [LIVENESS_LOCK_SPACE, id]);
    this.holder = client;
  }

  hold(workerId: string): void {
    this.workerIds.add(workerId);
    this.send('SELECT pg_advisory_lock($1, hashtext($2))', workerId);
  }

  release(workerId: string): void {
    this.workerIds.delete(workerId);
    this.send('SELECT pg_advisory_unlock($1, hashtext($2))', workerId);
  }

  /** From now on a dropped session is not reconnected (the process is stopping). */
  stopReconnecting(): void {
    this.isStopping = true;
  }

  async end(): Promise<void> {
    this.stopReconnecting();
    await this.holder?.end().catch(() => undefined);
  }

  private send(sql: string, workerId: string): void {
    this.queue = this.queue.then(() => this.holder?.query(sql, [LIVENESS_LOCK_SPACE, workerId])).catch(() => undefined);
  }
}
