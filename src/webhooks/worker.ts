// Runs queued webhook jobs (graphile-worker on the same PostgreSQL): in the service's process or on its own.
import { EventEmitter } from 'node:events';
import { run, type Runner, type TaskList, type WorkerEvents } from 'graphile-worker';
import pg from 'pg';
import { queueLogger } from '../db/migrate';
import type { Logger } from '../logger';
import { WEBHOOK_TASK } from '../queue/task-names';
import type { DeliveryProcessor } from './process-delivery';

/** Jobs besides webhook deliveries (ATS notes, notifications) run by the same workers: task name -> handler. */
export type ExtraTasks = TaskList;

export interface WebhookWorker {
  stop(): Promise<void>;
}

export interface WorkerOptions {
  concurrency: number;
  /** How often to look for due jobs besides LISTEN/NOTIFY (retries become due by time). */
  pollIntervalMs?: number;
}

// graphile-worker frees the jobs of a worker that died (kill -9, lost machine) only after 4 hours, and a named
// queue (one candidate's deliveries) stays blocked as long. So each worker holds a session advisory lock named
// after its id while it lives; a sweep frees the jobs of any worker whose lock nobody holds any more.
export const LIVENESS_LOCK_SPACE = 727_073_691;
const SWEEP_INTERVAL_MS = 30_000;
// A worker takes its lock within milliseconds of being created; younger job locks are left alone.
const MIN_LOCK_AGE = '20 seconds';

function deliveryIdOf(payload: unknown): string | null {
  const id = typeof payload === 'object' && payload !== null ? (payload as { deliveryId?: unknown }).deliveryId : undefined;
  return typeof id === 'string' ? id : null;
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
      const { rows: probe } = await client.query<{ free: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS free', [LIVENESS_LOCK_SPACE, workerId]);
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

export async function startWebhookWorker(connectionString: string, processor: DeliveryProcessor, logger: Logger, options: WorkerOptions, extraTasks: ExtraTasks = {}): Promise<WebhookWorker> {
  // A pool of its own: the runner keeps one connection for LISTEN and one per concurrent job, plus the sweep.
  const pool = new pg.Pool({ connectionString, max: options.concurrency + 3, connectionTimeoutMillis: 5_000 });
  pool.on('error', () => undefined);
  // The session that holds this process's liveness locks; if it drops (database restart), it reconnects and retakes them.
  const workerIds = new Set<string>();
  let holder: pg.Client | null = null;
  let isStopping = false;
  const connectHolder = async (): Promise<void> => {
    const client = new pg.Client({ connectionString });
    client.on('error', () => undefined);
    client.on('end', () => {
      if (holder === client) holder = null;
      if (!isStopping) setTimeout(() => void connectHolder().catch(() => undefined), 1_000).unref();
    });
    await client.connect();
    for (const id of workerIds) await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [LIVENESS_LOCK_SPACE, id]);
    holder = client;
  };
  await connectHolder();
  // One query at a time on the holder's session (workers are created together; pg queues but warns, and pg 9 refuses).
  let holderQueue: Promise<unknown> = Promise.resolve();
  const onHolder = (sql: string, workerId: string): void => {
    holderQueue = holderQueue.then(() => holder?.query(sql, [LIVENESS_LOCK_SPACE, workerId])).catch(() => undefined);
  };

  const events: WorkerEvents = new EventEmitter();
  events.on('worker:create', ({ worker }) => {
    workerIds.add(worker.workerId);
    onHolder('SELECT pg_advisory_lock($1, hashtext($2))', worker.workerId);
  });
  // graphile-worker retires a worker that could not record a job's end (the database was away at that moment) and
  // leaves the job locked by it for 4 hours. Its liveness lock goes with it, so the sweep frees that job in a minute.
  events.on('worker:fatalError', ({ worker, error }) => {
    workerIds.delete(worker.workerId);
    logger.error({ err: error, workerId: worker.workerId }, 'a webhook worker stopped: it could not record the end of a job; the sweep will free that job');
    onHolder('SELECT pg_advisory_unlock($1, hashtext($2))', worker.workerId);
  });
  const sweep = () =>
    releaseDeadWorkers(pool)
      .then((dead) => dead.length > 0 && logger.warn({ workers: dead }, 'released the jobs of webhook workers that died'))
      .catch((error: unknown) => logger.debug({ err: error }, 'dead-worker sweep failed; will try again'));

  const startRunner = () =>
    run({
      pgPool: pool,
      concurrency: options.concurrency,
      // Jobs due now arrive by LISTEN/NOTIFY; a job due later (a farm's link rescoring waits 1 s to gather newcomers)
      // is found by this poll, which keeps a newcomer's propagation within 2 s.
      pollInterval: options.pollIntervalMs ?? 500,
      noHandleSignals: true,
      logger: queueLogger(logger),
      events,
      taskList: {
        ...extraTasks,
        [WEBHOOK_TASK]: async (payload, helpers) => {
          const deliveryId = deliveryIdOf(payload);
          if (!deliveryId) return;
          await processor.process(deliveryId, helpers.job.attempts, helpers.job.max_attempts);
        },
      },
    });
  let runner: Runner;
  try {
    runner = await startRunner();
  } catch (error) {
    isStopping = true;
    await (holder as pg.Client | null)?.end().catch(() => undefined);
    await pool.end();
    throw error;
  }
  // A retired worker is never replaced by graphile-worker: after enough outages the process would accept deliveries
  // and process none. So the whole runner is replaced (once the database answers again) after a worker retires.
  let replacing: Promise<void> | null = null;
  const replaceRunner = (): Promise<void> =>
    (replacing ??= (async () => {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await runner.stop().catch((error: unknown) => logger.debug({ err: error }, 'the retired runner did not stop cleanly'));
      while (!isStopping) {
        try {
          runner = await startRunner();
          logger.warn('webhook workers restarted after one of them stopped');
          return;
        } catch (error) {
          logger.debug({ err: error }, 'webhook workers cannot restart yet; retrying');
          await new Promise((resolve) => setTimeout(resolve, 2_000));
        }
      }
    })().finally(() => {
      replacing = null;
    }));
  events.on('worker:fatalError', () => {
    if (!isStopping) void replaceRunner();
  });
  await sweep();
  const sweeper = setInterval(() => void sweep(), SWEEP_INTERVAL_MS);
  sweeper.unref();
  return {
    stop: async () => {
      isStopping = true;
      clearInterval(sweeper);
      await replacing;
      await runner.stop();
      await holder?.end().catch(() => undefined);
      await pool.end();
    },
  };
}
