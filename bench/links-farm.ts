// Laptop farms at real size (issue 16), on fresh databases: (1) what a screening that joins a farm of 1 to 1,000
// members costs, against an unlinked one; (2) screenings stored per case once a 1,000-member farm has formed with the
// worker running; (3) how long after a newcomer's commit every member of a farm has been rescored with it, at 50
// screenings/s; (4) throughput of the real app at 20 connections when 30% of applicants join one of five farms,
// against the same load without farms. Prints numbers, asserts none.
import autocannon from 'autocannon';
import { parseApplicant } from '../src/applicants/parse-applicant';
import type { Applicant } from '../src/applicants/applicant-schema';
import { createLogger } from '../src/logger';
import { createServices, type Services } from '../src/services';
import { startWebhookProcessing } from '../src/webhooks/start-processing';
import type { WebhookWorker } from '../src/webhooks/worker';
import { applicantBody, withExternalId } from './applicant-bodies';
import { createBenchDatabase, query, teardownSteps } from './bench-support';
import { startServer } from './server-process';

const FARM_SIZES = [1, 10, 50, 200, 1_000];
const PROBES = 40;
const PROPAGATION_FARM = 200;
const PROPAGATION_RATE = 50;
const PROPAGATION_SECONDS = 10;
const LOAD_FARMS = 5;
const LOAD_FARM_SHARE = 0.3;

let numbers = 5_000_000;

/** A new, unlinked applicant (its own home, account, e-mail, phone, device and IP); `farm` sends its laptop there. */
function person(farm: string | null): Record<string, unknown> {
  const n = numbers++;
  const body = JSON.parse(withExternalId(applicantBody(n), `farm-bench-${n}`)) as Record<string, any>;
  const name = body.person.legalName as string;
  body.shipping = farm
    ? {
        address: { line1: farm, city: 'Litchfield Park', region: 'AZ', postalCode: '85340', country: 'US' },
        recipientName: name,
      }
    : null;
  body.payment = {
    method: 'bank_transfer',
    accountHolderName: name,
    bankCountry: body.residentialAddress.country,
    accountNumber: `B${n}`,
    payeeType: 'individual',
  };
  return body;
}

const applicantOf = (body: Record<string, unknown>): Applicant => parseApplicant(body);
const screen = (services: Services, body: Record<string, unknown>) =>
  services.screening.screen(applicantOf(body), { actor: 'bench', mayAppendToAnyCase: true });

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

