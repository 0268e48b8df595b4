// The job queue as the metrics see it: graphile-worker's jobs per task and the webhook deliveries not yet finished,
// read in ONE query per scrape (every instance is scraped, so the cost is paid per instance per scrape interval).
import type pg from 'pg';
import { DELIVERY_TASKS } from './task-names';

/** The tasks this service queues: always reported (0 when none is queued), so that alerts see them from the start. */
export const QUEUE_TASKS = DELIVERY_TASKS;

export interface QueueSnapshot {
  /** Webhook deliveries queued or being processed (`webhook_deliveries.status`). */
  webhookDeliveries: number;
  /** Per task: jobs waiting (due, or scheduled for a retry or a deferral) or running. */
  depth: Record<string, number>;
  /** Per task: jobs that used every attempt and failed; graphile-worker keeps them until they are deleted. */
  failed: Record<string, number>;
}

// graphile-worker counts an attempt when it takes a job (attempts + 1, locked_at set), so a job on its last attempt
// has attempts = max_attempts while it runs: it is failed only once unlocked again.
const SNAPSHOT_SQL = `
  SELECT (SELECT count(*) FROM webhook_deliveries WHERE status IN ('queued', 'processing'))::int AS "webhookDeliveries",
         coalesce((SELECT json_agg(per_task) FROM (
           SELECT t.identifier AS task,
                  count(*) FILTER (WHERE j.attempts < j.max_attempts OR j.locked_at IS NOT NULL)::int AS depth,
                  count(*) FILTER (WHERE j.attempts >= j.max_attempts AND j.locked_at IS NULL)::int AS failed
           FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
           GROUP BY t.identifier) per_task), '[]'::json) AS tasks`;

export async function readQueueSnapshot(pool: Pick<pg.Pool, 'query'>): Promise<QueueSnapshot> {
  const { rows } = await pool.query<{
    webhookDeliveries: number;
    tasks: { task: string; depth: number; failed: number }[];
  }>(SNAPSHOT_SQL);
  const row = rows[0]!;
  const depth: Record<string, number> = Object.fromEntries(QUEUE_TASKS.map((task) => [task, 0]));
  const failed: Record<string, number> = { ...depth };
  for (const { task, depth: waiting, failed: exhausted } of row.tasks) {
    depth[task] = waiting;
    failed[task] = exhausted;
  }
  return { webhookDeliveries: row.webhookDeliveries, depth, failed };
}

/**
 * One read shared by every gauge of a scrape: prom-client collects all gauges concurrently, so the gauges that start
 * while a read is in flight wait for it instead of querying again. The next scrape reads afresh.
 */
export function sharedPerScrape<T>(read: () => Promise<T>): () => Promise<T> {
  let inFlight: Promise<T> | null = null;
  return () =>
    (inFlight ??= read().finally(() => {
      inFlight = null;
    }));
}
