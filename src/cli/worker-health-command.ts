// `worker-health`: the liveness check of a `worker` process (docker-compose.yml's worker health check). It asks
// PostgreSQL whether a session from this machine's address holds a queue worker's liveness advisory lock on this
// database (src/webhooks/worker.ts): such a lock exists only while a worker process lives and its database session
// is up, and the check itself needs the database. No HTTP and no file: a worker serves neither.
import { InvalidArgumentError, type Command } from 'commander';
import { loadConfig } from '../config';
import { liveWorkersFromHere } from '../queue/worker-liveness-store';

function parseSeconds(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 60)
    throw new InvalidArgumentError('must be a number of seconds from 0 to 60');
  return seconds;
}

export function addWorkerHealthCommand(program: Command): void {
  program
    .command('worker-health')
    .description(
      'liveness check of a `worker` process on this machine: exit 0 when PostgreSQL sees a queue worker from this address holding its liveness lock on this database, 1 when none does or the database cannot be reached (needs DATABASE_URL)',
    )
    .option('--timeout <seconds>', 'for connecting and for the query', parseSeconds, 5)
    .action(async (options: { timeout: number }) => {
      const url = loadConfig().database.url;
      if (!url) {
        process.stderr.write('Error: worker-health needs DATABASE_URL (the database the worker uses)\n');
        process.exitCode = 2;
        return;
      }
      const live = await liveWorkersFromHere(url, options.timeout * 1000);
      const from = live.address ?? 'a local socket';
      if (live.workers === 0) {
        process.stderr.write(
          `No queue worker from ${from} holds its liveness lock on database ${live.database}: the worker process is down, still starting, or cannot reach the database\n`,
        );
        process.exitCode = 1;
        return;
      }
      process.stdout.write(`ok: ${live.workers} queue worker(s) from ${from} alive on database ${live.database}\n`);
    });
}
