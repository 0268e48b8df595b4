// Benchmarks cross-applicant links on a big table: seeds a million cases with COPY, then measures the link lookup,
// the cluster of a 50-case cluster, the screening endpoint and GET /api/v1/clusters; prints numbers, asserts none.
import crypto from 'node:crypto';
import os from 'node:os';
import autocannon from 'autocannon';
import pg from 'pg';
import { createDatabaseClients, type Queryable } from '../src/db/prisma-client';
import type { Fingerprint } from '../src/links/fingerprint-keys';
import { LinkViews } from '../src/links/link-views';
import { findLinksAndDispositions } from '../src/links/link-lookup-store';
import { clusterOf, LinkStore, sharedIdentifierGroups, sharedKindsWithin } from '../src/links/link-store';
import type { IdentifierKind, IdentifierValue } from '../src/links/normalise-identifiers';
import { applicantBodies, screeningFeed, withExternalId } from './applicant-bodies';
import {
  boundedInteger,
  createBenchDatabase,
  query,
  teardown,
  teardownOnSignals,
  teardownSteps,
} from './bench-support';
import {
  CLUSTER_SIZE,
  dropIndexes,
  loadTables,
  makePlan,
  rebuildIndexes,
  SEED_SOURCE,
  valuesOfCase,
  type RebuildStep,
  type SeedPlan,
  type TableLoad,
} from './links-seed';
import { measureFarms } from './links-farm';
import { POOL_MAX, startServer } from './server-process';

const TABLES = ['cases', 'screenings', 'case_events', 'identifiers'];
const SCREENINGS_PATH = '/api/v1/screenings';
const WARM_UP_SECONDS = 3;
const CHECKED_BODIES = 20;
const REUSE_SHARE = 0.2;
const LOOKUP_WARM_UP = 300;
const MAINTENANCE_WORK_MEM = '512MB';
const TARGET = { lookupP99Ms: 10, clusterP99Ms: 100, requestsPerSecond: 1000 };

interface Settings {
  adminUrl: string;
  cases: number;
  keepIndexes: boolean;
  lookups: number;
  clusterIterations: number;
  durationSeconds: number;
  connections: number;
}

interface Latencies {
  label: string;
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Average rows (or members) the query answered. */
  rows: number;
}

interface Seeding {
  planMs: number;
  loads: TableLoad[];
  rebuild: RebuildStep[];
  analyzeMs: number;
  vacuumMs: number;
  checkpointMs: number;
}

function readSettings(): Settings {
  return {
    adminUrl: process.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres',
    cases: boundedInteger('BENCH_CASES', 1_000_000, 1_000, 5_000_000),
    keepIndexes: process.env.BENCH_KEEP_INDEXES === '1',
    lookups: boundedInteger('BENCH_LOOKUPS', 5_000, 100, 1_000_000),
    clusterIterations: boundedInteger('BENCH_CLUSTER_ITERATIONS', 300, 10, 100_000),
    durationSeconds: boundedInteger('BENCH_DURATION', 15, 1, 600),
    connections: boundedInteger('BENCH_CONNECTIONS', 20, 1, 1000),
  };
}

async function connect(databaseUrl: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl });
  // DROP DATABASE ... WITH (FORCE) ends this connection on Ctrl-C: that must not crash the teardown.
  client.on('error', () => undefined);
  await client.connect();
  teardownSteps.push(() => client.end());
  return client;
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);
const perSecond = (rows: number, ms: number) => Math.round(rows / (ms / 1000)).toLocaleString('en-US');
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const passOrMiss = (isMet: boolean) => (isMet ? 'PASS' : 'MISS');
const loadAverage = () =>
  os
    .loadavg()
    .map((load) => load.toFixed(2))
    .join(' ');

