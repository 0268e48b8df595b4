// Once per test run: a fresh, migrated database; its URL reaches every test file as TEST_DATABASE_URL.
import { migrateDatabase } from '../../src/db/migrate';
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres';
import { createLogger } from '../../src/logger';
import { createDatabase, freePort, makeReachableTempDir, uniqueDatabaseName } from './test-database';

export interface TestRunState {
  serverUrl: string;
  databaseName: string;
  stop?: () => Promise<void>;
  tempDir?: string;
}

export default async function globalSetup(): Promise<void> {
  const logger = createLogger('warn');
  let state: TestRunState;
  if (process.env.DATABASE_URL) {
    state = { serverUrl: process.env.DATABASE_URL, databaseName: uniqueDatabaseName('test') };
  } else {
    const tempDir = makeReachableTempDir('testdb');
    const embedded = await startEmbeddedPostgres({ dataDir: tempDir, port: await freePort(), logger, isOwner: true });
    state = { serverUrl: embedded.url, databaseName: uniqueDatabaseName('test'), stop: embedded.stop, tempDir };
  }
  const url = await createDatabase(state.serverUrl, state.databaseName);
  await migrateDatabase(url, logger);
  process.env.TEST_DATABASE_URL = url;
  process.env.TEST_SERVER_URL = state.serverUrl;
  (globalThis as { __hfrcTestRun?: TestRunState }).__hfrcTestRun = state;
}
