// Once per test run: a fresh, migrated database; its URL reaches every test file as TEST_DATABASE_URL.
import { migrateDatabase } from '../../src/db/migrate';
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres';
import { createLogger } from '../../src/logger';
import { cloneDatabase, createDatabase, freePort, makeReachableTempDir, uniqueDatabaseName } from './test-database';

export interface TestRunState {
  serverUrl: string;
  databaseName: string;
  stop?: () => Promise<void>;
  tempDir?: string;
}

type RunRegistry = { __hfrcTestRun?: TestRunState; __hfrcTestRunUsers?: number };

export default async function globalSetup(): Promise<void> {
  // The integration and browser projects each name this setup: the second one to start shares the first one's database.
  const registry = globalThis as RunRegistry;
  registry.__hfrcTestRunUsers = (registry.__hfrcTestRunUsers ?? 0) + 1;
  if (registry.__hfrcTestRun) return;
  const logger = createLogger('warn');
  let state: TestRunState;
  if (process.env.DATABASE_URL) {
    state = { serverUrl: process.env.DATABASE_URL, databaseName: uniqueDatabaseName('test') };
  } else {
    const tempDir = makeReachableTempDir('testdb');
    const embedded = await startEmbeddedPostgres({ dataDir: tempDir, port: await freePort(), logger, isOwner: true });
    state = { serverUrl: embedded.url, databaseName: uniqueDatabaseName('test'), stop: embedded.stop, tempDir };
  }
  // A migrated template nobody connects to; the shared database and each test file's own are copies of it.
  const template = `${state.databaseName}_template`;
  await migrateDatabase(await createDatabase(state.serverUrl, template), logger);
  const url = await cloneDatabase(state.serverUrl, template, state.databaseName);
  process.env.TEST_DATABASE_URL = url;
  process.env.TEST_TEMPLATE_DATABASE = template;
  process.env.TEST_SERVER_URL = state.serverUrl;
  registry.__hfrcTestRun = state;
}