async function seed(client: pg.Client, settings: Settings): Promise<{ plan: SeedPlan; seeding: Seeding }> {
  let started = performance.now();
  const plan = makePlan(settings.cases);
  const planMs = performance.now() - started;
  console.log(
    `seeding ${settings.cases.toLocaleString('en-US')} cases (${plan.farms.length} farms, one ${CLUSTER_SIZE}-case cluster); indexes ${settings.keepIndexes ? 'kept in place' : 'dropped, rebuilt after the load'}`,
  );
  await client.query(`SET maintenance_work_mem = '${MAINTENANCE_WORK_MEM}'`);
  const saved = settings.keepIndexes ? null : await dropIndexes(client, TABLES);
  // A seed is not a screening: the link trigger on identifiers (which fires for COPY too) stays out of it, and the
  // shared values are backfilled below as a migration would.
  await client.query(`SET session_replication_role = replica`);
  const loads = await loadTables(client, plan);
  await client.query(`SET session_replication_role = DEFAULT`);
  for (const load of loads)
    console.log(
      `  COPY ${load.table.padEnd(12)} ${load.rows.toLocaleString('en-US').padStart(11)} rows in ${seconds(load.ms).padStart(6)} s = ${perSecond(load.rows, load.ms).padStart(9)} rows/s`,
    );
  const rebuild = saved ? await rebuildIndexes(client, saved) : [];
  for (const step of rebuild)
    console.log(`  ${step.what.padEnd(11)} ${step.name.padEnd(40)} ${seconds(step.ms).padStart(6)} s`);
  // Screenings record the values they find shared as they link; COPY bypasses that, so do what the migration does.
  started = performance.now();
  const shared = await client.query(
    `INSERT INTO shared_identifiers (kind, hash) SELECT kind, hash FROM identifiers GROUP BY kind, hash HAVING count(DISTINCT case_id) > 1 ON CONFLICT DO NOTHING`,
  );
  console.log(
    `  shared_identifiers: ${shared.rowCount} shared values recorded in ${seconds(performance.now() - started)} s (the one-off backfill a migration does)`,
  );
  started = performance.now();
  await client.query(`ANALYZE ${TABLES.join(', ')}, shared_identifiers`);
  const analyzeMs = performance.now() - started;
  // Autovacuum does this to an insert-only table in production; it sets the visibility map that index-only scans read.
  started = performance.now();
  await client.query(`VACUUM ${TABLES.join(', ')}`);
  const vacuumMs = performance.now() - started;
  // The load's dirty pages are written now, not by a checkpoint in the middle of the measurements.
  started = performance.now();
  await client.query('CHECKPOINT');
  const checkpointMs = performance.now() - started;
  console.log(
    `  ANALYZE ${seconds(analyzeMs)} s, VACUUM ${seconds(vacuumMs)} s, CHECKPOINT ${seconds(checkpointMs)} s`,
  );
  return { plan, seeding: { planMs, loads, rebuild, analyzeMs, vacuumMs, checkpointMs } };
}

function printSeeding(settings: Settings, seeding: Seeding): void {
  const rows = seeding.loads.reduce((sum, load) => sum + load.rows, 0);
  const copyMs = seeding.loads.reduce((sum, load) => sum + load.ms, 0);
  const rebuildMs = seeding.rebuild.reduce((sum, step) => sum + step.ms, 0);
  const identifierLoad = seeding.loads.find((load) => load.table === 'identifiers')!;
  const identifierRebuild = seeding.rebuild.filter((step) => step.table === 'identifiers');
  console.log(
    "\n--- Seeding (COPY FROM STDIN via pg-copy-streams; fingerprints by the repo's Fingerprinter, HMAC-SHA-256/128, fixed bench key) ---",
  );
  console.log(`ids and plan: ${seconds(seeding.planMs)} s`);
  console.log(['table'.padEnd(14), 'rows'.padStart(12), 'COPY s'.padStart(9), 'rows/s'.padStart(11)].join(''));
  for (const load of seeding.loads) {
    console.log(
      [
        load.table.padEnd(14),
        load.rows.toLocaleString('en-US').padStart(12),
        seconds(load.ms).padStart(9),
        perSecond(load.rows, load.ms).padStart(11),
      ].join(''),
    );
  }
  console.log(
    `all COPYs: ${rows.toLocaleString('en-US')} rows in ${seconds(copyMs)} s = ${perSecond(rows, copyMs)} rows/s (${(identifierLoad.rows / settings.cases).toFixed(1)} identifiers per case; generation and hashing in Node overlap the COPY)`,
  );
  if (settings.keepIndexes) {
    console.log('indexes, primary keys and foreign keys were in place during the COPY (BENCH_KEEP_INDEXES=1)');
  } else {
    console.log(
      `index, primary key and foreign key rebuild: ${seconds(rebuildMs)} s in all (maintenance_work_mem ${MAINTENANCE_WORK_MEM} for this session); identifiers: ${identifierRebuild.map((step) => `${step.name} ${seconds(step.ms)} s`).join(', ')}`,
    );
  }
  const total = seeding.planMs + copyMs + rebuildMs + seeding.analyzeMs + seeding.vacuumMs + seeding.checkpointMs;
  console.log(
    `ANALYZE ${seconds(seeding.analyzeMs)} s, VACUUM ${seconds(seeding.vacuumMs)} s, CHECKPOINT ${seconds(seeding.checkpointMs)} s; seeding in all: ${seconds(total)} s = ${perSecond(rows, total)} rows/s end to end`,
  );
}

