// Prometheus metrics of one app instance: its own Registry (never prom-client's global one, so that several apps
// in one process, as in the tests, do not collide). Gauges are read from their sources at scrape time.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { SanctionsListHealth } from '../sanctions/active-list';
import { bands, type Band } from '../scoring/types';
import { QUEUE_TASKS, sharedPerScrape, type QueueSnapshot } from '../queue/queue-depth-store';

export const METRICS_PREFIX = 'hfrc_';

/** What the pool gauges read: node-postgres' pg.Pool has these counters. */
export interface PoolStats {
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
}

export interface MetricsSources {
  /** The active sanctions list, as /readyz reports it. */
  sanctionsHealth: () => SanctionsListHealth;
  pool?: PoolStats;
  /** Bearer token required by GET /metrics; unset = open, where served. */
  token?: string;
  /** Whether GET /metrics is served at all (default true): production without a token does not serve it. */
  isServed?: boolean;
  /** The job queue and the webhook deliveries not yet finished, read at scrape time (src/queue/queue-depth-store.ts). */
  queue?: () => Promise<QueueSnapshot>;
  /** prom-client's process and Node.js metrics (default true). */
  defaultMetrics?: boolean;
  now?: () => number;
}

export interface RequestLabels {
  route: string;
  method: string;
  status_class: string;
}

export interface AppMetrics {
  readonly registry: Registry;
  readonly token?: string;
  /** false: the app has no GET /metrics (production without METRICS_TOKEN); the numbers are still kept. */
  readonly isServed: boolean;
  observeRequest(labels: RequestLabels, seconds: number): void;
  /** A screening was stored and answered (replays of an Idempotency-Key are not counted). */
  observeScreening(band: Band): void;
  /** A webhook whose signature (or timestamp) did not verify: answered 401, nothing stored. */
  observeWebhookRejected(vendor: string): void;
  /** A verified webhook delivery: stored and queued, or recognised as a duplicate. */
  observeWebhookAccepted(vendor: string, isDuplicate: boolean): void;
  /** A webhook job's end: processed, ignored, dead (permanently failed) or retry (an attempt failed). */
  observeWebhookJob(vendor: string, outcome: 'processed' | 'ignored' | 'dead' | 'retry'): void;
  /** A notification attempt's end (src/notifications): sent, retry (will run again) or dead (failed for good). */
  observeNotification(kind: string, outcome: 'sent' | 'retry' | 'dead'): void;
  /** An ATS note attempt's end (src/webhooks/ats-notes.ts): sent, failed (the queue retries it) or refused (for good). */
  observeAtsNote(vendor: string, outcome: AtsNoteOutcome): void;
}

export type AtsNoteOutcome = 'sent' | 'failed' | 'refused';

// Seconds: screenings take milliseconds; a sanctions reload or an outage can take seconds.
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createMetrics(sources: MetricsSources): AppMetrics {
  const registry = new Registry();
  if (sources.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: METRICS_PREFIX });
  // Registered in this order, and so listed on GET /metrics.
  const { requestDuration, screenings } = addRequestMetrics(registry);
  addSanctionsGauges(registry, sources.sanctionsHealth, sources.now ?? Date.now);
  const counters = addEventCounters(registry);
  if (sources.queue) addQueueGauges(registry, sharedPerScrape(sources.queue));
  if (sources.pool) addPoolGauges(registry, sources.pool);

  return {
    registry,
    token: sources.token,
    isServed: sources.isServed ?? true,
    observeRequest: (labels, seconds) => requestDuration.observe(labels, seconds),
    observeScreening: (band) => screenings.inc({ band }),
    observeWebhookRejected: (vendor) => counters.webhookRejected.inc({ vendor }),
    observeWebhookAccepted: (vendor, isDuplicate) =>
      counters.webhookAccepted.inc({ vendor, duplicate: String(isDuplicate) }),
    observeWebhookJob: (vendor, outcome) => counters.webhookJobs.inc({ vendor, outcome }),
    observeNotification: (kind, outcome) => counters.notifications.inc({ kind, outcome }),
    observeAtsNote: (vendor, outcome) => counters.atsNotes.inc({ vendor, outcome }),
  };
}

