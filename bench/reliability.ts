// Load with faults: screenings (POST /api/v1/screenings) and Greenhouse webhooks at a steady rate against the real
// service while (a) its PostgreSQL is stopped and started again midway and (b) the service is killed with SIGKILL and
// restarted. Clients re-send anything not answered 2xx (screenings with an Idempotency-Key, webhooks with the same
// event id), as real senders do. Afterwards every acknowledged request is counted against what is stored: exits 1 if
// anything is lost or doubled, if the service answered a 5xx other than 503, or died while the database was away.
// The bench runs its own embedded PostgreSQL on a loopback port (never the machine's shared server).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../src/db/embedded-postgres';
import { migrateDatabase } from '../src/db/migrate';
import { createLogger } from '../src/logger';
import { createServices } from '../src/services';
import { applicantBody, withExternalId } from './applicant-bodies';
import { boundedInteger, query, teardown, teardownOnSignals, teardownSteps } from './bench-support';
import {
  createGreenhouseSource,
  greenhouseDelivery,
  newRunId,
  percentile,
  SECRETS_KEY_HEX,
  startBenchService,
  stopService,
  type ServiceProcess,
} from './webhook-support';

const settings = {
  port: boundedInteger('RELIABILITY_PG_PORT', 55_433, 1024, 65_535),
  // Requests a second of each kind, and how long each scenario sends.
  rate: boundedInteger('RELIABILITY_RATE', 20, 1, 500),
  seconds: boundedInteger('RELIABILITY_SECONDS', 40, 10, 600),
  // The fault comes this many seconds into a scenario; the database stays away this long.
  faultAtSeconds: boundedInteger('RELIABILITY_FAULT_AT', 12, 2, 300),
  outageSeconds: boundedInteger('RELIABILITY_OUTAGE_SECONDS', 8, 1, 120),
  drainSeconds: boundedInteger('RELIABILITY_DRAIN_SECONDS', 120, 10, 3600),
  // How many times each fault is run (a restart that lands while a job is finishing is a matter of timing).
  repeats: boundedInteger('RELIABILITY_REPEATS', 1, 1, 20),
};

const LINK_KEY_HEX = 'd4'.repeat(32);
const logger = createLogger('silent');

interface Tally {
  kind: 'screening' | 'webhook';
  acknowledged: Set<string>;
  attempts: number;
  statuses: Map<string, number>;
  unavailableWithRetryAfter: number;
  unavailableWithoutRetryAfter: number;
  latencies: number[];
  /** 2xx answers within the fault window and after it, to time the recovery. */
  lastFailureAt: number;
  firstSuccessAfterFault: number | null;
}

const newTally = (kind: Tally['kind']): Tally => ({
  kind,
  acknowledged: new Set(),
  attempts: 0,
  statuses: new Map(),
  unavailableWithRetryAfter: 0,
  unavailableWithoutRetryAfter: 0,
  latencies: [],
  lastFailureAt: 0,
  firstSuccessAfterFault: null,
});

interface Fault {
  name: string;
  describe: string;
  inject(context: ScenarioContext): Promise<{ faultStartedAt: number; faultEndedAt: number }>;
}

interface ScenarioContext {
  database: { current: EmbeddedDatabase; dataDir: string };
  service: { current: ServiceProcess; deaths: number; expectedDeath: boolean };
  baseUrl(): string;
}

async function restartableDatabase(dataDir: string): Promise<EmbeddedDatabase> {
  return startEmbeddedPostgres({ dataDir, port: settings.port, logger, isOwner: true });
}

