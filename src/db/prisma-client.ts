// Database clients over ONE node-postgres pool: Prisma Client (no native engine) for most queries, and the
// pool itself for the screening write path, where Prisma's per-query cost dominated (docs/performance.md).
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client';

export type Db = PrismaClient;
export { Prisma } from '../generated/prisma/client';

/** Anything that runs a parameterised query: the pool, or a client inside a transaction. */
export interface Queryable {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
  /** A named statement: PostgreSQL parses and plans it once per connection instead of on every call (hot paths). */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(config: pg.QueryConfig): Promise<pg.QueryResult<R>>;
}

export interface DatabaseClients {
  db: PrismaClient;
  pool: pg.Pool;
  close(): Promise<void>;
}

/**
 * `statementTimeoutMs`: PostgreSQL's statement_timeout on every connection of the pool (0 or unset: none). The
 * service sets it so a runaway query cannot hold a connection forever; the CLI's long jobs and migrations do not.
 */
export function createDatabaseClients(connectionString: string, poolMax = 10, statementTimeoutMs = 0): DatabaseClients {
  const pool = new pg.Pool({
    connectionString,
    max: poolMax,
    // Sent as a startup parameter: no extra round trip per connection (57014 query_canceled when it fires).
    ...(statementTimeoutMs > 0 ? { statement_timeout: statementTimeoutMs } : {}),
    // Fail fast when the server is away so requests get a 503 instead of hanging.
    connectionTimeoutMillis: 3_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle connection dropped by the server must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  // Nor one that is checked out but between queries (a transaction's client while JavaScript runs): pg-pool removes
  // its own listener while a client is out, and PostgreSQL's shutdown message (57P01) would then be an unhandled
  // 'error' event. The client's next query fails instead (a 503), and the pool discards it on release.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    db,
    pool,
    close: async () => {
      await db.$disconnect();
      await pool.end();
    },
  };
}

// deadlock_detected and serialization_failure: PostgreSQL undid the whole transaction, so running it again is safe.
const RETRYABLE = new Set(['40P01', '40001']);
const MAX_ATTEMPTS = 3;

function isRetryable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && RETRYABLE.has(String((error as { code?: unknown }).code));
}

/**
 * Runs `work` in one transaction on one pooled connection; rolls back on any error. A deadlock (two screenings
 * rescoring each other's linked cases) is retried from the start, at most three attempts in all.
 */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransactionOnce(pool, work);
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !isRetryable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}

async function inTransactionOnce<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let isBroken = false;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {
      isBroken = true;
    });
    throw error;
  } finally {
    client.release(isBroken);
  }
}
