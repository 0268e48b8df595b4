// Bench child: the real app (createServices + createApp, pool of 10, silent logs) on a loopback port, with a fresh API key
// (BENCH_WORKER=1: and the job queue's workers);
// BENCH_PROCESSES=N serves it from N processes on one port (serveOnProcesses);
// BENCH_RATE_LIMITS=1: with the service's rate limits counted in PostgreSQL, set far above the load (counted, never refused).
import crypto from 'node:crypto';
import { createApp } from '../src/app';
import { createLogger } from '../src/logger';
import { createServices } from '../src/services';
import { startWebhookProcessing } from '../src/webhooks/start-processing';
import { benchDatabaseUrl, POOL_MAX, serveAndAnnounce, serveOnProcesses } from './server-process';

async function serve(announce: boolean, linkKeyHex: string): Promise<void> {
  const services = createServices(benchDatabaseUrl(), {
    poolMax: POOL_MAX,
    links: { key: Buffer.from(linkKeyHex, 'hex') },
  });
  const { key } = await services.apiKeys.create('bench', 'recruiter');
  const unreached = 100_000_000;
  const rateLimits =
    process.env.BENCH_RATE_LIMITS === '1'
      ? {
          perIpPerMinute: unreached,
          perKeyPerMinute: unreached,
          webhookPerIpPerMinute: unreached,
          pagesPerIpPerMinute: unreached,
        }
      : undefined;
  const app = createApp(services, {
    logger: createLogger((process.env.BENCH_LOG_LEVEL ?? 'silent') as never, process.stderr as never),
    rateLimits,
    rateLimitBuckets: services.rateLimits.buckets,
  });
  // BENCH_WORKER=1: the queue's workers in the same process, as the service runs them by default (links, webhooks).
  const worker =
    process.env.BENCH_WORKER === '1'
      ? await startWebhookProcessing(services, benchDatabaseUrl(), createLogger('silent'), 4)
      : null;
  await serveAndAnnounce(
    app,
    key,
    async () => {
      await worker?.stop();
      await services.close();
    },
    announce,
  );
}

// A throwaway link key, one for all processes as LINK_KEY is in production: the bench database is dropped afterwards.
serveOnProcesses(serve, () => crypto.randomBytes(32).toString('hex')).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
