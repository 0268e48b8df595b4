// Benchmarks POST /api/v1/screenings (the real app) against a bare Express + pg baseline writing the same rows; prints numbers, asserts none.
import os from 'node:os';
import autocannon from 'autocannon';
import { boundedInteger, createBenchDatabase, query, teardown, teardownOnSignals, teardownSteps } from './bench-support';
import { applicantBodies, screeningFeed, withExternalId, type BodyTemplate } from './applicant-bodies';
import { startCpuCount, type CpuSample } from './cpu-time';
import { POOL_MAX, startServer, type RunningServer } from './server-process';
import { measureChecks } from './rate-limit-checks';

const WARM_UP_SECONDS = 3;
const BODY_COUNT = 500;
const REUSE_SHARE = 0.2;
const SCREENINGS_PATH = '/api/v1/screenings';
const TARGET = { requestsPerSecond: 1000, p99Ms: 50, shareOfBaseline: 0.5 };

interface Settings {
  adminUrl: string;
  durationSeconds: number;
  connections: number;
}

interface Target {
  name: string;
  label: string;
  script: string;
  /** Applicant numbers of this target start here, so the two targets never send the same person. */
  firstNumber: number;
  env?: Record<string, string>;
}

interface Measurement {
  target: Target;
  result: autocannon.Result;
  created: number;
  rescreened: number;
  cpu: CpuSample;
  /** Requests sent to this server in all: the bodies checked, the warm-up and the measured load. */
  sent: number;
  /** Rows the rate limiter wrote (rate_limit_buckets) per request sent. */
  rateLimitRowsPerRequest?: number;
}

const APP: Target = { name: 'app', label: 'app (full stack)', script: 'serve-app.ts', firstNumber: 0 };
// The same app with the service's rate limits (per address, per API key) counted in PostgreSQL: their CPU per request.
const APP_LIMITED: Target = { name: 'limited', label: 'app + rate limits', script: 'serve-app.ts', firstNumber: 2_000_000, env: { BENCH_RATE_LIMITS: '1' } };
// The app once more after it: the two app runs bracket the rate-limited one, so that drift during the bench shows.
const APP_AGAIN: Target = { name: 'app2', label: 'app again', script: 'serve-app.ts', firstNumber: 3_000_000 };
const RATE_LIMIT_CPU_TARGET_MS = 0.1;
const BASELINE: Target = { name: 'baseline', label: 'baseline (Express+pg)', script: 'serve-baseline.ts', firstNumber: 5_000_000 };


function readSettings(): Settings {
  return {
    adminUrl: process.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres',
    durationSeconds: boundedInteger('BENCH_DURATION', 15, 1, 600),
    connections: boundedInteger('BENCH_CONNECTIONS', 20, 1, 1000),
  };
}



function requestHeaders(server: RunningServer): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (server.apiKey) headers.authorization = `Bearer ${server.apiKey}`;
  return headers;
}

async function post(server: RunningServer, body: string): Promise<{ status: number; text: string }> {
  const response = await fetch(server.url + SCREENINGS_PATH, { method: 'POST', headers: requestHeaders(server), body });
  return { status: response.status, text: await response.text() };
}

/** Sends every body once, so that a non-2xx under load means load trouble rather than a body the API refuses. */
async function checkBodiesAccepted(server: RunningServer, target: Target, templates: readonly BodyTemplate[]): Promise<void> {
  for (const [index, template] of templates.entries()) {
    const { status, text } = await post(server, withExternalId(template, `check-${target.name}-${index}`));
    if (status !== 201) throw new Error(`${target.name} answered ${status} to body #${index}: ${text.slice(0, 500)}`);
  }
}

function runLoad(url: string, connections: number, durationSeconds: number, request: autocannon.Request): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections, duration: durationSeconds, requests: [request] }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

function screeningRequest(server: RunningServer, nextBody: () => string): autocannon.Request {
  return { method: 'POST', path: SCREENINGS_PATH, headers: requestHeaders(server), setupRequest: (request) => ({ ...request, body: nextBody() }) };
}

/** New cases and re-screens written under this target's externalIds (warm-up included). */
async function countWrites(databaseUrl: string, target: Target): Promise<{ created: number; rescreened: number }> {
  const [row] = await query<{ created: number; rescreened: number }>(
    databaseUrl,
    `SELECT count(*) FILTER (WHERE e.action = 'case.created')::int AS created, count(*) FILTER (WHERE e.action = 'case.rescreened')::int AS rescreened
     FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.external_id LIKE $1`,
    [`${target.name}-%`],
  );
  return row!;
}

/** Rows inserted or updated in rate_limit_buckets so far (PostgreSQL's statistics; a stopped server's are flushed). */
async function rateLimitRowsWritten(databaseUrl: string): Promise<number> {
  const [row] = await query<{ n: string }>(databaseUrl, `SELECT coalesce(sum(n_tup_upd + n_tup_ins), 0) AS n FROM pg_stat_user_tables WHERE relname = 'rate_limit_buckets'`);
  return Number(row?.n ?? 0);
}

