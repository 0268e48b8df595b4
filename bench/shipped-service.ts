// Bench: the service as `npm start` runs it (built dist/src/main.js, default configuration with only the rate limits
// off, the webhook worker and the sanctions poller running, logs at the default level), in a child process.
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { RunningServer } from './server-process';

const ROOT = path.join(__dirname, '..');
const MAIN = path.join(ROOT, 'dist/src/main.js');
const CLI = path.join(ROOT, 'dist/src/cli/index.js');
const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 15_000;
const run = promisify(execFile);

export interface ShippedService extends RunningServer {
  /** Resident set (MB) once /readyz answered and the process sat idle for a moment. */
  rssAfterStartMb: number;
  /** Resident set now and its peak so far (MB), from /proc. */
  memoryNow(): { rssMb: number; peakMb: number };
}

/** `npm run build`, as `npm start` does before it runs dist/src/main.js. */
export async function buildDist(): Promise<void> {
  if (process.env.BENCH_SKIP_BUILD === '1' && fs.existsSync(MAIN)) return;
  await run('npm', ['run', '--silent', 'build'], { cwd: ROOT });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** VmRSS and VmHWM of a process in MB. */
export function processMemoryMb(pid: number): { rssMb: number; peakMb: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rssMb: kilobytes('VmRSS') / 1024, peakMb: kilobytes('VmHWM') / 1024 };
}

async function waitUntilReady(url: string, child: { exitCode: number | null }): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the service exited with code ${child.exitCode} before it was ready`);
    const status = await fetch(`${url}/readyz`).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the service was not ready within ${READY_TIMEOUT_MS} ms`);
}

/**
 * Starts dist/src/main.js on `databaseUrl` with a recruiter API key made by the CLI; its stdout and stderr (the JSON
 * logs) go to `logFile`. BENCH_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") go to node.
 */
export async function startShippedService(databaseUrl: string, logFile: string): Promise<ShippedService> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hfrc-bench-'));
  const port = await freePort();
  // Only what a shell that runs `npm start` would have, plus the database and the rate limits turned off.
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    PORT: String(port),
    RATE_LIMIT_PER_IP_PER_MINUTE: '0',
    RATE_LIMIT_PER_KEY_PER_MINUTE: '0',
  };
  const { stdout } = await run(process.execPath, [CLI, 'apikey', 'create', '--name', 'bench', '--role', 'recruiter'], {
    cwd: ROOT,
    env,
  });
  const apiKey = stdout.trim().split('\n').pop()!;
  const log = fs.openSync(logFile, 'a');
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, MAIN], { cwd: ROOT, env, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  const url = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      const cleanUp = () => {
        fs.rmSync(dataDir, { recursive: true, force: true });
        resolve();
      };
      if (child.exitCode !== null || child.signalCode !== null) return cleanUp();
      const kill = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      child.once('exit', () => {
        clearTimeout(kill);
        cleanUp();
      });
      child.kill('SIGTERM');
    });
  try {
    await waitUntilReady(url, child);
    // Start-up's garbage (migrations, list and data loading) is left to the collector's first idle moments.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const pid = child.pid!;
    return {
      url,
      pid,
      apiKey,
      stop,
      rssAfterStartMb: processMemoryMb(pid).rssMb,
      memoryNow: () => processMemoryMb(pid),
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