async function printSizes(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ name: string; kind: string; total: string; rows: string }>(
    `SELECT c.relname AS name, CASE c.relkind WHEN 'i' THEN 'index' ELSE 'table' END AS kind,
            pg_total_relation_size(c.oid)::text AS total, c.reltuples::bigint::text AS rows
     FROM pg_class c
     WHERE c.relname = ANY($1::text[]) OR c.oid IN (SELECT indexrelid FROM pg_index WHERE indrelid = ANY($1::regclass[]))
     ORDER BY CASE c.relkind WHEN 'i' THEN 1 ELSE 0 END, pg_total_relation_size(c.oid) DESC`,
    [TABLES],
  );
  const [database] = (await client.query<{ size: string }>(`SELECT pg_database_size(current_database())::text AS size`))
    .rows;
  console.log('\n--- Sizes (pg_total_relation_size: a table with its indexes and TOAST; an index alone) ---');
  for (const row of rows)
    console.log(
      `${row.kind.padEnd(6)} ${row.name.padEnd(44)} ${mib(Number(row.total)).padStart(10)}${row.kind === 'table' ? `  (~${Number(row.rows).toLocaleString('en-US')} rows)` : ''}`,
    );
  console.log(`database in all: ${mib(Number(database!.size))}`);
}

function percentile(sorted: number[], share: number): number {
  return sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)]!;
}

function summarise(label: string, times: number[], rows: number[]): Latencies {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    label,
    count: times.length,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    max: sorted.at(-1)!,
    rows: rows.reduce((sum, n) => sum + n, 0) / rows.length,
  };
}

function printLatencies(title: string, rowsLabel: string, results: Latencies[]): void {
  console.log(`\n--- ${title} ---`);
  console.log(
    [
      'query'.padEnd(48),
      'n'.padStart(7),
      'p50 ms'.padStart(9),
      'p95 ms'.padStart(9),
      'p99 ms'.padStart(9),
      'max ms'.padStart(9),
      rowsLabel.padStart(12),
    ].join(''),
  );
  for (const r of results) {
    console.log(
      [
        r.label.padEnd(48),
        String(r.count).padStart(7),
        r.p50.toFixed(2).padStart(9),
        r.p95.toFixed(2).padStart(9),
        r.p99.toFixed(2).padStart(9),
        r.max.toFixed(2).padStart(9),
        r.rows.toFixed(1).padStart(12),
      ].join(''),
    );
  }
}

/** Values no seeded case has (random), in the shape of one applicant's identifiers. */
function newValues(kinds: IdentifierKind[]): IdentifierValue[] {
  return kinds.map((kind) => ({ kind, value: `new-${kind}-${crypto.randomBytes(12).toString('hex')}` }));
}

const NEW_APPLICANT_KINDS: IdentifierKind[] = [
  'email',
  'phone',
  'residential_address',
  'shipping_address',
  'payout_account',
  'ip',
  'ip',
  'device',
  'resume_band',
  'resume_band',
];
const FARM_HIT_KINDS: IdentifierKind[] = [
  'email',
  'phone',
  'residential_address',
  'ip',
  'device',
  'resume_band',
  'resume_band',
  'resume_band',
];

interface LookupMix {
  label: string;
  /** Fingerprints and the externalId the applicant is sent under, for iteration `n`. */
  make(n: number): { fingerprints: Fingerprint[]; externalId: string };
}

