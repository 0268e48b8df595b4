import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiKeyService } from '../../src/auth/api-keys';
import { ApiKeyStore } from '../../src/auth/api-key-store';
import { createDatabaseClients } from '../../src/db/prisma-client';
import { runCli, startService } from '../support/processes';
import { freePort, makeReachableTempDir } from '../support/test-database';
import { testDatabaseUrl } from '../support/test-server';

describe('npm run cli -- apikey', () => {
  it('creates a key, prints it once on stdout, and the key authenticates with its role', async () => {
    const result = await runCli(['apikey', 'create', '--name', 'cli test', '--role', 'reviewer'], {
      DATABASE_URL: testDatabaseUrl(),
    });
    expect(result.code).toBe(0);
    const key = result.stdout.trim();
    expect(key).toMatch(/^hfrc_[a-z0-9]{10}_[A-Za-z0-9_-]{43}$/);
    expect(result.stderr).toMatch(/shown only this once/);
    const clients = createDatabaseClients(testDatabaseUrl(), 1);
    try {
      expect(await new ApiKeyService(new ApiKeyStore(clients.db)).verify(key)).toMatchObject({
        name: 'cli test',
        role: 'reviewer',
      });
    } finally {
      await clients.close();
    }
  });

  it('exits 2 with a clear message for a bad role or a missing name', async () => {
    const badRole = await runCli(['apikey', 'create', '--name', 'x', '--role', 'owner'], {
      DATABASE_URL: testDatabaseUrl(),
    });
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toMatch(/must be one of recruiter, reviewer, admin/);
    const noName = await runCli(['apikey', 'create', '--role', 'admin'], { DATABASE_URL: testDatabaseUrl() });
    expect(noName.code).toBe(2);
    expect(noName.stderr).toMatch(/--name/);
  });
});

describe('the service process', () => {
  it('starts on DATABASE_URL, answers, and stops cleanly on SIGINT', async () => {
    const service = await startService({ DATABASE_URL: testDatabaseUrl(), LOG_LEVEL: 'info' });
    const health = await fetch(`http://127.0.0.1:${service.port}/readyz`);
    expect(health.status).toBe(200);
    service.child.kill('SIGINT');
    expect(await service.exited).toBe(0);
    expect(service.output()).toMatch(/"msg":"stopped"/);
  });

  it('refuses to start with bad configuration, naming the variable', async () => {
    await expect(startService({ DATABASE_URL: testDatabaseUrl(), PORT: 'eighty' }, 15_000)).rejects.toThrow(
      /exited with 2[\s\S]*PORT/,
    );
  });

  it('starts its own embedded PostgreSQL when DATABASE_URL is unset, keeps data in DATA_DIR, and stops it on SIGTERM', async () => {
    const dataDir = path.join(makeReachableTempDir('embedded'), 'data');
    try {
      const env = { DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()), LOG_LEVEL: 'info' };
      const service = await startService(env, 60_000);
      expect((await fetch(`http://127.0.0.1:${service.port}/readyz`)).status).toBe(200);
      expect(fs.existsSync(path.join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);
      expect(service.output()).toMatch(/"embeddedDatabase":true/);
      service.child.kill('SIGTERM');
      expect(await service.exited).toBe(0);
      expect(fs.existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);

      // The second start reuses the initialised data folder.
      const again = await startService(env, 60_000);
      expect((await fetch(`http://127.0.0.1:${again.port}/readyz`)).status).toBe(200);
      again.child.kill('SIGINT');
      expect(await again.exited).toBe(0);
    } finally {
      fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
    }
  }, 120_000);

  // Issue 19: cloned into a `mktemp -d` folder and started as root, ./.data is out of the postgres user's reach.
  const asRoot = process.getuid?.() === 0 ? it : it.skip;
  asRoot(
    'starts as root from a private folder with no DATA_DIR, in a data folder of its own that the next start finds again',
    async () => {
      const privateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hfrc-private-'));
      fs.chmodSync(privateDir, 0o700);
      let dataDir: string | undefined;
      try {
        const env = { DATA_DIR: undefined, EMBEDDED_PG_PORT: String(await freePort()), LOG_LEVEL: 'info' };
        const service = await startService(env, 90_000, privateDir);
        expect((await fetch(`http://127.0.0.1:${service.port}/readyz`)).status).toBe(200);
        const moved = service
          .output()
          .split('\n')
          .map((line) => {
            try {
              return JSON.parse(line) as { msg?: string; dataDir?: string };
            } catch {
              return null;
            }
          })
          .find((entry) => entry?.msg?.startsWith('DATA_DIR is not set and ./.data is out of reach'));
        dataDir = moved?.dataDir;
        expect(dataDir).toMatch(/^\/var\/lib\/hfrc\/[0-9a-f]{16}$/);
        expect(fs.existsSync(path.join(dataDir!, 'pg', 'PG_VERSION'))).toBe(true);
        expect(fs.existsSync(path.join(privateDir, '.data'))).toBe(false);
        service.child.kill('SIGTERM');
        expect(await service.exited).toBe(0);

        const again = await startService(env, 90_000, privateDir);
        expect((await fetch(`http://127.0.0.1:${again.port}/readyz`)).status).toBe(200);
        expect(again.output()).toContain(dataDir!);
        expect(again.output()).not.toContain('initialising embedded PostgreSQL');
        again.child.kill('SIGINT');
        expect(await again.exited).toBe(0);
      } finally {
        fs.rmSync(privateDir, { recursive: true, force: true });
        if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
      }
    },
    240_000,
  );

  it('says in one line why it cannot start when its database cannot be reached, without a stack trace', async () => {
    const unreachable = new URL(testDatabaseUrl());
    unreachable.port = String(await freePort());
    const failure = await startService({ DATABASE_URL: unreachable.toString() }, 30_000).then(
      (running) => {
        running.child.kill('SIGKILL');
        throw new Error('started without its database');
      },
      (error: Error) => error.message,
    );
    expect(failure).toMatch(/exited with 1/);
    expect(failure).toContain(
      `could not start: PostgreSQL at ${unreachable.hostname}:${unreachable.port} (DATABASE_URL) cannot be reached`,
    );
    expect(failure).not.toMatch(/\n\s+at /);
  }, 60_000);
});
