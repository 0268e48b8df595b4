// Rate-limit buckets in PostgreSQL (src/http/rate-limit-store.ts): two stores on their own pools stand for two instances.
import pg from 'pg';
import { SharedRateLimits } from '../../src/http/rate-limit-store';
import { createLogger } from '../../src/logger';
import { startTestServer, type TestServer } from '../support/test-server';
import { testPool } from '../support/test-pool';

describe('rate limits shared through PostgreSQL', () => {
  let server: TestServer;
  const pools: pg.Pool[] = [];
  const instance = () => {
    const pool = testPool(server.databaseUrl, 2);
    pools.push(pool);
    return new SharedRateLimits(pool, createLogger('silent'));
  };

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.end().catch(() => undefined)));
    await server.close();
  });

  it('grants a key N requests across two instances checking at once, and refuses the rest with Retry-After', async () => {
    const [a, b] = [instance().buckets('key', 30), instance().buckets('key', 30)];
    const results = await Promise.all(Array.from({ length: 50 }, (_, index) => (index % 2 ? a : b).take('k1')));
    expect(results.filter((result) => result.isAllowed)).toHaveLength(30);
    // 30 a minute: the next token in 2 s, less the refill while the 50 ran (1 s if that took over half a second).
    const waits = results.flatMap((result) => (result.isAllowed ? [] : [result.retryAfterSeconds]));
    expect(waits).toHaveLength(20);
    expect(waits.filter((seconds) => seconds !== 1 && seconds !== 2)).toEqual([]);
    const [row] = (
      await server.services.pool.query<{ tokens: number; capacity: number }>(
        `SELECT tokens, capacity FROM rate_limit_buckets WHERE key = 'key:k1'`,
      )
    ).rows;
    expect(row!.capacity).toBe(30);
    expect(row!.tokens).toBeLessThan(1);
  });

  it('keeps limiters and keys apart: another key or another limiter has its own bucket', async () => {
    const store = instance();
    const key = store.buckets('key', 1);
    const pages = store.buckets('pages', 1);
    expect(await key.take('k2')).toEqual({ isAllowed: true });
    expect((await key.take('k2')).isAllowed).toBe(false);
    expect(await key.take('k3')).toEqual({ isAllowed: true });
    expect(await pages.take('k2')).toEqual({ isAllowed: true });
  });

  it('peeks without spending, and sees what the other instance spent', async () => {
    const [a, b] = [instance().buckets('failures', 2), instance().buckets('failures', 2)];
    expect(await b.peek('10.0.0.1')).toEqual({ isAllowed: true });
    expect(await a.peek('10.0.0.1')).toEqual({ isAllowed: true });
    await a.take('10.0.0.1');
    expect(await b.peek('10.0.0.1')).toEqual({ isAllowed: true });
    await a.take('10.0.0.1');
    // 2 a minute: a token every 30 s.
    expect(await b.peek('10.0.0.1')).toEqual({ isAllowed: false, retryAfterSeconds: 30 });
  });

  it('refills at the steady rate: a bucket emptied 30 s ago holds half its allowance again', async () => {
    const store = instance().buckets('key', 10);
    for (let i = 0; i < 10; i++) expect((await store.take('k4')).isAllowed).toBe(true);
    expect((await store.take('k4')).isAllowed).toBe(false);
    await server.services.pool.query(
      `UPDATE rate_limit_buckets SET updated_at = updated_at - interval '30 seconds' WHERE key = 'key:k4'`,
    );
    const next = await Promise.all(Array.from({ length: 7 }, () => store.take('k4')));
    expect(next.filter((result) => result.isAllowed)).toHaveLength(5);
  });

  it('takes tokens ahead for a busy key (1/200 of a large allowance): spent without a statement, never beyond the limit across instances', async () => {
    let statements = 0;
    const pool = testPool(server.databaseUrl, 2);
    pools.push(pool);
    const counting = {
      query: (config: pg.QueryConfig) => ((statements += 1), pool.query(config)),
    } as unknown as pg.Pool;
    const a = new SharedRateLimits(counting, createLogger('silent')).buckets('key', 2_000);
    const b = instance().buckets('key', 2_000);
    const started = Date.now();
    expect(await a.take('busy')).toEqual({ isAllowed: true });
    expect(statements).toBeGreaterThanOrEqual(1);
    const afterFirst = statements;
    // The first statement granted 1 + 10 ahead: the next 10 on this instance ask nothing of PostgreSQL.
    for (let i = 0; i < 10; i++) expect(await a.take('busy')).toEqual({ isAllowed: true });
    expect(statements).toBe(afterFirst);
    const [row] = (
      await server.services.pool.query<{ tokens: number }>(
        `SELECT tokens FROM rate_limit_buckets WHERE key = 'key:busy'`,
      )
    ).rows;
    expect(Math.floor(row!.tokens)).toBe(1_989);
    // Both instances at once, far past the allowance: at most 2,000 in all (and what refilled meanwhile, 33 a second),
    // and at most two leases per instance short of it (two statements in flight each).
    const results = await Promise.all(Array.from({ length: 2_400 }, (_, index) => (index % 2 ? a : b).take('busy')));
    const allowed = 11 + results.filter((result) => result.isAllowed).length;
    expect(allowed).toBeLessThanOrEqual(2_000 + Math.ceil(((Date.now() - started) / 60_000) * 2_000));
    expect(allowed).toBeGreaterThanOrEqual(2_000 - 2 * 2 * 10);
  });

  it("counts in the instance's memory while the database fails, rather than refusing or allowing everyone", async () => {
    const pool = testPool(server.databaseUrl, 1);
    const store = new SharedRateLimits(pool, createLogger('silent')).buckets('key', 3);
    await pool.end();
    const results = await Promise.all(Array.from({ length: 5 }, () => store.take('k5')));
    expect(results.map((result) => result.isAllowed)).toEqual([true, true, true, false, false]);
  });
});