async function measure(target: Target, settings: Settings, databaseUrl: string): Promise<Measurement> {
  const server = await startServer(target.script, { ...process.env, BENCH_DATABASE_URL: databaseUrl, ...target.env });
  teardownSteps.push(server.stop);
  try {
    // The checked applicants are numbered after everything the load can reach, so they do not link to it.
    const templates = applicantBodies(BODY_COUNT, target.firstNumber + 4_000_000);
    await checkBodiesAccepted(server, target, templates);
    const request = screeningRequest(server, screeningFeed(target.name, target.firstNumber, REUSE_SHARE));
    console.log(`${target.name}: ${templates.length} bodies accepted; warming up ${WARM_UP_SECONDS} s, then measuring ${settings.durationSeconds} s`);
    const warmUp = await runLoad(server.url, settings.connections, WARM_UP_SECONDS, request);
    const stopCpuCount = startCpuCount(server.pid, databaseUrl);
    const result = await runLoad(server.url, settings.connections, settings.durationSeconds, request);
    const cpu = await stopCpuCount();
    const sent = templates.length + warmUp['2xx'] + warmUp.non2xx + result['2xx'] + result.non2xx;
    return { target, result, cpu, sent, ...(await countWrites(databaseUrl, target)) };
  } finally {
    await server.stop();
  }
}

/** measure(), and for the rate-limited target the rows its limiter wrote per request (read once the server stopped). */
async function measureWithRows(target: Target, settings: Settings, databaseUrl: string): Promise<Measurement> {
  const before = await rateLimitRowsWritten(databaseUrl);
  const measurement = await measure(target, settings, databaseUrl);
  if (!target.env?.BENCH_RATE_LIMITS) return measurement;
  // The backends flush their statistics when they exit; give that a moment.
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  return { ...measurement, rateLimitRowsPerRequest: ((await rateLimitRowsWritten(databaseUrl)) - before) / measurement.sent };
}

function passOrMiss(isMet: boolean): string {
  return isMet ? 'PASS' : 'MISS';
}

async function printMachine(adminUrl: string): Promise<void> {
  const cpus = os.cpus();
  const [server] = await query<{ server_version: string }>(adminUrl, 'SHOW server_version');
  console.log(`Machine:  ${cpus[0]?.model ?? 'unknown CPU'} x ${cpus.length} CPUs, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.platform()} ${os.release()}`);
  console.log(`Software: Node ${process.version}, PostgreSQL ${server?.server_version ?? 'unknown'} (loopback)`);
}

function printTable(measurements: Measurement[]): void {
  const columns = ['req/s', 'p50 ms', 'p99 ms', '2xx', 'non-2xx', 'errors', 'timeouts', 'new cases', 're-screens'];
  console.log(['target'.padEnd(22), ...columns.map((column) => column.padStart(11))].join(''));
  for (const { target, result, created, rescreened } of measurements) {
    const cells = [result.requests.average.toFixed(1), result.latency.p50, result.latency.p99, result['2xx'], result.non2xx, result.errors, result.timeouts, created, rescreened];
    console.log([target.label.padEnd(22), ...cells.map((cell) => String(cell).padStart(11))].join(''));
  }
  console.log('(new cases and re-screens: rows written under the load\'s externalIds, warm-up included)');
  // CPU per answered request holds on a busy machine, where requests per second fall with the neighbours' load.
  console.log(`\n${'CPU ms per request'.padEnd(22)}${['server', 'PostgreSQL', 'load gen', 'all three', 'cores busy'].map((column) => column.padStart(11)).join('')}`);
  for (const { target, result, cpu } of measurements) {
    const answered = Math.max(1, result['2xx'] + result.non2xx);
    const perRequest = [cpu.server, cpu.database, cpu.loadGenerator, cpu.server + cpu.database + cpu.loadGenerator].map((seconds) => ((seconds * 1000) / answered).toFixed(2));
    const coresBusy = ((cpu.server + cpu.database + cpu.loadGenerator) / cpu.wallSeconds).toFixed(2);
    console.log([target.label.padEnd(22), ...[...perRequest, coresBusy].map((cell) => cell.padStart(11))].join(''));
  }
  console.log(`(PostgreSQL: the backends connected to the bench database; load average at the end ${os.loadavg().map((load) => load.toFixed(1)).join(' ')})`);
  for (const { target, result } of measurements.filter((measurement) => measurement.result.non2xx > 0)) {
    console.log(`${target.name} status codes: ${JSON.stringify(result.statusCodeStats)}`);
  }
}

/** CPU ms per answered request, all three parties. */
function cpuPerRequest(measurement: Measurement): number {
  const { cpu, result } = measurement;
  return ((cpu.server + cpu.database + cpu.loadGenerator) * 1000) / Math.max(1, result['2xx'] + result.non2xx);
}

