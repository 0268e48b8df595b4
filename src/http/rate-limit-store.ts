// Rate-limit token buckets in PostgreSQL, so that a limit holds across every instance (three replicas no longer allow
// three times the limit). The checks that arrive together share ONE statement (MicroBatcher): an upsert per key on an
// UNLOGGED table that refills the bucket, grants as many of the key's requests as it holds, and answers what is left.
// The same token-bucket rule as TokenBuckets (rate-limit.ts). When the database fails, each instance counts in its
// own memory until it answers again (a limit per instance, as before, rather than refusing everyone).
// (If the UPDATE succeeded and the INSERT then failed, those granted requests are counted twice: once in PostgreSQL
// and once in memory. It only errs on refusing sooner during an outage.)
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
const refilled = (input: string, at: string) =>
  `least(${input}.capacity, b.tokens + greatest(0, extract(epoch FROM ${at} - b.updated_at)) * ${input}.capacity / 60)`;
const granted = (input: string, at: string) => `least(${input}.requested, floor(${refilled(input, at)}))`;
// The usual case, a bucket that exists: a plain UPDATE (cheaper than INSERT ... ON CONFLICT, which tries the insert first).
// The keys are also matched as an array, which the primary key finds: joined to unnest() alone (guessed at 10 rows), the
// planner read every bucket in each batch below some 3,500 buckets.
export const TAKE_EXISTING = `
  UPDATE rate_limit_buckets AS b SET
    tokens = ${refilled('i', 'now()')} - ${granted('i', 'now()')},
    granted = ${granted('i', 'now()')},
    capacity = i.capacity,
    requested = i.requested,
    updated_at = greatest(b.updated_at, now())
  FROM unnest($1::text[], $2::float8[], $3::int[]) AS i(key, capacity, requested)
  WHERE b.key = ANY($1::text[]) AND b.key = i.key
  RETURNING b.key, b.tokens, b.granted, b.capacity`;
