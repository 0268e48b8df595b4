// Webhook benchmark: accepted deliveries per second (stored durably, no worker) and delivery -> scored case latency.
import os from 'node:os';
import autocannon from 'autocannon';
import {
  boundedInteger,
  createBenchDatabase,
  query,
  teardown,
  teardownOnSignals,
  teardownSteps,
} from './bench-support';
import {
  createGreenhouseSource,
  greenhouseDelivery,
  newRunId,
  percentile,
  startBenchService,
  stopService,
} from './webhook-support';

const TARGET_ACCEPTED_PER_SECOND = 2_000;

const settings = {
  adminUrl: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
  connections: boundedInteger('BENCH_CONNECTIONS', 50, 1, 1000),
  durationSeconds: boundedInteger('BENCH_DURATION', 15, 1, 600),
  // Phase 2 offers deliveries at this rate, for this long, to a service whose worker runs WORKERS jobs at once.
  rate: boundedInteger('BENCH_RATE', 100, 1, 10_000),
  rateSeconds: boundedInteger('BENCH_RATE_DURATION', 20, 1, 600),
  workers: boundedInteger('BENCH_WORKERS', 4, 1, 100),
};

function load(
  url: string,
  options: { connections: number; duration: number; overallRate?: number },
  next: () => { body: string; headers: Record<string, string> },
): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        ...options,
        requests: [
          { method: 'POST', path: '/webhooks/greenhouse', setupRequest: (request) => ({ ...request, ...next() }) },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

async function counts(
  databaseUrl: string,
): Promise<{ deliveries: number; pending: number; processed: number; dead: number; cases: number }> {
  const [row] = await query<{ deliveries: number; pending: number; processed: number; dead: number; cases: number }>(
    databaseUrl,
    `SELECT count(*)::int AS deliveries, count(*) FILTER (WHERE status IN ('queued', 'processing'))::int AS pending,
            count(*) FILTER (WHERE status = 'processed')::int AS processed, count(*) FILTER (WHERE status = 'dead')::int AS dead,
            (SELECT count(*)::int FROM cases) AS cases
     FROM webhook_deliveries`,
  );
  return row!;
}

async function intakePhase(
  databaseUrl: string,
): Promise<{ result: autocannon.Result; stored: number; jobs: number; acknowledged: number }> {
  const service = await startBenchService(databaseUrl, 0);
  teardownSteps.push(() => stopService(service));
  const runId = newRunId();
  let n = 0;
  try {
    const url = `http://127.0.0.1:${service.port}`;
    const warmUp = await load(url, { connections: settings.connections, duration: 3 }, () =>
      greenhouseDelivery(n++, runId),
    );
    const result = await load(url, { connections: settings.connections, duration: settings.durationSeconds }, () =>
      greenhouseDelivery(n++, runId),
    );
    // Warm-up included on both sides: every delivery answered 200 must be a stored row with its job.
    const [row] = await query<{ deliveries: number; jobs: number }>(
      databaseUrl,
      `SELECT (SELECT count(*)::int FROM webhook_deliveries) AS deliveries, (SELECT count(*)::int FROM graphile_worker._private_jobs) AS jobs`,
    );
    return { result, stored: row!.deliveries, jobs: row!.jobs, acknowledged: warmUp['2xx'] + result['2xx'] };
  } finally {
    await stopService(service);
  }
}

async function latencyPhase(
  databaseUrl: string,
): Promise<{ offered: number; latencies: number[]; processedPerSecond: number; dead: number; drainSeconds: number }> {
  // The intake phase's backlog is not part of this measurement.
  await query(databaseUrl, `DELETE FROM graphile_worker._private_jobs`);
  await query(databaseUrl, `DELETE FROM webhook_deliveries`);
  const service = await startBenchService(databaseUrl, settings.workers);
  teardownSteps.push(() => stopService(service));
  const runId = newRunId();
  let n = 0;
  try {
    const started = Date.now();
    const result = await load(
      `http://127.0.0.1:${service.port}`,
      { connections: 10, duration: settings.rateSeconds, overallRate: settings.rate },
      () => greenhouseDelivery(n++, runId),
    );
    for (;;) {
      const now = await counts(databaseUrl);
      if (now.pending === 0) break;
      if (Date.now() - started > 180_000) {
        const stuck = await query(
          databaseUrl,
          `SELECT status, attempts, left(last_error, 200) AS error, count(*)::int AS n FROM webhook_deliveries WHERE status IN ('queued', 'processing') GROUP BY 1, 2, 3 ORDER BY n DESC LIMIT 10`,
        );
        const jobs = await query(
          databaseUrl,
          `SELECT attempts, locked_by IS NOT NULL AS locked, run_at > now() AS later, left(last_error, 200) AS error, count(*)::int AS n FROM graphile_worker._private_jobs GROUP BY 1, 2, 3, 4 ORDER BY n DESC LIMIT 10`,
        );
        console.error(JSON.stringify({ stuck, jobs }, null, 1));
        throw new Error(`the queue did not drain in 3 minutes (${now.pending} pending)`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const drainSeconds = (Date.now() - started) / 1000;
    const rows = await query<{ ms: number }>(
      databaseUrl,
      `SELECT extract(epoch FROM processed_at - received_at) * 1000 AS ms FROM webhook_deliveries WHERE status = 'processed' ORDER BY 1`,
    );
    const [span] = await query<{ seconds: number }>(
      databaseUrl,
      `SELECT extract(epoch FROM max(processed_at) - min(received_at)) AS seconds FROM webhook_deliveries`,
    );
    const final = await counts(databaseUrl);
    return {
      offered: result['2xx'],
      latencies: rows.map((row) => Number(row.ms)),
      processedPerSecond: final.processed / Number(span!.seconds),
      dead: final.dead,
      drainSeconds,
    };
  } finally {
    await stopService(service);
  }
}

async function main(): Promise<void> {
  teardownOnSignals();
  try {
    const databaseUrl = await createBenchDatabase(settings.adminUrl, 'hfrc_bench_webhooks');
    await createGreenhouseSource(databaseUrl);
    const intake = await intakePhase(databaseUrl);
    const latency = await latencyPhase(databaseUrl);
    const cpus = os.cpus();
    const [server] = await query<{ server_version: string }>(settings.adminUrl, 'SHOW server_version');
    console.log('\n=== Webhook benchmark (POST /webhooks/greenhouse, the real service in a child process) ===');
    console.log(
      `Machine:  ${cpus[0]?.model ?? 'unknown CPU'} x ${cpus.length} CPUs, Node ${process.version}, PostgreSQL ${server?.server_version ?? '?'} (loopback)`,
    );
    console.log(
      `Deliveries: the real Greenhouse new_candidate_application payload (${greenhouseDelivery(0, 'x').body.length} bytes), each with its own application, candidate, e-mail and Greenhouse-Event-ID, HMAC-signed by the load generator.`,
    );
    const r = intake.result;
    console.log(
      `\n1) Intake, no worker: autocannon ${settings.connections} connections, 3 s warm-up + ${settings.durationSeconds} s`,
    );
    const acceptedPerSecond = r['2xx'] / settings.durationSeconds;
    console.log(
      `   accepted ${acceptedPerSecond.toFixed(0)} deliveries/s answered 200 (200s: ${r['2xx']}, non-2xx: ${r.non2xx}, errors: ${r.errors}), latency p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms`,
    );
    // autocannon stops with up to `connections` requests in flight per run: stored but never counted as answered.
    const inFlight = intake.stored - intake.acknowledged;
    const isConsistent = inFlight >= 0 && inFlight <= 2 * settings.connections && intake.jobs === intake.stored;
    console.log(
      `   answered 200 (warm-up + measured): ${intake.acknowledged}; stored deliveries: ${intake.stored}; queued jobs: ${intake.jobs}; stored but cut off when the load stopped: ${inFlight} ${isConsistent ? '(consistent: every 200 is a stored delivery with its job)' : '(INCONSISTENT)'}`,
    );
    console.log(
      `   target >= ${TARGET_ACCEPTED_PER_SECOND}/s stored durably: ${acceptedPerSecond >= TARGET_ACCEPTED_PER_SECOND && r.non2xx === 0 ? 'PASS' : 'MISS'}`,
    );
    const sorted = latency.latencies;
    console.log(
      `\n2) Delivery -> scored case: ${settings.rate} deliveries/s offered for ${settings.rateSeconds} s, worker concurrency ${settings.workers}, in the service's process`,
    );
    console.log(
      `   ${sorted.length} processed (${latency.dead} dead); received -> processed p50 ${percentile(sorted, 50).toFixed(0)} ms, p99 ${percentile(sorted, 99).toFixed(0)} ms, max ${percentile(sorted, 100).toFixed(0)} ms`,
    );
    console.log(
      `   processing rate over the run ${latency.processedPerSecond.toFixed(0)} deliveries/s; queue drained ${latency.drainSeconds.toFixed(1)} s after the load started`,
    );
  } finally {
    await teardown();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
