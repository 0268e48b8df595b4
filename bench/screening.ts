// Benchmarks POST /api/v1/screenings on the shipped entry point (dist/src/main.js as `npm start` runs it) against a
// bare Express + pg baseline writing the same three rows, for a minimal and a rich applicant; prints numbers, asserts none.
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import {
  boundedInteger,
  createBenchDatabase,
  query,
  teardown,
  teardownOnSignals,
  teardownSteps,
} from './bench-support';
import { PROFILES, profileBody, profileFeed, withExternalId, type Profile } from './applicant-bodies';
import { startCpuCount, type CpuSample } from './cpu-time';
import { POOL_MAX, startServer, type RunningServer } from './server-process';
import { buildDist, startShippedService } from './shipped-service';

// Warm-up by count, not time: V8 takes a few thousand rich applicants to settle (zod's validators, the scoring), and
// a timed warm-up on a busy machine would leave that in the measured window.
const WARM_UP_DEFAULT = 3000;
const SCREENINGS_PATH = '/api/v1/screenings';
// Issue 20's targets, on the rich profile, each against the baseline of the same run.
const TARGET = { shareOfBaseline: 0.5, moonshotShare: 0.7, p99Ms: 50, cpuMsPerRequest: 1.0, rssAfterStartMb: 400 };

interface Settings {
  adminUrl: string;
  durationSeconds: number;
  connections: number;
  checkedBodies: number;
  warmUpRequests: number;
  profiles: Profile[];
  withInProcess: boolean;
  logDir: string;
}

interface Target {
  name: string;
  label: string;
  start(
    databaseUrl: string,
    settings: Settings,
    profile: Profile,
  ): Promise<RunningServer & { rssAfterStartMb?: number; memoryNow?: () => { rssMb: number; peakMb: number } }>;
}

interface Measurement {
  target: Target;
  profile: Profile;
  result: autocannon.Result;
  cpu: CpuSample;
  load: { before: number[]; after: number[] };
  memory?: { afterStartMb: number; afterLoadMb: number; peakMb: number };
}

const SERVICE: Target = {
  name: 'service',
  label: 'service (npm start)',
  start: (databaseUrl, settings, profile) =>
    startShippedService(databaseUrl, path.join(settings.logDir, `hfrc-bench-service-${profile}.log`)),
};
const BASELINE: Target = {
  name: 'baseline',
  label: 'baseline (Express+pg)',
  start: (databaseUrl) => startServer('serve-baseline.ts', { ...process.env, BENCH_DATABASE_URL: databaseUrl }),
};
// Diagnostic only: createServices + createApp in a tsx process, silent logs, no worker, no sanctions poller.
const IN_PROCESS: Target = {
  name: 'in-process',
  label: 'in-process app (diag.)',
  start: (databaseUrl) => startServer('serve-app.ts', { ...process.env, BENCH_DATABASE_URL: databaseUrl }),
};

function readSettings(): Settings {
  const profiles = (process.env.BENCH_PROFILES ?? PROFILES.join(',')).split(',').map((name) => name.trim());
  const unknown = profiles.filter((name) => !PROFILES.includes(name as Profile));
  if (unknown.length > 0)
    throw new Error(`BENCH_PROFILES: unknown profile(s) ${unknown.join(', ')}; use ${PROFILES.join(', ')}`);
  return {
    adminUrl: process.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres',
    durationSeconds: boundedInteger('BENCH_DURATION', 15, 1, 600),
    connections: boundedInteger('BENCH_CONNECTIONS', 20, 1, 1000),
    checkedBodies: boundedInteger('BENCH_CHECKED', 500, 0, 100_000),
    warmUpRequests: boundedInteger('BENCH_WARM_UP', WARM_UP_DEFAULT, 0, 1_000_000),
    profiles: profiles as Profile[],
    withInProcess: process.env.BENCH_IN_PROCESS === '1',
    logDir: process.env.BENCH_LOG_DIR ?? os.tmpdir(),
  };
}

function requestHeaders(server: RunningServer): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (server.apiKey) headers.authorization = `Bearer ${server.apiKey}`;
  return headers;
}