function lookupMixes(plan: SeedPlan): LookupMix[] {
  const fingerprint = (values: IdentifierValue[]) => values.map((value) => plan.fingerprinter.fingerprint(value));
  const randomIndex = (length: number) => crypto.randomInt(length);
  const clusterValues = (j: number) =>
    valuesOfCase(plan, plan.cluster[j]!).filter((value) =>
      ['shipping_address', 'wallet', 'resume_band'].includes(value.kind),
    );
  return [
    {
      label: 'new applicant, 10 new values (no match)',
      make: (n) => ({ fingerprints: fingerprint(newValues(NEW_APPLICANT_KINDS)), externalId: `new-${n}` }),
    },
    {
      label: "new applicant, 8 new + a farm's shared value(s)",
      make: (n) => ({
        fingerprints: fingerprint([
          ...newValues(FARM_HIT_KINDS),
          ...plan.farms[randomIndex(plan.farms.length)]!.shared,
        ]),
        externalId: `new-${n}`,
      }),
    },
    {
      label: 'new applicant, 5 new + 50-case cluster values',
      // A group's shipping address, and the template resume's bands (all 50); the hub's wallet when j is a group head.
      make: (n) => ({
        fingerprints: fingerprint([
          ...newValues(NEW_APPLICANT_KINDS.slice(0, 5)),
          ...clusterValues(randomIndex(CLUSTER_SIZE)),
        ]),
        externalId: `new-${n}`,
      }),
    },
    {
      label: 're-screen of a seeded case (its own ~10 values)',
      make: () => {
        const i = randomIndex(plan.caseCount);
        return { fingerprints: fingerprint(valuesOfCase(plan, i)), externalId: `seed-${i}` };
      },
    },
  ];
}

/** (a) findLinksAndDispositions, exactly as LinkService.linkContext calls it, one query at a time on one connection. */
async function measureLookups(client: pg.Client, plan: SeedPlan, iterations: number): Promise<Latencies[]> {
  const mixes = lookupMixes(plan);
  // Fingerprints are computed beforehand (the HMACs are not the query's time); the mixes take turns, so that a
  // passing disturbance (a checkpoint, another process) falls on all of them alike.
  const inputs = mixes.map((mix) => Array.from({ length: iterations + LOOKUP_WARM_UP }, (_, n) => mix.make(n)));
  const times = mixes.map((): number[] => []);
  const rows = mixes.map((): number[] => []);
  for (let n = 0; n < iterations + LOOKUP_WARM_UP; n++) {
    for (const [m, mixInputs] of inputs.entries()) {
      const input = mixInputs[n]!;
      const started = performance.now();
      const { groups } = await findLinksAndDispositions(client, {
        fingerprints: input.fingerprints,
        ownNames: [],
        source: SEED_SOURCE,
        externalId: input.externalId,
      });
      const found = Object.values(groups).flatMap((group) => group.sample);
      if (n < LOOKUP_WARM_UP) continue;
      times[m]!.push(performance.now() - started);
      rows[m]!.push(found.length);
    }
  }
  return [
    ...mixes.map((mix, m) => summarise(mix.label, times[m]!, rows[m]!)),
    summarise('all of the above', times.flat(), rows.flat()),
  ];
}

/** (b) The cluster of a case: the repository's two queries, and LinkViews.clusterOfCase (adds the read of the members' bands and scores). */
async function measureClusters(
  client: pg.Client,
  linkViews: LinkViews,
  plan: SeedPlan,
  iterations: number,
): Promise<{ results: Latencies[]; found: number }> {
  const clusterIds = plan.cluster.map((i) => plan.caseIds[i]!);
  const farmIds = plan.farms.map((farm) => plan.caseIds[farm.members[0]!]!);
  const time = async (label: string, ids: string[], run: (id: string) => Promise<number>): Promise<Latencies> => {
    for (let n = 0; n < Math.min(50, iterations); n++) await run(ids[crypto.randomInt(ids.length)]!);
    const times: number[] = [];
    const sizes: number[] = [];
    for (let n = 0; n < iterations; n++) {
      const id = ids[crypto.randomInt(ids.length)]!;
      const started = performance.now();
      sizes.push(await run(id));
      times.push(performance.now() - started);
    }
    return summarise(label, times, sizes);
  };
  const repository = async (id: string) => {
    const members = await clusterOf(client, id);
    if (members.length > 1) await sharedKindsWithin(client, members);
    return members.length;
  };
  const endpoint = async (id: string) => (await linkViews.clusterOfCase(id)).size;
  const results = [
    await time(`50-case cluster: clusterOf + sharedKindsWithin`, clusterIds, repository),
    await time(`50-case cluster: LinkViews.clusterOfCase`, clusterIds, endpoint),
    await time(`farm of 3-10: LinkViews.clusterOfCase`, farmIds, endpoint),
  ];
  return { results, found: (await clusterOf(client, clusterIds[0]!)).length };
}

