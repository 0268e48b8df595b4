// CPU per rate-limit check with the buckets in PostgreSQL (src/http/rate-limit-store.ts), as the service makes them: each
// simulated request checks its address ('api') and then its API key ('key'), with BENCH_CONNECTIONS requests in flight.
// Prints numbers, asserts none. `npm run bench:rate-limit`; BENCH_DURATION seconds per case (default 5).
import os from 'node:os';
import { boundedInteger, createBenchDatabase, teardown, teardownOnSignals } from './bench-support';
import { measureChecks, TARGET_CPU_MS_PER_REQUEST, type Case } from './rate-limit-checks';

async function run(databaseUrl: string, item: Case, seconds: number): Promise<void> {
  const cost = await measureChecks(databaseUrl, item, seconds);
  const perRequest = (secondsOfCpu: number) => ((secondsOfCpu * 1000) / cost.requests).toFixed(4);
  const total = cost.node + cost.database;
  console.log(
    [
      item.label.padEnd(44),
      String(Math.round(cost.requests / cost.wallSeconds)).padStart(9),
      (item.buckets === 'postgres' ? ((2 * cost.requests) / Math.max(1, cost.statements)).toFixed(1) : '-').padStart(8),
      perRequest(cost.node).padStart(9),
      perRequest(cost.database).padStart(11),
      perRequest(total).padStart(9),
      ((total * 1000) / cost.requests <= TARGET_CPU_MS_PER_REQUEST ? 'PASS' : 'MISS').padStart(7),
    ].join(''),
  );
}

async function main(): Promise<void> {
  teardownOnSignals();
  const adminUrl = process.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';
  const seconds = boundedInteger('BENCH_DURATION', 5, 1, 600);
  const connections = boundedInteger('BENCH_CONNECTIONS', 20, 1, 1000);
  try {
    const databaseUrl = await createBenchDatabase(adminUrl, 'hfrc_bench_rl');
    console.log(
      '=== rate-limit checks: 2 per request (client address, then API key), buckets in PostgreSQL (UNLOGGED, batched upsert) ===',
    );
    console.log(
      `Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'} x ${os.cpus().length} CPUs, Node ${process.version}; load average before ${os
        .loadavg()
        .map((load) => load.toFixed(1))
        .join(' ')}`,
    );
    console.log(
      `${'case'.padEnd(44)}${'req/s'.padStart(9)}${'chk/stmt'.padStart(8)}${'node ms'.padStart(9)}${'PG ms'.padStart(11)}${'all ms'.padStart(9)}${`<=${TARGET_CPU_MS_PER_REQUEST}`.padStart(7)}`,
    );
    await run(
      databaseUrl,
      {
        label: `${connections} in flight, one client (as bench:screening)`,
        connections,
        clients: 1,
        buckets: 'postgres',
      },
      seconds,
    );
    await run(
      databaseUrl,
      { label: `${connections} in flight, 1,000 clients`, connections, clients: 1000, buckets: 'postgres' },
      seconds,
    );
    await run(
      databaseUrl,
      { label: '1 in flight (idle service), 1,000 clients', connections: 1, clients: 1000, buckets: 'postgres' },
      seconds,
    );
    await run(
      databaseUrl,
      {
        label: '1 in flight, 50 clients, 199/min (no lease)',
        connections: 1,
        clients: 50,
        perMinute: 199,
        buckets: 'postgres',
      },
      seconds,
    );
    await run(
      databaseUrl,
      {
        label: `${connections} in flight, 50 clients, 199/min (no lease)`,
        connections,
        clients: 50,
        perMinute: 199,
        buckets: 'postgres',
      },
      seconds,
    );
    await run(
      databaseUrl,
      {
        label: `${connections} in flight, memory (before, per instance)`,
        connections,
        clients: 1000,
        buckets: 'memory',
      },
      seconds,
    );
    console.log(
      `(CPU ms per request = both checks: this process and the PostgreSQL backends; load average after ${os
        .loadavg()
        .map((load) => load.toFixed(1))
        .join(' ')})`,
    );
  } finally {
    await teardown();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
