// What the webhook benches share: signed Greenhouse deliveries built from the real payload, and the real service.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createServices } from '../src/services';
import { signLike } from '../src/crypto/signatures';
import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';

export const SECRETS_KEY_HEX = 'c3'.repeat(32);
export const GREENHOUSE_SECRET = 'bench-greenhouse-secret-0123456789';
const LINK_KEY_HEX = 'd4'.repeat(32);

const template = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '../../shared/data/ats/greenhouse-new_candidate_application.json'), 'utf8'),
);

/** Delivery number n: its own application, candidate, name and e-mail; signed as Greenhouse signs. */
export function greenhouseDelivery(
  n: number,
  runId: string,
): { body: string; headers: Record<string, string>; eventId: string } {
  const payload = structuredClone(template);
  const application = payload.payload.application;
  application.id = 10_000_000 + n;
  application.candidate.id = 20_000_000 + n;
  application.candidate.first_name = `Bench${n}`;
  application.candidate.email_addresses = [{ value: `bench.${runId}.${n}@example.org`, type: 'personal' }];
  application.candidate.phone_numbers = [
    { value: `+1 512 555 ${String(n % 10_000).padStart(4, '0')}`, type: 'mobile' },
  ];
  // Everyone in the sample shares one address and website: as is, every delivery would link to all before it
  // (a farm of thousands). Each gets its own, as real applicants have.
  application.candidate.addresses = [{ value: `${n} Bench Street\nAustin, TX 78701`, type: 'home' }];
  application.candidate.website_addresses = [{ value: `bench-${runId}-${n}.example.org`, type: 'personal' }];
  const body = JSON.stringify(payload);
  const eventId = `${runId}-${n}`;
  return {
    body,
    eventId,
    headers: {
      'content-type': 'application/json',
      'Greenhouse-Event-ID': eventId,
      ...signLike('greenhouse', GREENHOUSE_SECRET, Buffer.from(body)),
    },
  };
}

/** Configures the Greenhouse source in the bench database (sealed with the bench's SECRETS_KEY). */
export async function createGreenhouseSource(databaseUrl: string): Promise<void> {
  const services = createServices(databaseUrl, {
    poolMax: 2,
    links: { key: Buffer.from(LINK_KEY_HEX, 'hex') },
    webhooks: { secretsKey: Buffer.from(SECRETS_KEY_HEX, 'hex') },
  });
  try {
    await services.webhooks.sources.create({
      vendor: 'greenhouse',
      name: 'bench-greenhouse',
      secret: GREENHOUSE_SECRET,
    });
  } finally {
    await services.close();
  }
}

export interface ServiceProcess {
  child: ChildProcess;
  port: number;
  exited: Promise<number | null>;
}

/** The real service (src/main.ts) on the bench database, as a child process; resolves once it listens. */
export function startBenchService(databaseUrl: string, workerConcurrency: number): Promise<ServiceProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    SECRETS_KEY: SECRETS_KEY_HEX,
    LINK_KEY: LINK_KEY_HEX,
    WORKER_CONCURRENCY: String(workerConcurrency),
    DB_POOL_MAX: '10',
    // Let the benches push as hard as they like (per-key/IP limits are for production).
    RATE_LIMIT_PER_IP_PER_MINUTE: '0',
    RATE_LIMIT_PER_KEY_PER_MINUTE: '0',
    RATE_LIMIT_WEBHOOKS_PER_IP_PER_MINUTE: '0',
    // The production log level: one JSON line per request, read and dropped here.
    LOG_LEVEL: 'info',
  };
  // BENCH_SERVICE_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the service.
  const nodeArgs = (process.env.BENCH_SERVICE_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.resolve(__dirname, '../src/main.ts')], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('the service did not start within 120 s'));
    }, 120_000);
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (!line.includes('"hiring-fraud risk checker listening"')) return;
      clearTimeout(timer);
      resolve({ child, port: (JSON.parse(line) as { port: number }).port, exited });
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the service exited with ${code} before listening`));
    });
  });
}

/** Stops a service child: SIGTERM (drain), or SIGKILL after 10 s. */
export async function stopService(service: ServiceProcess): Promise<void> {
  if (service.child.exitCode !== null) return;
  service.child.kill('SIGTERM');
  const timer = setTimeout(() => service.child.kill('SIGKILL'), 10_000);
  await service.exited;
  clearTimeout(timer);
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function newRunId(): string {
  return crypto.randomBytes(4).toString('hex');
}
