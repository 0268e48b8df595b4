// The body of a migration thread (see migrate-in-thread.ts): migrates, then reports; its log lines go to the parent.
import { parentPort, workerData } from 'node:worker_threads';
import { createLogger } from '../logger';
import { migrateDatabase } from './migrate';

const { connectionString, level } = workerData as { connectionString: string; level: string };
const logger = createLogger(level, { write: (line: string) => parentPort!.postMessage({ line }) });

migrateDatabase(connectionString, logger).then(
  (applied) => parentPort!.postMessage({ applied }),
  // An error crosses the thread as plain fields: its codes say whether the database was away (db/unavailable.ts).
  (error: unknown) => {
    const { message, stack, code, kind, originalCode } = (
      error instanceof Error ? error : new Error(String(error))
    ) as Error & Record<string, unknown>;
    parentPort!.postMessage({ error: { message, stack, code, kind, originalCode } });
  },
);
