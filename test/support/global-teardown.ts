// After the run: drop the run's databases (or stop the embedded server and remove its folder).
import fs from 'node:fs';
import type { TestRunState } from './global-setup';
import { dropDatabasesLike } from './test-database';

export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as { __hfrcTestRun?: TestRunState }).__hfrcTestRun;
  if (!state) return;
  if (state.stop) {
    await state.stop();
    if (state.tempDir) fs.rmSync(state.tempDir, { recursive: true, force: true });
  } else if (process.env.HFRC_KEEP_TEST_DB !== 'true') {
    // The shared database, the template and any test file's own copy left behind.
    await dropDatabasesLike(state.serverUrl, state.databaseName);
  }
}