function addRequestMetrics(registry: Registry) {
  const requestDuration = new Histogram({
    name: `${METRICS_PREFIX}http_request_duration_seconds`,
    help: 'HTTP request latency by Express route pattern ("unmatched" when no route matched), method and status class',
    labelNames: ['route', 'method', 'status_class'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const screenings = new Counter({
    name: `${METRICS_PREFIX}screenings_total`,
    help: 'Screenings stored through the API, by band (Idempotency-Key replays not counted)',
    labelNames: ['band'] as const,
    registers: [registry],
  });
  // Every band from the start, so that rate() sees the first screening of a band.
  for (const band of bands) screenings.inc({ band }, 0);
  return { requestDuration, screenings };
}

/** The active sanctions list's age, size and whether it is only the built-in one, read at scrape time. */
function addSanctionsGauges(registry: Registry, sanctionsHealth: () => SanctionsListHealth, now: () => number): void {
  new Gauge({
    name: `${METRICS_PREFIX}sanctions_list_age_seconds`,
    help: 'Seconds since the active sanctions list version was imported; NaN while only the built-in list is loaded',
    registers: [registry],
    collect() {
      const { importedAt } = sanctionsHealth();
      this.set(importedAt ? Math.max(0, (now() - Date.parse(importedAt)) / 1000) : Number.NaN);
    },
  });
  new Gauge({
    name: `${METRICS_PREFIX}sanctions_list_entries`,
    help: 'Entries in the sanctions list screened against',
    registers: [registry],
    collect() {
      this.set(sanctionsHealth().entries);
    },
  });
  new Gauge({
    name: `${METRICS_PREFIX}sanctions_list_builtin`,
    help: '1 while only the built-in DPRK IT-worker list is loaded (no OFAC list imported), else 0',
    registers: [registry],
    collect() {
      this.set(sanctionsHealth().list === 'built-in' ? 1 : 0);
    },
  });
}

/** Webhooks, notifications and ATS notes as this instance saw them. */
function addEventCounters(registry: Registry) {
  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
    new Counter({ name: `${METRICS_PREFIX}${name}`, help, labelNames, registers: [registry] });
  return {
    webhookRejected: counter(
      'webhook_verification_failures_total',
      'Webhook deliveries refused because their signature or timestamp did not verify, by vendor',
      ['vendor'],
    ),
    webhookAccepted: counter(
      'webhook_deliveries_total',
      'Verified webhook deliveries, by vendor and whether it was a duplicate (answered 200, nothing stored)',
      ['vendor', 'duplicate'],
    ),
    webhookJobs: counter(
      'webhook_jobs_total',
      'Webhook jobs finished by this instance, by vendor and outcome (processed, ignored, dead, retry)',
      ['vendor', 'outcome'],
    ),
    notifications: counter(
      'notifications_total',
      'Notification attempts finished by this instance (case band raised, test events), by endpoint kind and outcome (sent, retry, dead)',
      ['kind', 'outcome'],
    ),
    atsNotes: counter(
      'ats_notes_total',
      'Notes written back to the ATS by this instance, by vendor and outcome (sent; failed: the job retries it; refused: for good, not retried)',
      ['vendor', 'outcome'],
    ),
  };
}

/** The pool's connections, read at scrape time. */
function addPoolGauges(registry: Registry, pool: PoolStats): void {
  const poolGauge = (name: string, help: string, read: (stats: PoolStats) => number) =>
    new Gauge({
      name: `${METRICS_PREFIX}${name}`,
      help,
      registers: [registry],
      collect() {
        this.set(read(pool));
      },
    });
  poolGauge(
    'db_pool_connections',
    'Database connections open in this instance’s pool (idle and in use)',
    (stats) => stats.totalCount,
  );
  poolGauge('db_pool_idle_connections', 'Open database connections not in use', (stats) => stats.idleCount);
  poolGauge(
    'db_pool_waiting_requests',
    'Queries waiting for a free database connection',
    (stats) => stats.waitingCount,
  );
}

/** Queue gauges, all from one snapshot per scrape; NaN while the database cannot be read. */
function addQueueGauges(registry: Registry, snapshot: () => Promise<QueueSnapshot>): void {
  const read = async (): Promise<QueueSnapshot | null> => {
    // Gauges are collected together: let the pool gauges read the pool before this query takes a connection.
    await new Promise((resolve) => setImmediate(resolve));
    return snapshot().catch(() => null);
  };
  new Gauge({
    name: `${METRICS_PREFIX}webhook_queue_depth`,
    help: 'Webhook deliveries queued or being processed (all instances: read from the database)',
    registers: [registry],
    async collect() {
      this.set((await read())?.webhookDeliveries ?? Number.NaN);
    },
  });
  const perTask = (name: string, help: string, pick: (queue: QueueSnapshot) => Record<string, number>) =>
    new Gauge({
      name: `${METRICS_PREFIX}${name}`,
      help,
      labelNames: ['task'] as const,
      registers: [registry],
      async collect() {
        const queue = await read();
        const values = queue ? pick(queue) : Object.fromEntries(QUEUE_TASKS.map((task) => [task, Number.NaN]));
        this.reset();
        for (const [task, value] of Object.entries(values)) this.set({ task }, value);
      },
    });
  perTask(
    'queue_depth',
    'Queue jobs waiting (due, or scheduled for a retry) or running, by graphile-worker task (all instances: read from the database)',
    (queue) => queue.depth,
  );
  perTask(
    'queue_failed_jobs',
    'Queue jobs that used every attempt and failed, kept by graphile-worker, by task (all instances)',
    (queue) => queue.failed,
  );
}
