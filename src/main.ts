// Composition root: config -> database (URL or embedded) -> migrate -> HTTP; drains and stops cleanly on a signal.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig, type Config } from './config';
import { ConfigError } from './config-env';
import { migrateDatabaseInThread } from './db/migrate-in-thread';
import { openDatabase } from './db/open-database';
import { createApp } from './app';
import { createHttpServer } from './http/server-options';
import { bufferedStdout, createLogger } from './logger';
import { configureSignIn, createServices, serviceOptionsFromConfig } from './services';
import { startupErrorLine } from './startup-error';
import { startWebhookProcessing } from './webhooks/start-processing';
import type { WebhookWorker } from './webhooks/worker';

function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel, bufferedStdout());
  let database: Awaited<ReturnType<typeof openDatabase>>;
  try {
    database = await openDatabase(config.database, logger);
  } catch (error) {
    failToStart(error, config, logger);
    process.exit(1);
  }
  let services: ReturnType<typeof createServices> | undefined;
  let server: Server | undefined;
  let isStopping = false;
  let purgeTimer: NodeJS.Timeout | undefined;
  let worker: WebhookWorker | undefined;

  const stop = async (signal: string) => {
    if (isStopping) return;
    isStopping = true;
    logger.info({ signal }, 'shutting down: draining HTTP connections');
    const forceClose = setTimeout(() => server?.closeAllConnections(), config.http.shutdownTimeoutMs);
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server?.closeIdleConnections();
    clearTimeout(forceClose);
    clearInterval(purgeTimer);
    // Jobs in progress finish (or are released for another worker) before the database goes.
    await worker?.stop().catch((error: unknown) => logger.warn({ err: error }, 'webhook worker did not stop cleanly'));
    await services?.close();
    await database.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGHUP', () => void stop('SIGHUP'));

  try {
    await migrateDatabaseInThread(database.url, logger);
    // The statement timeout is the service's only: migrations ran above without it, and CLI jobs open their own pools.
    services = createServices(database.url, {
      ...serviceOptionsFromConfig(config),
      statementTimeoutMs: config.database.statementTimeoutMs,
      logger,
      instanceKind: 'service',
    });
    // Serve with the imported sanctions list from the first request (the built-in list answers if none is imported).
    const running = services;
    // Continuous screening: a newly activated list version re-screens the open cases (one instance does it).
    running.sanctions.onVersionChange(async (next) => {
      if (next.version.isBuiltIn || !next.version.id) return;
      await running.sanctionsRescreener.rescreenAll(next.version.id, () => next);
    });
    // Declared company addresses too, so that none links an applicant from the first request.
    await Promise.all([services.sanctions.ready(), services.knownAddresses.ready()]);
    // With OIDC_ISSUER, a provider whose discovery document cannot be read stops the start here, naming the variable.
    await configureSignIn(services, config.signIn);
    // From here on a change made anywhere (CLI, another instance) reaches this one within a second, and the CLI waits for it.
    await services.instanceSync?.start();
    const app = createApp(services, {
      logger,
      trustProxy: config.http.trustProxy,
      rateLimits: config.http.rateLimits,
      rateLimitBuckets: services.rateLimits.buckets,
    });
    // Timeouts against slow clients and for running behind a load balancer: src/http/server-options.ts.
    server = createHttpServer(app);
    server.listen(config.http.port, config.http.host);
    await new Promise<void>((resolve, reject) => {
      server!.once('listening', resolve);
      server!.once('error', reject);
    });
    purgeTimer = setInterval(() => {
      running.screening
        .purgeExpiredIdempotency()
        .catch((error: unknown) => logger.warn({ err: error }, 'could not purge expired idempotency answers'));
    }, 3_600_000).unref();
    if (config.webhooks.workerConcurrency > 0) {
      worker = await startWebhookProcessing(running, database.url, logger, config.webhooks.workerConcurrency);
    }
    const { port } = server.address() as AddressInfo;
    logger.info(
      { port, host: config.http.host, embeddedDatabase: database.isEmbedded },
      'hiring-fraud risk checker listening',
    );
    if (!config.metrics.isServed)
      logger.warn('GET /metrics is not served: set METRICS_TOKEN to serve it to Prometheus');
    // The start-up lines now, not with the next block of request lines (src/logger.ts: bufferedStdout).
    logger.flush();
  } catch (error) {
    failToStart(error, config, logger);
    await worker?.stop().catch(() => undefined);
    await services?.close().catch(() => undefined);
    await database.close().catch(() => undefined);
    process.exit(1);
  }
}

/** One line on stderr naming the cause and the fix; the stack only at LOG_LEVEL=debug. */
function failToStart(error: unknown, config: Config, logger: ReturnType<typeof createLogger>): void {
  const line = startupErrorLine(error, config.database.url);
  logger.debug({ err: error }, 'start-up failure in detail');
  logger.fatal(line);
  process.stderr.write(`${line}\n`);
}

void main();
