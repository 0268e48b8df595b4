// `worker`: runs only the webhook queue (no HTTP), as many processes as wanted on one database.
import { InvalidArgumentError, type Command } from 'commander';
import type { Logger } from '../logger';
import type { Services } from '../services';
import { startWebhookProcessing } from '../webhooks/start-processing';

type WithServices = <T>(
  run: (services: Services, context: { url: string; logger: Logger }) => Promise<T>,
  longRunning?: { poolMax: number },
) => Promise<T>;

function parseConcurrency(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > 100)
    throw new InvalidArgumentError('must be a whole number from 1 to 100');
  return number;
}

export function addWorkerCommand(program: Command, withServices: WithServices): void {
  program
    .command('worker')
    .description('run only the webhook queue (no HTTP): scale workers out on one database; stops on SIGINT/SIGTERM')
    .option('--concurrency <n>', 'jobs at once', parseConcurrency, 4)
    .action(async (options: { concurrency: number }) => {
      await withServices(
        async (services, { url, logger }) => {
          await Promise.all([services.sanctions.ready(), services.knownAddresses.ready()]);
          await services.instanceSync?.start();
          const worker = await startWebhookProcessing(services, url, logger, options.concurrency);
          logger.info({ concurrency: options.concurrency }, 'webhook worker running');
          await new Promise<void>((resolve) => {
            process.once('SIGINT', resolve);
            process.once('SIGTERM', resolve);
          });
          await worker.stop();
          // A screening job holds a connection of the services' pool: one per concurrent job, and two to spare.
        },
        { poolMax: options.concurrency + 2 },
      );
    });
}
