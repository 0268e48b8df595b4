// Runs queued webhook jobs (graphile-worker on the same PostgreSQL): in the service's process or on its own.
import { run, type Runner } from 'graphile-worker';
import pg from 'pg';
import { queueLogger } from '../db/migrate';
import type { Logger } from '../logger';
import { WEBHOOK_TASK } from './delivery-store';
import type { DeliveryProcessor } from './process-delivery';

export interface WebhookWorker {
  stop(): Promise<void>;
}

export interface WorkerOptions {
  concurrency: number;
  /** How often to look for due jobs besides LISTEN/NOTIFY (retries become due by time). */
  pollIntervalMs?: number;
}

function deliveryIdOf(payload: unknown): string | null {
  const id = typeof payload === 'object' && payload !== null ? (payload as { deliveryId?: unknown }).deliveryId : undefined;
  return typeof id === 'string' ? id : null;
}

export async function startWebhookWorker(connectionString: string, processor: DeliveryProcessor, logger: Logger, options: WorkerOptions): Promise<WebhookWorker> {
  // A pool of its own: the runner keeps one connection for LISTEN and one per concurrent job.
  const pool = new pg.Pool({ connectionString, max: options.concurrency + 2, connectionTimeoutMillis: 5_000 });
  pool.on('error', () => undefined);
  let runner: Runner;
  try {
    runner = await run({
      pgPool: pool,
      concurrency: options.concurrency,
      pollInterval: options.pollIntervalMs ?? 2_000,
      noHandleSignals: true,
      logger: queueLogger(logger),
      taskList: {
        [WEBHOOK_TASK]: async (payload, helpers) => {
          const deliveryId = deliveryIdOf(payload);
          if (!deliveryId) return;
          await processor.process(deliveryId, helpers.job.attempts, helpers.job.max_attempts);
        },
      },
    });
  } catch (error) {
    await pool.end();
    throw error;
  }
  return {
    stop: async () => {
      await runner.stop();
      await pool.end();
    },
  };
}
