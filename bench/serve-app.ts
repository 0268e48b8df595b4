// Bench child: the real app (createServices + createApp, pool of 10, silent logs) on a loopback port, with a fresh API key.
// BENCH_APP_PROCESSES=N serves from N processes sharing the port (node:cluster), as HTTP_PROCESSES does in the service.
import cluster from 'node:cluster';
import crypto from 'node:crypto';
import { createApp } from '../src/http/app';
import { createLogger } from '../src/logger';
import { createServices } from '../src/services';
import { boundedInteger } from './bench-support';
import { benchDatabaseUrl, POOL_MAX, serveAndAnnounce } from './server-process';

async function serve(linkKey: Buffer, announce: boolean): Promise<void> {
  const services = createServices(benchDatabaseUrl(), { poolMax: POOL_MAX, links: { key: linkKey } });
  const { key } = await services.apiKeys.create('bench', 'recruiter');
  const app = createApp(services, { logger: createLogger((process.env.BENCH_LOG_LEVEL ?? 'silent') as never, process.stderr as never) });
  await serveAndAnnounce(app, key, () => services.close(), announce);
}

async function main(): Promise<void> {
  const processes = boundedInteger('BENCH_APP_PROCESSES', 1, 1, 16);
  if (processes === 1) return serve(crypto.randomBytes(32), true);
  if (cluster.isPrimary) {
    // One throwaway link key for all processes (the bench database is dropped afterwards), as LINK_KEY is in production.
    const linkKey = crypto.randomBytes(32).toString('hex');
    const workers = Array.from({ length: processes }, (_, index) => cluster.fork({ BENCH_LINK_KEY: linkKey, BENCH_ANNOUNCE: index === 0 ? '1' : '' }));
    const stop = () => workers.forEach((worker) => worker.process.kill('SIGTERM'));
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
    let exited = 0;
    cluster.on('exit', () => {
      if (++exited === processes) process.exit(0);
    });
    return;
  }
  await serve(Buffer.from(process.env.BENCH_LINK_KEY!, 'hex'), process.env.BENCH_ANNOUNCE === '1');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