const faults: Fault[] = [
  {
    name: 'postgres-restart',
    describe: `PostgreSQL stopped (fast shutdown) ${settings.faultAtSeconds} s in, started again ${settings.outageSeconds} s later`,
    async inject(context) {
      const faultStartedAt = Date.now();
      await context.database.current.stop();
      console.log(
        `  PostgreSQL stopped after ${((Date.now() - faultStartedAt) / 1000).toFixed(1)} s; away for ${settings.outageSeconds} s`,
      );
      await new Promise((resolve) => setTimeout(resolve, settings.outageSeconds * 1000));
      context.database.current = await restartableDatabase(context.database.dataDir);
      const faultEndedAt = Date.now();
      console.log(`  PostgreSQL started again (down ${((faultEndedAt - faultStartedAt) / 1000).toFixed(1)} s)`);
      return { faultStartedAt, faultEndedAt };
    },
  },
  {
    name: 'service-sigkill',
    describe: `service killed with SIGKILL ${settings.faultAtSeconds} s in and started again at once`,
    async inject(context) {
      const faultStartedAt = Date.now();
      context.service.expectedDeath = true;
      context.service.current.child.kill('SIGKILL');
      await context.service.current.exited;
      context.service.current = await startBenchService(urlOf(context.database.current), 4);
      context.service.expectedDeath = false;
      watchDeaths(context);
      const faultEndedAt = Date.now();
      console.log(
        `  service killed and listening again after ${((faultEndedAt - faultStartedAt) / 1000).toFixed(1)} s`,
      );
      return { faultStartedAt, faultEndedAt };
    },
  },
];

const urlOf = (database: EmbeddedDatabase) => database.url;

/** The service's log lines at level error and above (pino: 50+), e.g. what was behind a 500; printed per scenario. */
const serviceErrors: string[] = [];

function captureErrors(service: ServiceProcess): void {
  readline.createInterface({ input: service.child.stdout! }).on('line', (line) => {
    if (!/"level":(5\d|60)/.test(line)) return;
    try {
      const entry = JSON.parse(line) as {
        msg?: string;
        err?: { type?: string; message?: string; code?: string; stack?: string };
        req?: { method?: string; url?: string };
      };
      serviceErrors.push(
        `${entry.msg}: ${entry.err?.type ?? ''} ${entry.err?.code ?? ''} ${entry.err?.message ?? ''} ${(entry.err?.stack ?? '').split('\n').slice(1, 6).join(' | ')}`,
      );
    } catch {
      serviceErrors.push(line.slice(0, 500));
    }
  });
}

function watchDeaths(context: ScenarioContext): void {
  const watched = context.service.current;
  captureErrors(watched);
  void watched.exited.then((code) => {
    if (context.service.expectedDeath || context.service.current !== watched) return;
    context.service.deaths += 1;
    console.log(`  !! the service exited by itself (code ${code}); restarting it`);
    void restartService(context);
  });
}