/** A Queryable that runs EXPLAIN (options) of whatever the repository sends, and answers with no rows. */
function explaining(client: pg.Client, options: string, plans: string[]): Queryable {
  return {
    // Named statements (the hot paths') arrive as a config object; EXPLAIN runs their text unnamed.
    query: (async (textOrConfig: string | pg.QueryConfig, values?: unknown[]) => {
      const text = typeof textOrConfig === 'string' ? textOrConfig : textOrConfig.text;
      const result = await client.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN (${options}) ${text}`,
        typeof textOrConfig === 'string' ? values : textOrConfig.values,
      );
      plans.push(result.rows.map((row) => row['QUERY PLAN']).join('\n'));
      return { ...result, rows: [], rowCount: 0 };
    }) as Queryable['query'],
  };
}

async function explainQueries(client: pg.Client, plan: SeedPlan): Promise<{ title: string; plan: string }[]> {
  const explained: { title: string; plan: string }[] = [];
  const explain = async (title: string, options: string, run: (queryable: Queryable) => Promise<unknown>) => {
    const plans: string[] = [];
    await run(explaining(client, options, plans));
    explained.push({ title, plan: plans.join('\n') });
  };
  const farm = plan.farms.find((candidate) => candidate.shared.length === 2) ?? plan.farms[0]!;
  const lookup = [...newValues(FARM_HIT_KINDS), ...farm.shared].map((value) => plan.fingerprinter.fingerprint(value));
  const start = plan.caseIds[plan.cluster[7]!]!;
  const members = await clusterOf(client, start);
  await explain(
    `findLinksAndDispositions: new applicant, ${lookup.length} fingerprints, 2 hit a farm of ${farm.members.length}`,
    'ANALYZE, BUFFERS',
    (q) =>
      findLinksAndDispositions(q, { fingerprints: lookup, ownNames: [], source: SEED_SOURCE, externalId: 'explain-1' }),
  );
  await explain(`clusterOf: a member of the ${CLUSTER_SIZE}-case cluster`, 'ANALYZE, BUFFERS', (q) =>
    clusterOf(q, start),
  );
  await explain(`sharedKindsWithin: the ${members.length} members`, 'ANALYZE, BUFFERS', (q) =>
    sharedKindsWithin(q, members),
  );
  await explain('sharedIdentifierGroups (GET /api/v1/clusters): plan only, no ANALYZE', 'COSTS', (q) =>
    sharedIdentifierGroups(q),
  );
  return explained;
}

interface AppMeasurement {
  label: string;
  result: autocannon.Result;
  created: number;
}

function runLoad(
  url: string,
  connections: number,
  durationSeconds: number,
  request: autocannon.Request,
): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections, duration: durationSeconds, requests: [request] }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
}

/** (c) The real app (bench/serve-app.ts, its own random link key) on the seeded database, under autocannon. */
async function measureApp(settings: Settings, databaseUrl: string, label: string): Promise<AppMeasurement> {
  const server = await startServer('serve-app.ts', { ...process.env, BENCH_DATABASE_URL: databaseUrl });
  teardownSteps.push(server.stop);
  try {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      authorization: `Bearer ${server.apiKey}`,
    };
    for (const [index, template] of applicantBodies(CHECKED_BODIES, 9_000_000).entries()) {
      const response = await fetch(server.url + SCREENINGS_PATH, {
        method: 'POST',
        headers,
        body: withExternalId(template, `links-check-${index}`),
      });
      if (response.status !== 201)
        throw new Error(
          `the app answered ${response.status} to body #${index}: ${(await response.text()).slice(0, 500)}`,
        );
    }
    const feed = screeningFeed('links', 0, REUSE_SHARE);
    const request: autocannon.Request = {
      method: 'POST',
      path: SCREENINGS_PATH,
      headers,
      setupRequest: (req) => ({ ...req, body: feed() }),
    };
    console.log(
      `app on ${label}: ${CHECKED_BODIES} bodies accepted; warming up ${WARM_UP_SECONDS} s, then measuring ${settings.durationSeconds} s over ${settings.connections} connections (load average ${loadAverage()})`,
    );
    await runLoad(server.url, settings.connections, WARM_UP_SECONDS, request);
    const result = await runLoad(server.url, settings.connections, settings.durationSeconds, request);
    const [row] = await query<{ created: number }>(
      databaseUrl,
      `SELECT count(*)::int AS created FROM cases WHERE source = $1 AND external_id LIKE 'links-%'`,
      [SEED_SOURCE],
    );
    return { label, result, created: row!.created };
  } finally {
    await server.stop();
  }
}

