// Bench server child processes: a child listens on a random loopback port and announces it as one JSON line on stdout.
import { spawn, type ChildProcess } from 'node:child_process';
import cluster from 'node:cluster';
import http, { type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import readline from 'node:readline';

/** Both servers get the same database pool size. */
export const POOL_MAX = 10;
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 5_000;

interface Announcement {
  port: number;
  apiKey?: string;
}

export interface RunningServer {
  url: string;
  /** The child's process id (its CPU time is read from /proc). */
  pid: number;
  apiKey?: string;
  stop(): Promise<void>;
}

/** Child side: the database the parent created for this run. */
export function benchDatabaseUrl(): string {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) throw new Error('BENCH_DATABASE_URL is not set; run bench/screening.ts, which starts this script');
  return url;
}

/** Child side: serve on 127.0.0.1, announce the port (and API key, if any), and run `close` on SIGTERM or SIGINT. */
/** `announce` false: a second process of a node:cluster server listens on the same port, and the first one speaks for both. */
export async function serveAndAnnounce(
  handler: RequestListener,
  apiKey: string | undefined,
  close: () => Promise<void>,
  announce = true,
): Promise<void> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  let isStopping = false;
  const stop = () => {
    if (isStopping) return;
    isStopping = true;
    server.close();
    server.closeAllConnections();
    void close().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  const announcement: Announcement = { port: (server.address() as AddressInfo).port, apiKey };
  if (announce) process.stdout.write(`${JSON.stringify(announcement)}\n`);
}

/**
 * Child side: runs `start` in BENCH_PROCESSES processes (default 1) that share one port (node:cluster), as several
 * instances behind a proxy would; the first announces for all. `start(announce, shared)` gets the primary's `shared`
 * value (e.g. one link key for every process). Both bench servers use it, so they are compared on equal terms.
 */
export async function serveOnProcesses(
  start: (announce: boolean, shared: string) => Promise<void>,
  shared: () => string,
): Promise<void> {
  const raw = process.env.BENCH_PROCESSES ?? '1';
  const processes = Number(raw);
  if (!Number.isInteger(processes) || processes < 1 || processes > 16)
    throw new Error('BENCH_PROCESSES must be a whole number from 1 to 16');
  if (processes === 1) return start(true, shared());
  if (!cluster.isPrimary) return start(process.env.BENCH_ANNOUNCE === '1', process.env.BENCH_SHARED ?? '');
  const value = shared();
  const workers = Array.from({ length: processes }, (_, index) =>
    cluster.fork({ BENCH_SHARED: value, BENCH_ANNOUNCE: index === 0 ? '1' : '' }),
  );
  const stop = () => workers.forEach((worker) => worker.process.kill('SIGTERM'));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  let exited = 0;
  cluster.on('exit', () => {
    if (++exited === processes) process.exit(0);
  });
}

function readAnnouncement(child: ChildProcess, script: string): Promise<Announcement> {
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    const timer = setTimeout(
      () => reject(new Error(`${script} did not announce its port within ${START_TIMEOUT_MS} ms`)),
      START_TIMEOUT_MS,
    );
    const onExit = (code: number | null) =>
      settle(() => reject(new Error(`${script} exited with code ${code} before announcing its port`)));
    const settle = (outcome: () => void) => {
      clearTimeout(timer);
      child.off('exit', onExit);
      lines.close();
      child.stdout!.resume();
      outcome();
    };
    lines.once('line', (line) => settle(() => resolve(JSON.parse(line) as Announcement)));
    child.once('exit', onExit);
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Parent side: runs bench/<script> under tsx in its own process and waits until it listens. */
export async function startServer(script: string, env: NodeJS.ProcessEnv): Promise<RunningServer> {
  // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the servers.
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean),
      '--import',
      'tsx',
      path.join(__dirname, script),
    ],
    {
      cwd: path.join(__dirname, '..'),
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  try {
    const { port, apiKey } = await readAnnouncement(child, script);
    return { url: `http://127.0.0.1:${port}`, pid: child.pid!, apiKey, stop: () => stopChild(child) };
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}
