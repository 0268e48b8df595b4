// After the run: drop the run's database (or stop the embedded server and remove its folder).
import fs from 'node:fs';
import type { TestRunState } from './global-setup';
import { dropDatabase } from './test-database';

export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as { __hfrcTestRun?: TestRunState }).__hfrcTestRun;
  if (!state) return;
  if (state.stop) {
    await state.stop();
    if (state.tempDir) fs.rmSync(state.tempDir, { recursive: true, force: true });
  } else if (process.env.HFRC_KEEP_TEST_DB !== 'true') {
    await dropDatabase(state.serverUrl, state.databaseName);
  }
}
