// After the run: drop the run's databases (or stop the embedded server and remove its folder).
import fs from 'node:fs';
import type { TestRunState } from './global-setup';
import { dropDatabasesLike } from './test-database';

export default async function globalTeardown(): Promise<void> {
  const registry = globalThis as { __hfrcTestRun?: TestRunState; __hfrcTestRunUsers?: number };
  // Only the last project to finish tears the shared database down.
  registry.__hfrcTestRunUsers = (registry.__hfrcTestRunUsers ?? 1) - 1;
  const state = registry.__hfrcTestRun;
  if (!state || registry.__hfrcTestRunUsers > 0) return;
  registry.__hfrcTestRun = undefined;
  if (state.stop) {
    await state.stop();
    if (state.tempDir) fs.rmSync(state.tempDir, { recursive: true, force: true });
  } else if (process.env.HFRC_KEEP_TEST_DB !== 'true') {
    // The shared database, the template and any test file's own copy left behind.
    await dropDatabasesLike(state.serverUrl, state.databaseName);
  }
}
