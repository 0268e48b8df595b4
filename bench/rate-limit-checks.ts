// The rate-limit checks as the service makes them (src/http/rate-limit-store.ts): each simulated request checks its
// client address ('api') and then its API key ('key'), with the requests in flight that a case names. Used by
// bench/rate-limit.ts and bench/screening.ts.
import pg from 'pg';
import type { Queryable } from '../src/db/prisma-client';
import { SharedRateLimits } from '../src/http/rate-limit-store';
import { memoryBuckets, type BucketStoreFactory } from '../src/http/rate-limit';
import { createLogger } from '../src/logger';
import { startCpuCount } from './cpu-time';

// Far above what the load reaches: every check is counted, none refused (a refusal is cheaper, not dearer).
export const PER_MINUTE = 100_000_000;
export const TARGET_CPU_MS_PER_REQUEST = 0.1;

export interface Case {
  label: string;
  connections: number;
  /** Distinct client addresses and API keys the requests come with. */
  clients: number;
  buckets: 'postgres' | 'memory';
  /** The limit (default far above the load). Under 200 a minute no tokens are taken ahead: a statement per check. */
  perMinute?: number;
}

export interface CheckCost {
  requests: number;
  statements: number;
  wallSeconds: number;
  /** CPU seconds of this process and of the PostgreSQL backends. */
  node: number;
  database: number;
}

/** Runs `item` for `seconds` against the database and answers what the checks cost. */
export async function measureChecks(databaseUrl: string, item: Case, seconds: number): Promise<CheckCost> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  let statements = 0;
  // Counts the statements, to show how many checks share one.
  const counted = {
    query: (config: string | pg.QueryConfig, values?: unknown[]) => {
      statements += 1;
      return pool.query(config as string, values);
    },
  } as Queryable;
  const factory: BucketStoreFactory =
    item.buckets === 'postgres' ? new SharedRateLimits(counted, createLogger('silent')).buckets : memoryBuckets;
  const api = factory('api', item.perMinute ?? PER_MINUTE);
  const key = factory('key', item.perMinute ?? PER_MINUTE);
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
  return { requests, statements, wallSeconds: cpu.wallSeconds, node: cpu.server, database: cpu.database };
}
