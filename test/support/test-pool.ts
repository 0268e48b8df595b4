// A pool for a test's own queries. Like the service's pools (src/db/prisma-client.ts) it ignores a connection the
// server drops: pg-pool ends its clients asynchronously, so a test database dropped just after pool.end() can still
// terminate one of them (57P01), and an 'error' event with no listener would fail the whole test file.
import pg from 'pg';

export function testPool(connectionString: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString, max });
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}