/** Sends distinct bodies once each, so that a non-2xx under load means load trouble rather than a body the API refuses. */
async function checkBodiesAccepted(
  server: RunningServer,
  target: Target,
  profile: Profile,
  count: number,
): Promise<void> {
  for (let index = 0; index < count; index++) {
    const body = withExternalId(profileBody(profile, 900_000 + index), `check-${target.name}-${index}`);
    const response = await fetch(server.url + SCREENINGS_PATH, {
      method: 'POST',
      headers: requestHeaders(server),
      body,
    });
    if (response.status !== 201)
      throw new Error(
        `${target.name} answered ${response.status} to ${profile} body #${index}: ${(await response.text()).slice(0, 500)}`,
      );
    await response.arrayBuffer().catch(() => undefined);
  }
}

function runLoad(
  url: string,
  connections: number,
  length: { duration: number } | { amount: number },
  request: autocannon.Request,
): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections, ...length, requests: [request] }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
}

function screeningRequest(server: RunningServer, nextBody: () => string): autocannon.Request {
  return {
    method: 'POST',
    path: SCREENINGS_PATH,
    headers: requestHeaders(server),
    setupRequest: (request) => ({ ...request, body: nextBody() }),
  };
}

/** One target on one profile, on a database of its own (so no run links to another's applicants or inherits its rows). */
async function measure(target: Target, profile: Profile, settings: Settings): Promise<Measurement> {
  const databaseUrl = await createBenchDatabase(settings.adminUrl, 'hfrc_bench');
  const server = await target.start(databaseUrl, settings, profile);
  teardownSteps.push(server.stop);
  try {
    await checkBodiesAccepted(server, target, profile, settings.checkedBodies);
    const request = screeningRequest(server, profileFeed(profile, target.name, 0));
    console.log(
      `${target.name}/${profile}: ${settings.checkedBodies} bodies accepted; warming up with ${settings.warmUpRequests} requests, then measuring ${settings.durationSeconds} s`,
    );
    if (settings.warmUpRequests > 0)
      await runLoad(server.url, settings.connections, { amount: settings.warmUpRequests }, request);
    const before = os.loadavg();
    const stopCpuCount = startCpuCount(server.pid, databaseUrl);
    const result = await runLoad(server.url, settings.connections, { duration: settings.durationSeconds }, request);
    const cpu = await stopCpuCount();
    const after = server.memoryNow?.();
    const memory =
      server.rssAfterStartMb !== undefined && after
        ? { afterStartMb: server.rssAfterStartMb, afterLoadMb: after.rssMb, peakMb: after.peakMb }
        : undefined;
    return { target, profile, result, cpu, load: { before, after: os.loadavg() }, memory };
  } finally {
    await server.stop();
  }
}

function passOrMiss(isMet: boolean): string {
  return isMet ? 'PASS' : 'MISS';
}

const loadText = (load: number[]) => load.map((value) => value.toFixed(1)).join(' ');

function cpuMsPerRequest(measurement: Measurement, seconds: number): number {
  const answered = Math.max(1, measurement.result['2xx'] + measurement.result.non2xx);
  return (seconds * 1000) / answered;
}

async function printMachine(adminUrl: string): Promise<void> {
  const cpus = os.cpus();
  const [server] = await query<{ server_version: string }>(adminUrl, 'SHOW server_version');
  console.log(
    `Machine:  ${cpus[0]?.model ?? 'unknown CPU'} x ${cpus.length} CPUs, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.platform()} ${os.release()}`,
  );
  console.log(`Software: Node ${process.version}, PostgreSQL ${server?.server_version ?? 'unknown'} (loopback)`);
}

function printProfile(profile: Profile, measurements: Measurement[]): void {
  console.log(`\n--- profile: ${profile} ---`);
  const columns = [
    'req/s',
    'p50 ms',
    'p99 ms',
    '2xx',
    'non-2xx',
    'errors',
    'CPU ms/req',
    'PG ms/req',
    'gen ms/req',
    'load avg',
  ];
  console.log(['target'.padEnd(24), ...columns.map((column) => column.padStart(11))].join(''));
  for (const measurement of measurements) {
    const { target, result, cpu, load } = measurement;
    const cells = [
      result.requests.average.toFixed(1),
      result.latency.p50,
      result.latency.p99,
      result['2xx'],
      result.non2xx,
      result.errors,
      cpuMsPerRequest(measurement, cpu.server).toFixed(2),
      cpuMsPerRequest(measurement, cpu.database).toFixed(2),
      cpuMsPerRequest(measurement, cpu.loadGenerator).toFixed(2),
      `${load.before[0]!.toFixed(1)}-${load.after[0]!.toFixed(1)}`,
    ];
    console.log([target.label.padEnd(24), ...cells.map((cell) => String(cell).padStart(11))].join(''));
  }
  const baseline = measurements.find((measurement) => measurement.target === BASELINE)!;
  for (const measurement of measurements.filter((candidate) => candidate !== baseline)) {
    console.log(
      `${measurement.target.label}: ${(measurement.result.requests.average / baseline.result.requests.average).toFixed(2)}x the baseline's throughput`,
    );
    if (measurement.memory) {
      const { afterStartMb, afterLoadMb, peakMb } = measurement.memory;
      console.log(
        `${measurement.target.label}: RSS ${afterStartMb.toFixed(0)} MB after start-up, ${afterLoadMb.toFixed(0)} MB after the load, peak ${peakMb.toFixed(0)} MB`,
      );
    }
  }
  for (const { target, result } of measurements.filter((measurement) => measurement.result.non2xx > 0)) {
    console.log(`${target.name} status codes: ${JSON.stringify(result.statusCodeStats)}`);
  }
}