// Keys without a bucket (first request, or idle for a minute): inserted full less what is granted; another instance
// inserting the same key at once is met by ON CONFLICT.
const TAKE_NEW = `
  INSERT INTO rate_limit_buckets AS b (key, capacity, tokens, requested, granted, updated_at)
  SELECT key, capacity, capacity - least(requested, floor(capacity)), requested, least(requested, floor(capacity)), now()
    FROM unnest($1::text[], $2::float8[], $3::int[]) AS i(key, capacity, requested)
  ON CONFLICT (key) DO UPDATE SET
    tokens = ${refilled('EXCLUDED', 'EXCLUDED.updated_at')} - ${granted('EXCLUDED', 'EXCLUDED.updated_at')},
    granted = ${granted('EXCLUDED', 'EXCLUDED.updated_at')},
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

/**
 * Tokens an instance may take ahead for a busy key and spend without a statement: 1/200 of the allowance, at most 20
 * (none below 200 a minute, so small limits stay exact). They come out of the shared bucket, so the limit is never
 * exceeded; a client may be refused while another instance still holds up to two leases for it. Unused ones lapse
 * after LEASE_MS and are lost, which costs a client that is never busy at most (lease + 1) tokens a second: 0.3x the
 * allowance + 60 a minute, always under it.
 */
export function leaseSize(perMinute: number): number {
  return Math.min(20, Math.floor(perMinute / 200));
}
const LEASE_MS = 1_000;

const PURGE_EVERY_MS = 60_000;
const WARN_EVERY_MS = 60_000;

export class SharedRateLimits {
  private readonly takes: MicroBatcher<Check, TakeResult>;
  private readonly peeks: MicroBatcher<Check, TakeResult>;
  private readonly fallback = new Map<string, TokenBuckets>();
  private readonly leases = new Map<string, { tokens: number; expiresAt: number }>();
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
    take: (key) => this.take({ key: `${name}:${key}`, perMinute }),
    peek: (key) => this.peeks.submit({ key: `${name}:${key}`, perMinute }),
  });

  /** Spends a leased token when this instance holds one for the key; otherwise asks PostgreSQL (batched). */
  private take(check: Check): Promise<TakeResult> {
    const lease = this.leases.get(check.key);
    if (lease) {
      if (lease.tokens >= 1 && lease.expiresAt > Date.now()) {
        lease.tokens -= 1;
        return Promise.resolve({ isAllowed: true });
      }
      this.leases.delete(check.key);
    }
    return this.takes.submit(check);
  }

  private async runTakes(checks: Check[]): Promise<TakeResult[]> {
    // One row per key: ON CONFLICT may touch a row once per statement, and a key's requests are granted in order.
    const requested = new Map<string, { perMinute: number; count: number }>();
    for (const check of checks) {
      const entry = requested.get(check.key);
      if (entry) entry.count += 1;
      else requested.set(check.key, { perMinute: check.perMinute, count: 1 });
    }
    // Each key also asks for a lease, granted only from what is left after this batch's own requests.
    const waiting = new Map([...requested].map(([key, entry]) => [key, entry.count]));
    for (const entry of requested.values()) entry.count += leaseSize(entry.perMinute);
    const keys = [...requested.keys()];
    const values = (subset: string[]) => [
      subset,
      subset.map((key) => requested.get(key)!.perMinute),
      subset.map((key) => requested.get(key)!.count),
    ];
    let rows: BucketRow[];
    try {
      ({ rows } = await this.pool.query<BucketRow>({
        name: 'rate_limit_take',
        text: TAKE_EXISTING,
        values: values(keys),
      }));
      if (rows.length < keys.length) {
        const found = new Set(rows.map((row) => row.key));
        const inserted = await this.pool.query<BucketRow>({
          name: 'rate_limit_take_new',
          text: TAKE_NEW,
          values: values(keys.filter((key) => !found.has(key))),
        });
        rows = [...rows, ...inserted.rows];
      }
    } catch (error) {
      return this.inMemory(checks, error, (buckets, key) => buckets.take(key));
    }
    this.purgeNowAndThen();
    const byKey = new Map(
      rows.map((row) => [
        row.key,
        { tokens: Number(row.tokens), granted: Number(row.granted), capacity: Number(row.capacity) },
      ]),
    );
    const expiresAt = Date.now() + LEASE_MS;
    for (const [key, bucket] of byKey) {
      const ahead = bucket.granted - waiting.get(key)!;
      if (ahead <= 0) continue;
      // Two statements may be in flight for one key: what is left of the other's lease is kept.
      const held = this.leases.get(key);
      this.leases.set(key, { tokens: ahead + (held && held.expiresAt > Date.now() ? held.tokens : 0), expiresAt });
    }
    if (this.leases.size > 100_000) this.dropLapsedLeases();
    return checks.map((check) => {
      const bucket = byKey.get(check.key)!;
      if (bucket.granted > 0) {
        bucket.granted -= 1;
        return { isAllowed: true };
      }
      return { isAllowed: false, retryAfterSeconds: retryAfterSeconds(bucket.tokens, bucket.capacity) };
    });
  }

  private dropLapsedLeases(): void {
    const now = Date.now();
    for (const [key, lease] of this.leases) if (lease.expiresAt <= now) this.leases.delete(key);
  }

  private async runPeeks(checks: Check[]): Promise<TakeResult[]> {
    let rows: BucketRow[];
    try {
      ({ rows } = await this.pool.query<BucketRow>({
        name: 'rate_limit_peek',
        text: PEEK,
        values: [[...new Set(checks.map((check) => check.key))]],
      }));
    } catch (error) {
      return this.inMemory(checks, error, (buckets, key) => buckets.peek(key));
    }
    const tokens = new Map(rows.map((row) => [row.key, Number(row.tokens)]));
    return checks.map((check) => {
      const left = tokens.get(check.key);
      return left === undefined || left >= 1
        ? { isAllowed: true }
        : { isAllowed: false, retryAfterSeconds: retryAfterSeconds(left, check.perMinute) };
    });
  }

  private inMemory(
    checks: Check[],
    error: unknown,
    use: (buckets: TokenBuckets, key: string) => TakeResult,
  ): TakeResult[] {
    if (Date.now() - this.lastWarning > WARN_EVERY_MS) {
      this.lastWarning = Date.now();
      this.logger.warn(
        { err: error },
        'rate limits could not be counted in PostgreSQL: counting in this instance only meanwhile',
      );
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
    this.pool
      .query(`DELETE FROM rate_limit_buckets WHERE updated_at < now() - interval '61 seconds'`)
      .catch((error: unknown) => this.logger.warn({ err: error }, 'could not purge idle rate-limit buckets'));
  }
}