async function drainLinkJobs(databaseUrl: string, timeoutMs = 600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const [row] = await query<{ n: number }>(
      databaseUrl,
      `SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = 'links_rescore'`,
    );
    if (row!.n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('link jobs did not drain');
}

function openServices(databaseUrl: string): Services {
  const services = createServices(databaseUrl, { poolMax: 10, links: { key: Buffer.alloc(32, 7) } });
  teardownSteps.push(() => services.close());
  return services;
}

async function startWorker(services: Services, databaseUrl: string): Promise<WebhookWorker> {
  const worker = await startWebhookProcessing(services, databaseUrl, createLogger('silent'), 4, 500);
  teardownSteps.push(() => worker.stop());
  return worker;
}

/** (1) A screening's own work (lookup, scoring, the write with its queued job; no worker runs) by farm size. */
async function measureJoinCost(adminUrl: string): Promise<{ size: number; joinMs: number; unlinkedMs: number }[]> {
  const databaseUrl = await createBenchDatabase(adminUrl, 'hfrc_bench_farm');
  const services = openServices(databaseUrl);
  for (let warm = 0; warm < 50; warm++) await screen(services, person(null));
  const rows = [];
  let built = 0;
  const farm = 'Farm Lane 1';
  for (const size of FARM_SIZES) {
    for (; built < size; built++) await screen(services, person(farm));
    const join: number[] = [];
    const alone: number[] = [];
    // Interleaved, so that a passing disturbance falls on both; each newcomer joins the farm (it grows by PROBES).
    for (let probe = 0; probe < PROBES; probe++) {
      join.push(await timed(() => screen(services, person(farm))));
      alone.push(await timed(() => screen(services, person(null))));
    }
    built += PROBES;
    rows.push({ size, joinMs: percentile(join, 50), unlinkedMs: percentile(alone, 50) });
    console.log(
      `  farm of ${size}: joining ${percentile(join, 50).toFixed(2)} ms, unlinked ${percentile(alone, 50).toFixed(2)} ms (medians of ${PROBES})`,
    );
  }
  return rows;
}

/** (2) A 1,000-member farm formed one screening after another while the worker runs; screenings per member after. */
async function measureHistory(
  adminUrl: string,
): Promise<{ members: number; perCase: number; max: number; seconds: number }> {
  const databaseUrl = await createBenchDatabase(adminUrl, 'hfrc_bench_farm');
  const services = openServices(databaseUrl);
  await startWorker(services, databaseUrl);
  const started = performance.now();
  for (let n = 0; n < 1_000; n++) await screen(services, person('Farm Lane 2'));
  await drainLinkJobs(databaseUrl);
  const [row] = await query<{ cases: number; screenings: number; max: number }>(
    databaseUrl,
    `SELECT count(*)::int AS cases, sum(n)::int AS screenings, max(n)::int AS max FROM (SELECT case_id, count(*) AS n FROM screenings GROUP BY case_id) per_case`,
  );
  return {
    members: row!.cases,
    perCase: row!.screenings / row!.cases,
    max: row!.max,
    seconds: (performance.now() - started) / 1000,
  };
}

/** (3) Newcomers join a farm at 50/s; for each, the time from its commit until a rescoring run that began after it ends. */
async function measurePropagation(
  adminUrl: string,
): Promise<{ p50: number; p99: number; runs: number; newcomers: number }> {
  const databaseUrl = await createBenchDatabase(adminUrl, 'hfrc_bench_farm');
  const services = openServices(databaseUrl);
  for (let n = 0; n < PROPAGATION_FARM; n++) await screen(services, person('Farm Lane 3'));
  const runs: { start: number; end: number }[] = [];
  const propagate = services.links.propagate.bind(services.links);
  // The bench watches each run of the job (the worker calls services.links.propagate).
  services.links.propagate = async (payload) => {
    const start = performance.now();
    const outcome = await propagate(payload);
    runs.push({ start, end: performance.now() });
    return outcome;
  };
  await startWorker(services, databaseUrl);
  await drainLinkJobs(databaseUrl);
  runs.length = 0;
  const commits: number[] = [];
  const sends: Promise<void>[] = [];
  for (let n = 0; n < PROPAGATION_RATE * PROPAGATION_SECONDS; n++) {
    const body = person('Farm Lane 3');
    sends.push(screen(services, body).then(() => void commits.push(performance.now())));
    await new Promise((resolve) => setTimeout(resolve, 1000 / PROPAGATION_RATE));
  }
  await Promise.all(sends);
  await drainLinkJobs(databaseUrl);
  const latencies = commits
    .map((committed) => {
      const run = runs.filter((r) => r.start >= committed).sort((a, b) => a.start - b.start)[0];
      return run ? run.end - committed : Number.NaN;
    })
    .filter((ms) => !Number.isNaN(ms));
  return {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    runs: runs.length,
    newcomers: commits.length,
  };
}

/**
 * (4) The real app (bench/serve-app.ts with its workers) under autocannon, two servers on two databases: one where 30%
 * of new applicants join one of five farms, one without farms. Their runs alternate (three rounds), so that the other
 * work on the machine falls on both alike; the medians are compared.
 */
async function measureThroughput(
  adminUrl: string,
  seconds: number,
): Promise<{ withFarms: number; withoutFarms: number }> {
  const servers = [];
  for (const farmShare of [LOAD_FARM_SHARE, 0]) {
    const databaseUrl = await createBenchDatabase(adminUrl, 'hfrc_bench_farm');
    const server = await startServer('serve-app.ts', {
      ...process.env,
      BENCH_DATABASE_URL: databaseUrl,
      BENCH_WORKER: '1',
    });
    teardownSteps.push(server.stop);
    let n = 0;
    const body = () =>
      JSON.stringify(person(Math.random() < farmShare ? `Farm Lane ${10 + (n++ % LOAD_FARMS)}` : null));
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${server.apiKey}` };
    const request: autocannon.Request = {
      method: 'POST',
      path: '/api/v1/screenings',
      headers,
      setupRequest: (req) => ({ ...req, body: body() }),
    };
    const run = (duration: number) =>
      new Promise<autocannon.Result>((resolve, reject) =>
        autocannon({ url: server.url, connections: 20, duration, requests: [request] }, (error, result) =>
          error ? reject(error) : resolve(result),
        ),
      );
    await run(3);
    servers.push({ run, rates: [] as number[] });
  }
  for (let round = 0; round < 3; round++) {
    for (const server of servers) {
      const result = await server.run(seconds);
      if (result.non2xx > 0) console.log(`  (${result.non2xx} answers were not 2xx)`);
      server.rates.push(result.requests.average);
    }
    console.log(
      `  round ${round + 1}: ${servers.map((server) => server.rates.at(-1)!.toFixed(0)).join(' req/s with farms, ')} req/s without`,
    );
  }
  return { withFarms: percentile(servers[0]!.rates, 50), withoutFarms: percentile(servers[1]!.rates, 50) };
}

export async function measureFarms(adminUrl: string, loadSeconds: number): Promise<void> {
  console.log('(1) cost of a screening joining a farm (in-process ScreeningService, no worker running)');
  const join = await measureJoinCost(adminUrl);
  console.log('(2) a 1,000-member farm forming with the worker running');
  const history = await measureHistory(adminUrl);
  console.log(
    `(3) newcomers joining a ${PROPAGATION_FARM}-member farm at ${PROPAGATION_RATE}/s for ${PROPAGATION_SECONDS} s`,
  );
  const propagation = await measurePropagation(adminUrl);
  console.log(`(4) throughput at 20 connections, runs of ${loadSeconds} s alternating`);
  const { withFarms, withoutFarms } = await measureThroughput(adminUrl, loadSeconds);

  console.log('\n=== Laptop farms at real size ===');
  console.log('(1) screening joining a farm (median ms) | unlinked (median ms) | ratio');
  for (const row of join)
    console.log(
      `  ${String(row.size).padStart(5)} members: ${row.joinMs.toFixed(2).padStart(7)} | ${row.unlinkedMs.toFixed(2).padStart(7)} | ${(row.joinMs / row.unlinkedMs).toFixed(2)}x`,
    );
  console.log(
    `(2) after a 1,000-member farm formed (${history.seconds.toFixed(1)} s incl. draining): ${history.perCase.toFixed(2)} screenings per case on average, at most ${history.max} (${history.members} cases)`,
  );
  console.log(
    `(3) commit -> every member rescored with it: p50 ${propagation.p50.toFixed(0)} ms, p99 ${propagation.p99.toFixed(0)} ms (${propagation.newcomers} newcomers, ${propagation.runs} coalesced runs)`,
  );
  console.log(
    `(4) throughput (median of three alternating runs): ${withFarms.toFixed(0)} req/s with 30% joining one of five farms, ${withoutFarms.toFixed(0)} req/s without: ${(withFarms / withoutFarms).toFixed(2)}x`,
  );
  const worst = join.at(-1)!;
  console.log(
    'Targets (informational): ' +
      [
        `join 1,000 <= 2x: ${(worst.joinMs / worst.unlinkedMs).toFixed(2)}x`,
        `<= 3 screenings per case: ${history.perCase.toFixed(2)} (max ${history.max})`,
        `p99 <= 2 s: ${(propagation.p99 / 1000).toFixed(2)} s`,
        `>= 0.8x: ${(withFarms / withoutFarms).toFixed(2)}x`,
      ].join('; '),
  );
}
