// CPU per rate-limit check with the buckets in PostgreSQL (src/http/rate-limit-store.ts), as the service makes them: each
// simulated request checks its address ('api') and then its API key ('key'), with BENCH_CONNECTIONS requests in flight.
// Prints numbers, asserts none. `npm run bench:rate-limit`; BENCH_DURATION seconds per case (default 5).
import os from 'node:os';
import pg from 'pg';
import { SharedRateLimits } from '../src/http/rate-limit-store';
import { memoryBuckets, type BucketStoreFactory } from '../src/http/rate-limit';
import { createLogger } from '../src/logger';
import type { Queryable } from '../src/db/prisma-client';
import { boundedInteger, createBenchDatabase, teardown, teardownOnSignals } from './bench-support';
import { startCpuCount } from './cpu-time';

// Far above what the load reaches: every check is counted, none refused (a refusal is cheaper, not dearer).
const PER_MINUTE = 100_000_000;
const TARGET_CPU_MS_PER_REQUEST = 0.1;

interface Case {
  label: string;
  connections: number;
  /** Distinct client addresses and API keys the requests come with. */
  clients: number;
  buckets: 'postgres' | 'memory';
}

async function run(databaseUrl: string, item: Case, seconds: number): Promise<void> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  let statements = 0;
  // Counts the statements, to show how many checks share one.
  const counted = {
    query: (config: string | pg.QueryConfig, values?: unknown[]) => {
      statements += 1;
      return pool.query(config as string, values);
    },
  } as Queryable;
  const factory: BucketStoreFactory = item.buckets === 'postgres' ? new SharedRateLimits(counted, createLogger('silent')).buckets : memoryBuckets;
  const api = factory('api', PER_MINUTE);
  const key = factory('key', PER_MINUTE);
  const request = async (n: number) => {
    const client = n % item.clients;
    await api.take(`10.0.${client >> 8}.${client & 255}`);
    await key.take(`key-${client}`);
  };
  // Warm-up: connections opened, statements prepared on them.
  await Promise.all(Array.from({ length: 50 }, (_, n) => request(n)));
  statements = 0;
  const stop = startCpuCount(process.pid, databaseUrl);
  const deadline = Date.now() + seconds * 1000;
  let requests = 0;
  await Promise.all(
    Array.from({ length: item.connections }, async (_, lane) => {
      for (let n = lane; Date.now() < deadline; n += item.connections) {
        await request(n);
        requests += 1;
      }
    }),
  );
  const cpu = await stop();
  await pool.end();
  const perRequest = (secondsOfCpu: number) => ((secondsOfCpu * 1000) / requests).toFixed(4);
  const total = cpu.server + cpu.database;
  console.log(
    [item.label.padEnd(44), String(Math.round(requests / cpu.wallSeconds)).padStart(9), (item.buckets === 'postgres' ? ((2 * requests) / Math.max(1, statements)).toFixed(1) : '-').padStart(8), perRequest(cpu.server).padStart(9), perRequest(cpu.database).padStart(11), perRequest(total).padStart(9), (total * 1000 / requests <= TARGET_CPU_MS_PER_REQUEST ? 'PASS' : 'MISS').padStart(7)].join(''),
  );
}

async function main(): Promise<void> {
  teardownOnSignals();
  const adminUrl = process.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';
  const seconds = boundedInteger('BENCH_DURATION', 5, 1, 600);
  const connections = boundedInteger('BENCH_CONNECTIONS', 20, 1, 1000);
  try {
    const databaseUrl = await createBenchDatabase(adminUrl, 'hfrc_bench_rl');
    console.log('=== rate-limit checks: 2 per request (client address, then API key), buckets in PostgreSQL (UNLOGGED, batched upsert) ===');
    console.log(`Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'} x ${os.cpus().length} CPUs, Node ${process.version}; load average before ${os.loadavg().map((load) => load.toFixed(1)).join(' ')}`);
    console.log(`${'case'.padEnd(44)}${'req/s'.padStart(9)}${'chk/stmt'.padStart(8)}${'node ms'.padStart(9)}${'PG ms'.padStart(11)}${'all ms'.padStart(9)}${`<=${TARGET_CPU_MS_PER_REQUEST}`.padStart(7)}`);
    await run(databaseUrl, { label: `${connections} in flight, one client (as bench:screening)`, connections, clients: 1, buckets: 'postgres' }, seconds);
    await run(databaseUrl, { label: `${connections} in flight, 1,000 clients`, connections, clients: 1000, buckets: 'postgres' }, seconds);
    await run(databaseUrl, { label: '1 in flight (idle service), 1,000 clients', connections: 1, clients: 1000, buckets: 'postgres' }, seconds);
    await run(databaseUrl, { label: `${connections} in flight, memory (before, per instance)`, connections, clients: 1000, buckets: 'memory' }, seconds);
    console.log(`(CPU ms per request = both checks: this process and the PostgreSQL backends; load average after ${os.loadavg().map((load) => load.toFixed(1)).join(' ')})`);
  } finally {
    await teardown();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
