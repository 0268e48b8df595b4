// Bench child: the real app (createServices + createApp, pool of 10, silent logs) on a loopback port, with a fresh API key.
import { createApp } from '../src/http/app';
import { createLogger } from '../src/logger';
import crypto from 'node:crypto';
import { createServices } from '../src/services';
import { benchDatabaseUrl, POOL_MAX, serveAndAnnounce } from './server-process';

async function main(): Promise<void> {
  // A throwaway link key: the bench database is dropped afterwards.
  const services = createServices(benchDatabaseUrl(), { poolMax: POOL_MAX, links: { key: crypto.randomBytes(32) } });
  const { key } = await services.apiKeys.create('bench', 'recruiter');
  const app = createApp(services, { logger: createLogger((process.env.BENCH_LOG_LEVEL ?? 'silent') as never, process.stderr as never) });
  await serveAndAnnounce(app, key, () => services.close());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
