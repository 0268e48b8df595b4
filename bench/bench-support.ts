// What the database benches share: settings from the environment, a throwaway database, and cleanup on any exit.
import crypto from 'node:crypto';
import pg from 'pg';
import { migrateDatabase } from '../src/db/migrate';
import { createLogger } from '../src/logger';

// Undone in reverse order on success, error, SIGINT or SIGTERM.
export const teardownSteps: (() => Promise<void>)[] = [];
let teardownDone: Promise<void> | undefined;

export function teardown(): Promise<void> {
  teardownDone ??= (async () => {
    for (let step = teardownSteps.pop(); step; step = teardownSteps.pop()) {
      await step().catch((error: unknown) => console.error('cleanup step failed:', error));
    }
  })();
  return teardownDone;
}

/** Ctrl-C and SIGTERM still drop the bench database. */
export function teardownOnSignals(): void {
  process.on('SIGINT', () => void teardown().finally(() => process.exit(130)));
  process.on('SIGTERM', () => void teardown().finally(() => process.exit(143)));
}

export function boundedInteger(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`${name} must be a whole number from ${min} to ${max}`);
  return value;
}

export async function query<R extends pg.QueryResultRow>(
  databaseUrl: string,
  sql: string,
  values: unknown[] = [],
): Promise<R[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<R>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

/** Creates `<prefix>_<random>` on the admin URL's server, schedules its drop, and migrates it; returns its URL. */
export async function createBenchDatabase(adminUrl: string, prefix: string): Promise<string> {
  const name = `${prefix}_${crypto.randomBytes(6).toString('hex')}`;
  await query(adminUrl, `CREATE DATABASE ${name}`);
  teardownSteps.push(() =>
    query(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).then(() => console.log(`dropped database ${name}`)),
  );
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await migrateDatabase(url.toString(), createLogger('silent'));
  console.log(`created and migrated database ${name}`);
  return url.toString();
}