function printTargets(measurements: Measurement[], connections: number): void {
  const service = measurements.find((measurement) => measurement.target === SERVICE && measurement.profile === 'rich');
  const baseline = measurements.find(
    (measurement) => measurement.target === BASELINE && measurement.profile === 'rich',
  );
  if (!service || !baseline) return;
  const ratio = service.result.requests.average / baseline.result.requests.average;
  const cpu = cpuMsPerRequest(service, service.cpu.server);
  console.log('\nTargets on the rich profile (informational, not asserted):');
  console.log(
    `  >= ${TARGET.shareOfBaseline}x the baseline's throughput (moonshot ${TARGET.moonshotShare}x): ${ratio.toFixed(2)}x  ${passOrMiss(ratio >= TARGET.shareOfBaseline)}${ratio >= TARGET.moonshotShare ? ' (moonshot met)' : ''}`,
  );
  console.log(
    `  p99 < ${TARGET.p99Ms} ms at ${connections} connections: ${service.result.latency.p99} ms  ${passOrMiss(service.result.latency.p99 < TARGET.p99Ms)}`,
  );
  console.log(
    `  service CPU per request <= ${TARGET.cpuMsPerRequest} ms: ${cpu.toFixed(2)} ms  ${passOrMiss(cpu <= TARGET.cpuMsPerRequest)}`,
  );
  if (service.memory)
    console.log(
      `  RSS after start-up < ${TARGET.rssAfterStartMb} MB: ${service.memory.afterStartMb.toFixed(0)} MB  ${passOrMiss(service.memory.afterStartMb < TARGET.rssAfterStartMb)}`,
    );
}

async function main(): Promise<void> {
  const settings = readSettings();
  // `on`, not `once`: tsx relays Ctrl-C, so a second SIGINT must not kill the process before teardown ends.
  teardownOnSignals();
  try {
    console.log('building dist/ (npm run build), as npm start does');
    await buildDist();
    const measurements: Measurement[] = [];
    for (const profile of settings.profiles) {
      const targets = [SERVICE, BASELINE, ...(settings.withInProcess ? [IN_PROCESS] : [])];
      for (const target of targets) measurements.push(await measure(target, profile, settings));
    }
    console.log('\n=== POST /api/v1/screenings benchmark (issue 20) ===');
    await printMachine(settings.adminUrl);
    console.log(
      `Load:     autocannon, ${settings.connections} connections, ${settings.warmUpRequests} warm-up requests + ${settings.durationSeconds} s measured per target and profile, ` +
        `a new person and case per request (${settings.checkedBodies} bodies checked first); each target on a fresh database; pg pool ${POOL_MAX} (the service's default)`,
    );
    console.log(
      'Service:  dist/src/main.js as npm start runs it: default configuration, rate limits off, webhook worker and sanctions poller running, info logs to a file.',
    );
    console.log(
      'Baseline: bare Express 5 + express.json + pg.Pool; NO auth, NO validation, NO scoring; the case, screening and case_events rows in BEGIN/COMMIT.',
    );
    console.log(
      'CPU ms/req: the server process, the PostgreSQL backends of its database, and the load generator, per answered request (from /proc).',
    );
    for (const profile of settings.profiles)
      printProfile(
        profile,
        measurements.filter((measurement) => measurement.profile === profile),
      );
    printTargets(measurements, settings.connections);
    console.log(`\nload average at the end: ${loadText(os.loadavg())} (${os.cpus().length} CPUs)`);
  } finally {
    await teardown();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