interface ClustersMeasurement {
  groupsMs: number;
  groups: number;
  groupedCases: number;
  endpointMs: number;
  clusters: number;
  largest: number;
}

/** (d) GET /api/v1/clusters: the full GROUP BY over identifiers, then union-find in Node and Prisma's read of the members. */
async function measureAllClusters(client: pg.Client, linkViews: LinkViews): Promise<ClustersMeasurement> {
  let started = performance.now();
  const groups = await sharedIdentifierGroups(client);
  const groupsMs = performance.now() - started;
  console.log(
    `clusters: sharedIdentifierGroups ${seconds(groupsMs)} s (${groups.length} shared values); now LinkViews.clusters(2, 50)`,
  );
  started = performance.now();
  const clusters = await linkViews.clusters(2, 50);
  const endpointMs = performance.now() - started;
  return {
    groupsMs,
    groups: groups.length,
    groupedCases: new Set(groups.flatMap((group) => group.caseIds)).size,
    endpointMs,
    clusters: clusters.length,
    largest: clusters[0]?.size ?? 0,
  };
}

function printApp(measurements: AppMeasurement[]): void {
  const columns = ['req/s', 'p50 ms', 'p99 ms', '2xx', 'non-2xx', 'errors', 'timeouts', 'new cases'];
  console.log(['database'.padEnd(30), ...columns.map((column) => column.padStart(10))].join(''));
  for (const { label, result, created } of measurements) {
    const cells = [
      result.requests.average.toFixed(1),
      result.latency.p50,
      result.latency.p99,
      result['2xx'],
      result.non2xx,
      result.errors,
      result.timeouts,
      created,
    ];
    console.log([label.padEnd(30), ...cells.map((cell) => String(cell).padStart(10))].join(''));
    if (result.non2xx > 0) console.log(`  status codes: ${JSON.stringify(result.statusCodeStats)}`);
  }
  console.log("(new cases: written under the load's externalIds, warm-up included)");
}

async function machineLines(adminUrl: string): Promise<string[]> {
  const cpus = os.cpus();
  const [server] = await query<{ server_version: string; shared_buffers: string }>(
    adminUrl,
    `SELECT current_setting('server_version') AS server_version, current_setting('shared_buffers') AS shared_buffers`,
  );
  return [
    `Machine:  ${cpus[0]?.model ?? 'unknown CPU'} x ${cpus.length} CPUs, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.platform()} ${os.release()}`,
    `Software: Node ${process.version}, PostgreSQL ${server?.server_version ?? 'unknown'} (loopback, shared_buffers ${server?.shared_buffers ?? '?'})`,
  ];
}

/** Long literal arrays (50 uuids) cut short, so that the plans stay readable. */
function shorten(plan: string): string {
  return plan
    .split('\n')
    .map((line) => (line.length > 180 ? `${line.slice(0, 177)}...` : line))
    .join('\n');
}

