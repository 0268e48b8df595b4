import fs from 'node:fs';
import path from 'node:path';
import { ApiKeyService } from '../../src/auth/api-keys';
import { createDatabaseClients } from '../../src/db/prisma-client';
import { runCli, startService } from '../support/processes';
import { freePort, makeReachableTempDir } from '../support/test-database';
import { testDatabaseUrl } from '../support/test-server';

describe('npm run cli -- apikey', () => {
  it('creates a key, prints it once on stdout, and the key authenticates with its role', async () => {
    const result = await runCli(['apikey', 'create', '--name', 'cli test', '--role', 'reviewer'], { DATABASE_URL: testDatabaseUrl() });
    expect(result.code).toBe(0);
    const key = result.stdout.trim();
    expect(key).toMatch(/^hfrc_[a-z0-9]{10}_[A-Za-z0-9_-]{43}$/);
    expect(result.stderr).toMatch(/shown only this once/);
    const clients = createDatabaseClients(testDatabaseUrl(), 1);
    try {
      expect(await new ApiKeyService(clients.db).verify(key)).toMatchObject({ name: 'cli test', role: 'reviewer' });
    } finally {
      await clients.close();
    }
  });

  it('exits 2 with a clear message for a bad role or a missing name', async () => {
    const badRole = await runCli(['apikey', 'create', '--name', 'x', '--role', 'owner'], { DATABASE_URL: testDatabaseUrl() });
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
    await expect(startService({ DATABASE_URL: testDatabaseUrl(), PORT: 'eighty' }, 15_000)).rejects.toThrow(/exited with 2[\s\S]*PORT/);
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
});
