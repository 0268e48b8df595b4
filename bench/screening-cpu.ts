// CPU cost of one screening through the use case (no HTTP): this process's CPU and the PostgreSQL backends', per
// screening. CPU time holds on a busy machine where throughput does not, so it is how changes to the write path are
// compared. Prints numbers, asserts none.
import crypto from 'node:crypto';
import os from 'node:os';
import { parseApplicant } from '../src/applicants/parse-applicant';
import { createServices } from '../src/services';
import { screeningFeed } from './applicant-bodies';
import { boundedInteger, createBenchDatabase, teardown, teardownOnSignals, teardownSteps } from './bench-support';
import { startCpuCount } from './cpu-time';

const REUSE_SHARE = 0.2;

async function runScreenings(services: ReturnType<typeof createServices>, count: number, concurrency: number, feed: () => string): Promise<void> {
  let issued = 0;
  const worker = async () => {
    while (issued < count) {
      issued++;
      const applicant = parseApplicant(JSON.parse(feed()));
      await services.screening.screen(applicant, { actor: 'bench:cpu', mayAppendToAnyCase: true });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

async function main(): Promise<void> {
  const adminUrl = process.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';
  const count = boundedInteger('BENCH_SCREENINGS', 3000, 100, 1_000_000);
  const concurrency = boundedInteger('BENCH_CONCURRENCY', 10, 1, 100);
  teardownOnSignals();
  try {
    const databaseUrl = await createBenchDatabase(adminUrl, 'hfrc_bench_cpu');
    const services = createServices(databaseUrl, { poolMax: concurrency, links: { key: crypto.randomBytes(32) } });
    teardownSteps.push(() => services.close());
    await services.sanctions.ready();
    const feed = screeningFeed('cpu', 0, REUSE_SHARE);
    // Warm-up: JIT, the pool's connections, PostgreSQL's caches and plans.
    await runScreenings(services, Math.min(500, count), concurrency, feed);
    const stopCount = startCpuCount(process.pid, databaseUrl);
    const started = process.hrtime.bigint();
    await runScreenings(services, count, concurrency, feed);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = await stopCount();
    const perScreening = (cpuSeconds: number) => ((cpuSeconds * 1000) / count).toFixed(3);
    console.log(`\n${count} screenings through ScreeningService.screen, ${concurrency} at a time, no HTTP (load average ${os.loadavg().map((load) => load.toFixed(1)).join(' ')})`);
    console.log(`  ${(count / seconds).toFixed(0)} screenings/s`);
    console.log(`  CPU ms per screening: this process ${perScreening(cpu.server)}, PostgreSQL backends ${perScreening(cpu.database)}, both ${perScreening(cpu.server + cpu.database)}`);
  } finally {
    await teardown();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
