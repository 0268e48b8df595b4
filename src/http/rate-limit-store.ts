// Rate-limit token buckets in PostgreSQL, so that a limit holds across every instance (three replicas no longer allow
// three times the limit). The checks that arrive together share ONE statement (MicroBatcher): an upsert per key on an
// UNLOGGED table that refills the bucket, grants as many of the key's requests as it holds, and answers what is left.
// The same token-bucket rule as TokenBuckets (rate-limit.ts). When the database fails, each instance counts in its
// own memory until it answers again (a limit per instance, as before, rather than refusing everyone).
import type { Logger } from '../logger';
import type { Queryable } from '../db/prisma-client';
import { MicroBatcher } from '../db/micro-batcher';
import { TokenBuckets, type BucketStoreFactory, type TakeResult } from './rate-limit';

interface Check {
  key: string;
  perMinute: number;
}

interface BucketRow {
  key: string;
  tokens: number;
  granted: number;
  capacity: number;
}

// Refilled at capacity a minute since the last update (never above capacity; a statement that started before the last
// update adds nothing), then as many of the requested as whole tokens allow are granted.
const REFILLED = 'least(EXCLUDED.capacity, b.tokens + greatest(0, extract(epoch FROM EXCLUDED.updated_at - b.updated_at)) * EXCLUDED.capacity / 60)';
const GRANTED = `least(EXCLUDED.requested, floor(${REFILLED}))`;
const TAKE = `
  INSERT INTO rate_limit_buckets AS b (key, capacity, tokens, requested, granted, updated_at)
  SELECT key, capacity, capacity - least(requested, floor(capacity)), requested, least(requested, floor(capacity)), now()
    FROM unnest($1::text[], $2::float8[], $3::int[]) AS i(key, capacity, requested)
  ON CONFLICT (key) DO UPDATE SET
    tokens = ${REFILLED} - ${GRANTED},
    granted = ${GRANTED},
    capacity = EXCLUDED.capacity,
    requested = EXCLUDED.requested,
    updated_at = greatest(b.updated_at, EXCLUDED.updated_at)
  RETURNING key, tokens, granted, capacity`;
const PEEK = `
  SELECT key, least(capacity, tokens + greatest(0, extract(epoch FROM now() - updated_at)) * capacity / 60) AS tokens, 0 AS granted, capacity
    FROM rate_limit_buckets WHERE key = ANY($1::text[])`;

/** Seconds until a bucket holding `tokens` has one, at `perMinute` a minute (as TokenBuckets answers). */
export function retryAfterSeconds(tokens: number, perMinute: number): number {
  return Math.max(1, Math.ceil(((1 - tokens) * 60) / perMinute));
}

const PURGE_EVERY_MS = 60_000;
const WARN_EVERY_MS = 60_000;

export class SharedRateLimits {
  private readonly takes: MicroBatcher<Check, TakeResult>;
  private readonly peeks: MicroBatcher<Check, TakeResult>;
  private readonly fallback = new Map<string, TokenBuckets>();
  private lastPurge = 0;
  private lastWarning = 0;

  constructor(
    private readonly pool: Queryable,
    private readonly logger: Logger,
  ) {
    this.takes = new MicroBatcher((checks) => this.runTakes(checks), { maxBatch: 1000, maxInFlight: 2 });
    this.peeks = new MicroBatcher((checks) => this.runPeeks(checks), { maxBatch: 1000, maxInFlight: 2 });
  }

  readonly buckets: BucketStoreFactory = (name, perMinute) => ({
    take: (key) => this.takes.submit({ key: `${name}:${key}`, perMinute }),
    peek: (key) => this.peeks.submit({ key: `${name}:${key}`, perMinute }),
  });

  private async runTakes(checks: Check[]): Promise<TakeResult[]> {
    // One row per key: ON CONFLICT may touch a row once per statement, and a key's requests are granted in order.
    const requested = new Map<string, { perMinute: number; count: number }>();
    for (const check of checks) {
      const entry = requested.get(check.key);
      if (entry) entry.count += 1;
      else requested.set(check.key, { perMinute: check.perMinute, count: 1 });
    }
    const keys = [...requested.keys()];
    let rows: BucketRow[];
    try {
      ({ rows } = await this.pool.query<BucketRow>({
        name: 'rate_limit_take',
        text: TAKE,
        values: [keys, keys.map((key) => requested.get(key)!.perMinute), keys.map((key) => requested.get(key)!.count)],
      }));
    } catch (error) {
      return this.inMemory(checks, error, (buckets, key) => buckets.take(key));
    }
    this.purgeNowAndThen();
    const byKey = new Map(rows.map((row) => [row.key, { tokens: Number(row.tokens), granted: Number(row.granted), capacity: Number(row.capacity) }]));
    return checks.map((check) => {
      const bucket = byKey.get(check.key)!;
      if (bucket.granted > 0) {
        bucket.granted -= 1;
        return { isAllowed: true };
      }
      return { isAllowed: false, retryAfterSeconds: retryAfterSeconds(bucket.tokens, bucket.capacity) };
    });
  }

  private async runPeeks(checks: Check[]): Promise<TakeResult[]> {
    let rows: BucketRow[];
    try {
      ({ rows } = await this.pool.query<BucketRow>({ name: 'rate_limit_peek', text: PEEK, values: [[...new Set(checks.map((check) => check.key))]] }));
    } catch (error) {
      return this.inMemory(checks, error, (buckets, key) => buckets.peek(key));
    }
    const tokens = new Map(rows.map((row) => [row.key, Number(row.tokens)]));
    return checks.map((check) => {
      const left = tokens.get(check.key);
      return left === undefined || left >= 1 ? { isAllowed: true } : { isAllowed: false, retryAfterSeconds: retryAfterSeconds(left, check.perMinute) };
    });
  }

  private inMemory(checks: Check[], error: unknown, use: (buckets: TokenBuckets, key: string) => TakeResult): TakeResult[] {
    if (Date.now() - this.lastWarning > WARN_EVERY_MS) {
      this.lastWarning = Date.now();
      this.logger.warn({ err: error }, 'rate limits could not be counted in PostgreSQL: counting in this instance only meanwhile');
    }
    return checks.map((check) => {
      let buckets = this.fallback.get(`${check.perMinute}`);
      if (!buckets) this.fallback.set(`${check.perMinute}`, (buckets = new TokenBuckets(check.perMinute)));
      return use(buckets, check.key);
    });
  }

  // A bucket untouched for a minute is full again, the same as no row: such rows go, once a minute per instance.
  private purgeNowAndThen(): void {
    const now = Date.now();
    if (now - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = now;
    this.pool.query(`DELETE FROM rate_limit_buckets WHERE updated_at < now() - interval '61 seconds'`).catch((error: unknown) => this.logger.warn({ err: error }, 'could not purge idle rate-limit buckets'));
  }
}
