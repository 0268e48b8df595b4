// Bench server child processes: a child listens on a random loopback port and announces it as one JSON line on stdout.
import { spawn, type ChildProcess } from 'node:child_process';
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
export async function serveAndAnnounce(handler: RequestListener, apiKey: string | undefined, close: () => Promise<void>, announce = true): Promise<void> {
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

function readAnnouncement(child: ChildProcess, script: string): Promise<Announcement> {
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error(`${script} did not announce its port within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
    const onExit = (code: number | null) => settle(() => reject(new Error(`${script} exited with code ${code} before announcing its port`)));
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
  const child = spawn(process.execPath, [...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean), '--import', 'tsx', path.join(__dirname, script)], {
    cwd: path.join(__dirname, '..'),
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const { port, apiKey } = await readAnnouncement(child, script);
    return { url: `http://127.0.0.1:${port}`, pid: child.pid!, apiKey, stop: () => stopChild(child) };
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}