async function main(): Promise<void> {
  const settings = readSettings();
  // `on`, not `once`: tsx relays Ctrl-C, so a second SIGINT must not kill the process before teardown ends.
  teardownOnSignals();
  try {
    const machine = await machineLines(settings.adminUrl);
    const loadAtStart = loadAverage();
    console.log(`${machine.join('\n')}\nload average at start (1/5/15 min): ${loadAtStart}`);
    await measureFarms(settings.adminUrl, settings.durationSeconds);
    console.log(`load average after the farm measurements: ${loadAverage()}`);
    // BENCH_FARMS_ONLY=1: stop here (the million-case part seeds for minutes).
    if (process.env.BENCH_FARMS_ONLY === '1') return;
    const databaseUrl = await createBenchDatabase(settings.adminUrl, 'hfrc_bench_links');
    const seeder = await connect(databaseUrl);
    const { plan, seeding } = await seed(seeder, settings);
    const client = await connect(databaseUrl);
    const clients = createDatabaseClients(databaseUrl, 2);
    teardownSteps.push(clients.close);
    const linkViews = new LinkViews(new LinkStore(clients.pool));

    console.log(
      `measuring link lookups (${settings.lookups} per mix after ${LOOKUP_WARM_UP} warm-up; load average ${loadAverage()})`,
    );
    const lookups = await measureLookups(client, plan, settings.lookups);
    console.log(`measuring cluster queries (${settings.clusterIterations} each)`);
    const clusters = await measureClusters(client, linkViews, plan, settings.clusterIterations);
    const plans = await explainQueries(client, plan);
    const app = await measureApp(settings, databaseUrl, `the ${settings.cases.toLocaleString('en-US')}-case database`);
    // The same load on an empty database, right after: what the big tables cost, on the machine as it is now.
    const control = await measureApp(
      settings,
      await createBenchDatabase(settings.adminUrl, 'hfrc_bench_links'),
      'an empty database (control)',
    );
    const all = await measureAllClusters(client, linkViews);
    const loadAtEnd = loadAverage();

    console.log(`\n=== Links benchmark: ${settings.cases.toLocaleString('en-US')} cases ===`);
    console.log(machine.join('\n'));
    console.log(
      `Load average (1/5/15 min) at start: ${loadAtStart}; at end: ${loadAtEnd}. Bench, app, autocannon and PostgreSQL share the machine; other work may be running on it.`,
    );
    printSeeding(settings, seeding);
    await printSizes(client);
    printLatencies(
      '(a) Link lookup: findLinksAndDispositions (src/links/link-lookup-store.ts), one connection, client-side time',
      'rows/query',
      lookups,
    );
    printLatencies(
      `(b) Cluster of a case (found ${clusters.found} of the ${CLUSTER_SIZE} planted members)`,
      'members',
      clusters.results,
    );
    console.log(
      '\n--- (c) POST /api/v1/screenings on the seeded database (real app, pg pool ' +
        POOL_MAX +
        '; its own random link key, so new applicants probe the big index but match no seeded case) ---',
    );
    printApp([app, control]);
    const { result } = app;
    console.log(
      `big/empty throughput ratio: ${(result.requests.average / control.result.requests.average).toFixed(2)}x`,
    );
    console.log(
      '\n--- (d) GET /api/v1/clusters (LinkViews.clusters(minSize 2, limit 50): the recorded shared values joined to their cases) ---',
    );
    console.log(
      `sharedIdentifierGroups alone: ${seconds(all.groupsMs)} s -> ${all.groups.toLocaleString('en-US')} shared values over ${all.groupedCases.toLocaleString('en-US')} cases`,
    );
    console.log(
      `LinkViews.clusters (query + union-find + members' read): ${seconds(all.endpointMs)} s -> ${all.clusters} clusters answered, largest ${all.largest}`,
    );
    console.log('\n--- EXPLAIN ---');
    for (const explained of plans) console.log(`# ${explained.title}\n${shorten(explained.plan)}\n`);

    const allLookups = lookups.at(-1)!;
    const worstCluster = Math.max(...clusters.results.slice(0, 2).map((r) => r.p99));
    console.log('Targets (informational, not asserted):');
    console.log(
      `  link lookup p99 < ${TARGET.lookupP99Ms} ms (all mixes: ${allLookups.p99.toFixed(2)} ms):                ${passOrMiss(allLookups.p99 < TARGET.lookupP99Ms)}`,
    );
    console.log(
      `  50-case cluster p99 < ${TARGET.clusterP99Ms} ms (worst of (b) 50-case rows: ${worstCluster.toFixed(2)} ms): ${passOrMiss(worstCluster < TARGET.clusterP99Ms && clusters.found === CLUSTER_SIZE)}`,
    );
    console.log(
      `  screening endpoint >= ${TARGET.requestsPerSecond} req/s on the big table (${result.requests.average.toFixed(0)} req/s; empty: ${control.result.requests.average.toFixed(0)}): ${passOrMiss(result.requests.average >= TARGET.requestsPerSecond)}`,
    );
    console.log(
      `  GET /api/v1/clusters: no target; ${seconds(all.endpointMs)} s over ${settings.cases.toLocaleString('en-US')} cases (a full scan: see bench/README.md)`,
    );
  } finally {
    await teardown();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
