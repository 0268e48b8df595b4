// Runs queued webhook jobs (graphile-worker on the same PostgreSQL): in the service's process or on its own.
import { EventEmitter } from 'node:events';
import { run, type Runner, type TaskList, type WorkerEvents } from 'graphile-worker';
import { queueLogger } from '../db/migrate';
import type { Logger } from '../logger';
import { WEBHOOK_TASK } from '../queue/task-names';
import { createWorkerPool, LivenessLocks, releaseDeadWorkers } from '../queue/worker-liveness-store';
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

type WorkerPool = ReturnType<typeof createWorkerPool>;

// Each worker holds a liveness lock while it lives (src/queue/worker-liveness-store.ts); this often a sweep frees the
// jobs of workers whose lock nobody holds any more.
const SWEEP_INTERVAL_MS = 30_000;

function deliveryIdOf(payload: unknown): string | null {
  const id =
    typeof payload === 'object' && payload !== null ? (payload as { deliveryId?: unknown }).deliveryId : undefined;
  return typeof id === 'string' ? id : null;
}

/** Worker events that take and give back each worker's liveness lock. */
function livenessEvents(locks: LivenessLocks, logger: Logger): WorkerEvents {
  const events: WorkerEvents = new EventEmitter();
  events.on('worker:create', ({ worker }) => locks.hold(worker.workerId));
  // graphile-worker retires a worker that could not record a job's end (the database was away at that moment) and
  // leaves the job locked by it for 4 hours. Its liveness lock goes with it, so the sweep frees that job in a minute.
  events.on('worker:fatalError', ({ worker, error }) => {
    logger.error(
      { err: error, workerId: worker.workerId },
      'a webhook worker stopped: it could not record the end of a job; the sweep will free that job',
    );
    locks.release(worker.workerId);
  });
  return events;
}

function sweepDeadWorkers(pool: WorkerPool, logger: Logger): Promise<unknown> {
  return releaseDeadWorkers(pool)
    .then((dead) => dead.length > 0 && logger.warn({ workers: dead }, 'released the jobs of webhook workers that died'))
    .catch((error: unknown) => logger.debug({ err: error }, 'dead-worker sweep failed; will try again'));
}

function startRunner(
  pool: WorkerPool,
  processor: DeliveryProcessor,
  logger: Logger,
  options: WorkerOptions,
  events: WorkerEvents,
  extraTasks: ExtraTasks,
): Promise<Runner> {
  return run({
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
}

/**
 * A retired worker is never replaced by graphile-worker: after enough outages the process would accept deliveries
 * and process none. So the whole runner is replaced (once the database answers again) after a worker retires.
 */
class ReplaceableRunner {
  private replacing: Promise<void> | null = null;
  private isStopping = false;

  private constructor(
    private runner: Runner,
    private readonly start: () => Promise<Runner>,
    private readonly logger: Logger,
  ) {}

  static async start(start: () => Promise<Runner>, events: WorkerEvents, logger: Logger): Promise<ReplaceableRunner> {
    const replaceable = new ReplaceableRunner(await start(), start, logger);
    events.on('worker:fatalError', () => {
      if (!replaceable.isStopping) void replaceable.replace();
    });
    return replaceable;
  }

  async stop(): Promise<void> {
    this.isStopping = true;
    await this.replacing;
    await this.runner.stop();
  }

  private replace(): Promise<void> {
    return (this.replacing ??= this.restart().finally(() => {
      this.replacing = null;
    }));
  }

  private async restart(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await this.runner
      .stop()
      .catch((error: unknown) => this.logger.debug({ err: error }, 'the retired runner did not stop cleanly'));
    while (!this.isStopping) {
      try {
        this.runner = await this.start();
        this.logger.warn('webhook workers restarted after one of them stopped');
        return;
      } catch (error) {
        this.logger.debug({ err: error }, 'webhook workers cannot restart yet; retrying');
        await new Promise((resolve) => setTimeout(resolve, 2_000));
      }
    }
  }
}

export async function startWebhookWorker(
  connectionString: string,
  processor: DeliveryProcessor,
  logger: Logger,
  options: WorkerOptions,
  extraTasks: ExtraTasks = {},
): Promise<WebhookWorker> {
  const pool = createWorkerPool(connectionString, options.concurrency + 3);
  const locks = new LivenessLocks(connectionString);
  await locks.connect();
  const events = livenessEvents(locks, logger);
  let runner: ReplaceableRunner;
  try {
    runner = await ReplaceableRunner.start(
      () => startRunner(pool, processor, logger, options, events, extraTasks),
      events,
      logger,
    );
  } catch (error) {
    await locks.end();
    await pool.end();
    throw error;
  }
  await sweepDeadWorkers(pool, logger);
  const sweeper = setInterval(() => void sweepDeadWorkers(pool, logger), SWEEP_INTERVAL_MS);
  sweeper.unref();
  return {
    stop: async () => {
      locks.stopReconnecting();
      clearInterval(sweeper);
      await runner.stop();
      await locks.end();
      await pool.end();
    },
  };
}