/**
 * CPU ms (this process and the backends) of one rate-limit statement: checks one at a time on 50 existing buckets with
 * a limit under what takes tokens ahead (199 a minute, never reached in 3 s), so each check is one UPDATE.
 */
async function cpuPerRateLimitStatement(databaseUrl: string): Promise<number> {
  const cost = await measureChecks(databaseUrl, { label: 'per statement', connections: 1, clients: 50, perMinute: 199, buckets: 'postgres' }, 3);
  return ((cost.node + cost.database) * 1000) / Math.max(1, cost.statements);
}

async function printReport(settings: Settings, app: Measurement, baseline: Measurement, limited: { run: Measurement; appAgain: Measurement; perStatementMs: number } | null): Promise<void> {
  const ratio = app.result.requests.average / baseline.result.requests.average;
  const meetsLoadTarget = app.result.requests.average >= TARGET.requestsPerSecond && app.result.latency.p99 < TARGET.p99Ms;
  console.log('\n=== POST /api/v1/screenings benchmark ===');
  await printMachine(settings.adminUrl);
  console.log(
    `Load:     autocannon, ${settings.connections} connections, ${WARM_UP_SECONDS} s warm-up + ${settings.durationSeconds} s measured per target, ` +
      `a new applicant per request (own e-mail, phone, addresses, account, device, IPs; ${BODY_COUNT} checked first; 4% in farms of 5 sharing a shipping address or wallet), ~${REUSE_SHARE * 100}% re-screen an existing externalId; servers in child processes (${process.env.BENCH_PROCESSES ?? 1} process(es) each), pg pool ${POOL_MAX} per process`,
  );
  console.log('App:      auth (API key), JSON parse, validation, scoring, cross-applicant link lookup, then case + screening + identifiers + case event (+ rescoring of linked cases) in one SQL transaction.');
  console.log('Baseline: bare Express 5 + express.json + pg.Pool; NO auth, NO validation, NO scoring; same case/screening/case_events statements in BEGIN/COMMIT.\n');
  printTable(limited ? [app, limited.run, limited.appAgain, baseline] : [app, baseline]);
  console.log(`\nThroughput ratio app/baseline: ${ratio.toFixed(2)}x`);
  console.log('\nTargets (informational, not asserted):');
  console.log(`  app >= ${TARGET.requestsPerSecond} req/s with p99 < ${TARGET.p99Ms} ms: ${passOrMiss(meetsLoadTarget)}`);
  console.log(`  app >= ${TARGET.shareOfBaseline}x baseline throughput:      ${passOrMiss(ratio >= TARGET.shareOfBaseline)}`);
  if (limited) {
    const { perStatementMs } = limited;
    const rows = limited.run.rateLimitRowsPerRequest ?? Number.NaN;
    // Each statement writes at least one row, so rows x the cost of a statement bounds the cost from above.
    const estimate = rows * perStatementMs;
    console.log(
      `  rate limits in PostgreSQL <= ${RATE_LIMIT_CPU_TARGET_MS} ms CPU per request: ${passOrMiss(estimate <= RATE_LIMIT_CPU_TARGET_MS)} (at most ${estimate.toFixed(3)} ms: ${rows.toFixed(3)} rows written per request x ${perStatementMs.toFixed(3)} ms per statement, measured after the runs)`,
    );
    const appCpu = (cpuPerRequest(app) + cpuPerRequest(limited.appAgain)) / 2;
    const cost = cpuPerRequest(limited.run) - appCpu;
    // Differences of runs: noisy on a shared machine (autovacuum, the tables grown by the runs before, the neighbours).
    console.log(`  (app + rate limits minus the mean of the two app runs: ${cost.toFixed(3)} ms per request; the app runs differ by ${(cpuPerRequest(limited.appAgain) - cpuPerRequest(app)).toFixed(3)} ms between themselves)`);
  }
}

async function main(): Promise<void> {
  const settings = readSettings();
  // `on`, not `once`: tsx relays Ctrl-C, so a second SIGINT must not kill the process before teardown ends.
  teardownOnSignals();
  try {
    const databaseUrl = await createBenchDatabase(settings.adminUrl, 'hfrc_bench');
    const app = await measure(APP, settings, databaseUrl);
    // BENCH_RATE_LIMITS=0 leaves the rate-limited run out.
    const withLimits = process.env.BENCH_RATE_LIMITS === '0' ? null : await measureWithRows(APP_LIMITED, settings, databaseUrl);
    const appAgain = withLimits ? await measure(APP_AGAIN, settings, databaseUrl) : null;
    const baseline = await measure(BASELINE, settings, databaseUrl);
    const limited = withLimits && appAgain ? { run: withLimits, appAgain, perStatementMs: await cpuPerRateLimitStatement(databaseUrl) } : null;
    await printReport(settings, app, baseline, limited);
  } finally {
    await teardown();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
