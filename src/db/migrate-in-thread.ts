// Migrations at start-up in a thread of their own: the schema engine is WebAssembly whose memory (tens of MB) a
// process keeps once grown; a thread's goes when the thread ends, so the service does not carry it for its lifetime.
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import pino from 'pino';
import type { Logger } from '../logger';
import { migrateDatabase } from './migrate';

interface ThreadOptions {
  /** The thread's script; by default the built migrate-worker.js beside this file (tests pass one that runs the source). */
  workerFile?: string;
}

type ThreadError = { message: string; stack?: string; code?: unknown; kind?: unknown; originalCode?: unknown };
type ThreadMessage = { line: string } | { applied: string[] } | { error: ThreadError };

/** migrateDatabase, in a worker thread when the built script is there (npm start, the image); in-process otherwise. */
export async function migrateDatabaseInThread(
  connectionString: string,
  logger: Logger,
  options: ThreadOptions = {},
): Promise<string[]> {
  const workerFile = options.workerFile ?? path.join(__dirname, 'migrate-worker.js');
  if (!fs.existsSync(workerFile)) return migrateDatabase(connectionString, logger); // from sources (tsx, tests)
  const worker = new Worker(workerFile, { workerData: { connectionString, level: logger.level } });
  try {
    return await new Promise<string[]>((resolve, reject) => {
      worker.on('message', (message: ThreadMessage) => {
        if ('line' in message) relayLine(logger, message.line);
        else if ('applied' in message) resolve(message.applied);
        else reject(Object.assign(new Error(message.error.message), message.error));
      });
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the migration thread stopped (exit code ${code})`)));
    });
  } finally {
    await worker.terminate();
  }
}

// A thread's log line, logged again by the service's logger (its own time, pid and service fields are the parent's).
function relayLine(logger: Logger, line: string): void {
  const { level, msg, time: _time, pid: _pid, hostname: _hostname, service: _service, ...fields } = JSON.parse(line);
  const method = (pino.levels.labels[level as number] ?? 'info') as 'info';
  logger[method](fields, msg as string);
}