// Started again until it listens (it cannot while the database is away), as a supervisor (systemd, Kubernetes) would.
async function restartService(context: ScenarioContext): Promise<void> {
  for (;;) {
    try {
      context.service.current = await startBenchService(urlOf(context.database.current), 4);
      watchDeaths(context);
      return;
    } catch (error) {
      console.log(`  !! restart failed (${(error as Error).message}); trying again in 1 s`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

/** Sends one request until it is answered 2xx (or the deadline passes), as a sender that retries does. */
async function sendUntilAcknowledged(
  tally: Tally,
  id: string,
  request: () => { url: string; init: RequestInit },
  deadline: number,
  fault: { startedAt: number },
): Promise<void> {
  while (Date.now() < deadline) {
    tally.attempts += 1;
    const started = Date.now();
    let retryAfterMs = 500;
    try {
      const { url, init } = request();
      const response = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
      await response.arrayBuffer();
      const key = String(response.status);
      tally.statuses.set(key, (tally.statuses.get(key) ?? 0) + 1);
      if (response.status >= 200 && response.status < 300) {
        tally.acknowledged.add(id);
        tally.latencies.push(Date.now() - started);
        if (
          fault.startedAt &&
          started > fault.startedAt &&
          tally.firstSuccessAfterFault === null &&
          tally.lastFailureAt > fault.startedAt
        )
          tally.firstSuccessAfterFault = Date.now();
        return;
      }
      tally.lastFailureAt = Date.now();
      if (response.status === 503) {
        const retryAfter = response.headers.get('retry-after');
        if (retryAfter) tally.unavailableWithRetryAfter += 1;
        else tally.unavailableWithoutRetryAfter += 1;
        // A real client honours Retry-After; the bench caps it at 1 s to keep the run short.
        retryAfterMs = Math.min(1000, Number(retryAfter ?? 1) * 1000);
      }
    } catch (error) {
      const key = (error as Error).name === 'TimeoutError' ? 'timeout' : 'no connection';
      tally.statuses.set(key, (tally.statuses.get(key) ?? 0) + 1);
      tally.lastFailureAt = Date.now();
    }
    await new Promise((resolve) => setTimeout(resolve, retryAfterMs));
  }
}

async function createApiKey(databaseUrl: string): Promise<string> {
  const services = createServices(databaseUrl, {
    poolMax: 2,
    links: { key: Buffer.from(LINK_KEY_HEX, 'hex') },
    webhooks: { secretsKey: Buffer.from(SECRETS_KEY_HEX, 'hex') },
  });
  try {
    return (await services.apiKeys.create('bench-reliability', 'admin')).key;
  } finally {
    await services.close();
  }
}

interface Stored {
  cases: number;
  casesScreenedTwice: number;
  screeningsOfAcknowledged: number;
  deliveries: number;
  distinctDeliveryIds: number;
  pending: number;
  processed: number;
  dead: number;
  webhookCases: number;
  webhookScreenings: number;
}

async function storedCounts(
  databaseUrl: string,
  runId: string,
): Promise<{ stored: Stored; screeningIds: Set<string>; deliveryIds: Set<string> }> {
  const [row] = await query<Stored & Record<string, number>>(
    databaseUrl,
    `SELECT
       (SELECT count(*)::int FROM cases WHERE source = 'bench' AND external_id LIKE $1) AS cases,
       (SELECT count(*)::int FROM (SELECT s.case_id FROM screenings s JOIN cases c ON c.id = s.case_id
          WHERE c.external_id LIKE $1 AND s.requested_by NOT LIKE 'system:%' GROUP BY s.case_id HAVING count(*) > 1) twice) AS "casesScreenedTwice",
       (SELECT count(*)::int FROM screenings s JOIN cases c ON c.id = s.case_id WHERE c.source = 'bench' AND c.external_id LIKE $1 AND s.requested_by NOT LIKE 'system:%') AS "screeningsOfAcknowledged",
       (SELECT count(*)::int FROM webhook_deliveries WHERE delivery_id LIKE $1) AS deliveries,
       (SELECT count(DISTINCT delivery_id)::int FROM webhook_deliveries WHERE delivery_id LIKE $1) AS "distinctDeliveryIds",
       (SELECT count(*)::int FROM webhook_deliveries WHERE delivery_id LIKE $1 AND status IN ('queued', 'processing')) AS pending,
       (SELECT count(*)::int FROM webhook_deliveries WHERE delivery_id LIKE $1 AND status = 'processed') AS processed,
       (SELECT count(*)::int FROM webhook_deliveries WHERE delivery_id LIKE $1 AND status = 'dead') AS dead,
       (SELECT count(DISTINCT case_id)::int FROM webhook_deliveries WHERE delivery_id LIKE $1 AND case_id IS NOT NULL) AS "webhookCases",
       (SELECT count(*)::int FROM screenings s JOIN webhook_deliveries d ON d.case_id = s.case_id WHERE d.delivery_id LIKE $1 AND s.requested_by NOT LIKE 'system:%') AS "webhookScreenings"`,
    [`${runId}-%`],
  );
  const screeningIds = new Set(
    (
      await query<{ id: string }>(
        databaseUrl,
        `SELECT external_id AS id FROM cases WHERE source = 'bench' AND external_id LIKE $1`,
        [`${runId}-%`],
      )
    ).map((r) => r.id),
  );
  const deliveryIds = new Set(
    (
      await query<{ id: string }>(
        databaseUrl,
        `SELECT delivery_id AS id FROM webhook_deliveries WHERE delivery_id LIKE $1`,
        [`${runId}-%`],
      )
    ).map((r) => r.id),
  );
  return { stored: row!, screeningIds, deliveryIds };
}

function countBy(items: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return counts;
}

function statusLine(tally: Tally): string {
  return [...tally.statuses]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, n]) => `${status}: ${n}`)
    .join(', ');
}

// Each scenario's applicants and Greenhouse candidates get numbers of their own: the same number is the same person
// (and the same Greenhouse application), which would link or rescreen across scenarios.
const NUMBERS_PER_SCENARIO = 1_000_000;

async function runScenario(
  fault: Fault,
  context: ScenarioContext,
  apiKey: string,
  scenarioIndex: number,
): Promise<boolean> {
  const runId = `${fault.name}-${newRunId()}`;
  console.log(
    `\n--- ${fault.name}: ${fault.describe}; ${settings.rate}/s screenings + ${settings.rate}/s webhooks for ${settings.seconds} s ---`,
  );
  const screenings = newTally('screening');
  const webhooks = newTally('webhook');
  const started = Date.now();
  const sendUntil = started + settings.seconds * 1000;
  // Senders keep re-sending for a while after the steady phase, so everything sent gets its chance to be acknowledged.
  const deadline = sendUntil + 60_000;
  const faultWindow = { startedAt: 0 };
  const inFlight: Promise<void>[] = [];
  let faultResult: Promise<{ faultStartedAt: number; faultEndedAt: number }> | null = null;
  let n = 0;
  const intervalMs = 1000 / settings.rate;
  while (Date.now() < sendUntil) {
    const next = started + n * intervalMs;
    if (next > Date.now()) await new Promise((resolve) => setTimeout(resolve, next - Date.now()));
    const number = scenarioIndex * NUMBERS_PER_SCENARIO + n;
    const externalId = `${runId}-${number}`;
    const body = withExternalId(applicantBody(number), externalId).replace('"source":"api"', '"source":"bench"');
    inFlight.push(
      sendUntilAcknowledged(
        screenings,
        externalId,
        () => ({
          url: `${context.baseUrl()}/api/v1/screenings`,
          init: {
            method: 'POST',
            body,
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${apiKey}`,
              'idempotency-key': externalId,
            },
          },
        }),
        deadline,
        faultWindow,
      ),
    );
    const delivery = greenhouseDelivery(number, runId);
    inFlight.push(
      sendUntilAcknowledged(
        webhooks,
        delivery.eventId,
        () => ({
          url: `${context.baseUrl()}/webhooks/greenhouse`,
          init: { method: 'POST', body: delivery.body, headers: delivery.headers },
        }),
        deadline,
        faultWindow,
      ),
    );
    if (!faultResult && Date.now() - started >= settings.faultAtSeconds * 1000) {
      faultWindow.startedAt = Date.now();
      faultResult = fault.inject(context);
    }
    n += 1;
  }
  const window = await faultResult!;
  await Promise.all(inFlight);
  const sentIn = (Date.now() - started) / 1000;

  // The worker finishes the queue; then acknowledged is counted against stored.
  let counted = await storedCounts(context.database.current.url, runId);
  const drainUntil = Date.now() + settings.drainSeconds * 1000;
  while (counted.stored.pending > 0 && Date.now() < drainUntil) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    counted = await storedCounts(context.database.current.url, runId);
  }
  const drainedIn = (Date.now() - started) / 1000;
  const { stored } = counted;
  const lostScreenings = [...screenings.acknowledged].filter((id) => !counted.screeningIds.has(id));
  const lostDeliveries = [...webhooks.acknowledged].filter((id) => !counted.deliveryIds.has(id));
  const serverErrors = (tally: Tally) =>
    [...tally.statuses]
      .filter(([status]) => /^5\d\d$/.test(status) && status !== '503')
      .reduce((sum, [, count]) => sum + count, 0);
  const recovery = (tally: Tally) =>
    tally.firstSuccessAfterFault
      ? `${((tally.firstSuccessAfterFault - window.faultEndedAt) / 1000).toFixed(1)} s after the fault ended`
      : 'no failure seen';
  const sorted = (tally: Tally) => [...tally.latencies].sort((a, b) => a - b);

  console.log(
    `requests: ${n} screenings and ${n} webhook deliveries issued in ${settings.seconds} s; all settled after ${sentIn.toFixed(1)} s; fault lasted ${((window.faultEndedAt - window.faultStartedAt) / 1000).toFixed(1)} s`,
  );
  for (const tally of [screenings, webhooks]) {
    const latencies = sorted(tally);
    console.log(
      `${tally.kind}s: ${tally.attempts} attempts for ${n} requests; answers ${statusLine(tally)}; 503 with Retry-After ${tally.unavailableWithRetryAfter}, without ${tally.unavailableWithoutRetryAfter}; ` +
        `2xx latency p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms; first 2xx after a failure: ${recovery(tally)}`,
    );
  }
  console.log(
    `screenings: acknowledged ${screenings.acknowledged.size} of ${n}; cases stored ${stored.cases}; screenings stored ${stored.screeningsOfAcknowledged}; lost ${lostScreenings.length}; cases screened twice ${stored.casesScreenedTwice}`,
  );
  console.log(
    `webhooks: acknowledged ${webhooks.acknowledged.size} of ${n}; deliveries stored ${stored.deliveries} (distinct ids ${stored.distinctDeliveryIds}); lost ${lostDeliveries.length}; ` +
      `processed ${stored.processed}, dead ${stored.dead}, pending ${stored.pending} (queue ${stored.pending === 0 ? 'drained' : 'NOT drained'} ${drainedIn.toFixed(1)} s after the start); cases ${stored.webhookCases}, their screenings ${stored.webhookScreenings}`,
  );
  if (stored.pending > 0) {
    // What keeps the queue from draining: the delivery and its graphile-worker job (who holds it, since when).
    const stuck = await query<Record<string, unknown>>(
      context.database.current.url,
      `SELECT d.delivery_id, d.status::text, d.attempts, d.last_error, j.attempts AS job_attempts, j.locked_by, j.locked_at, j.run_at, j.last_error AS job_error
       FROM webhook_deliveries d LEFT JOIN graphile_worker._private_jobs j ON j.payload->>'deliveryId' = d.id::text
       WHERE d.delivery_id LIKE $1 AND d.status IN ('queued', 'processing')`,
      [`${runId}-%`],
    );
    for (const row of stuck) console.log(`  not finished: ${JSON.stringify(row)}`);
  }
  console.log(`service exits not caused by the bench: ${context.service.deaths}`);
  for (const [message, count] of countBy(serviceErrors.splice(0)))
    console.log(`  service logged ${count}× at error level: ${message.slice(0, 600)}`);
  const isWhole =
    screenings.acknowledged.size === n &&
    webhooks.acknowledged.size === n &&
    lostScreenings.length === 0 &&
    lostDeliveries.length === 0 &&
    stored.cases === n &&
    stored.screeningsOfAcknowledged === n &&
    stored.casesScreenedTwice === 0 &&
    stored.deliveries === n &&
    stored.distinctDeliveryIds === n &&
    stored.processed === n &&
    stored.webhookCases === n &&
    stored.webhookScreenings === n &&
    serverErrors(screenings) === 0 &&
    serverErrors(webhooks) === 0 &&
    screenings.unavailableWithoutRetryAfter + webhooks.unavailableWithoutRetryAfter === 0 &&
    context.service.deaths === 0;
  console.log(
    isWhole
      ? 'RESULT: nothing lost, nothing doubled, no 5xx but 503 (with Retry-After), no crash'
      : 'RESULT: FAILED (see the counts above)',
  );
  return isWhole;
}

async function main(): Promise<void> {
  teardownOnSignals();
  try {
    // A data folder the postgres user can reach when this runs as root (src/db/embedded-postgres.ts).
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hfrc-reliability-'));
    fs.chmodSync(dataDir, 0o755);
    teardownSteps.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
    const database = { current: await restartableDatabase(dataDir), dataDir };
    teardownSteps.push(() => database.current.stop());
    console.log(`embedded PostgreSQL on 127.0.0.1:${settings.port}, data in ${dataDir}`);
    await migrateDatabase(database.current.url, logger);
    await createGreenhouseSource(database.current.url);
    const apiKey = await createApiKey(database.current.url);
    const context: ScenarioContext = {
      database,
      service: { current: await startBenchService(database.current.url, 4), deaths: 0, expectedDeath: false },
      baseUrl: () => `http://127.0.0.1:${context.service.current.port}`,
    };
    teardownSteps.push(async () => {
      context.service.expectedDeath = true;
      await stopService(context.service.current);
    });
    watchDeaths(context);
    const [version] = await query<{ server_version: string }>(database.current.url, 'SHOW server_version');
    console.log(
      `machine: ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}; Node ${process.version}; PostgreSQL ${version!.server_version}`,
    );

    const only = process.env.RELIABILITY_SCENARIO;
    let isWhole = true;
    const scenarios = faults
      .filter((fault) => !only || fault.name === only)
      .flatMap((fault) => Array<Fault>(settings.repeats).fill(fault));
    for (const [index, fault] of scenarios.entries()) {
      isWhole = (await runScenario(fault, context, apiKey, index)) && isWhole;
    }
    console.log(
      `\nload average at the end: ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    if (!isWhole) process.exitCode = 1;
  } finally {
    await teardown();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
