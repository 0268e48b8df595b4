// The body of a migration thread (see migrate-in-thread.ts): migrates, then reports; its log lines go to the parent.
import { parentPort, workerData } from 'node:worker_threads';
import { createLogger } from '../logger';
import { migrateDatabase } from './migrate';

const { connectionString, level } = workerData as { connectionString: string; level: string };
const logger = createLogger(level, { write: (line: string) => parentPort!.postMessage({ line }) });

migrateDatabase(connectionString, logger).then(
  (applied) => parentPort!.postMessage({ applied }),
  (error: unknown) =>
    parentPort!.postMessage({
      error: error instanceof Error ? { message: error.message, stack: error.stack } : { message: String(error) },
    }),
);
