import { applyMigrations } from '../../src/db/schema-engine';
import { migrationsLocation } from '../../src/db/locations';
import { cleanApplicant } from '../support/applicants';
import { startDatabaseProxy, type TcpProxy } from '../support/tcp-proxy';
import { createDatabase, dropDatabase, uniqueDatabaseName } from '../support/test-database';
import { startTestServer, testDatabaseUrl, type TestServer } from '../support/test-server';

describe('health probes', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('answer without an API key: alive, and ready with every migration applied', async () => {
    expect(await server.request('GET', '/healthz')).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await server.request('GET', '/readyz')).toMatchObject({
      status: 200,
      body: { status: 'ready', database: 'ok', pendingMigrations: [] },
    });
  });

  it('answer 404 in the error format for an unknown route', async () => {
    const response = await server.request('GET', '/nope');
    expect(response.status).toBe(404);
    expect(response.body.error).toMatchObject({ code: 'not_found', requestId: expect.any(String) });
    expect(response.headers.get('x-request-id')).toBe(response.body.error.requestId);
  });
});

describe('readiness before migrations', () => {
  it('reports the pending migrations until they are applied', async () => {
    const serverUrl = process.env.TEST_SERVER_URL!;
    const name = uniqueDatabaseName('unmigrated');
    const url = await createDatabase(serverUrl, name);
    const server = await startTestServer({ databaseUrl: url });
    try {
      const before = await server.request('GET', '/readyz');
      expect(before.status).toBe(503);
      expect(before.body.pendingMigrations.length).toBeGreaterThan(0);
      await applyMigrations(url, migrationsLocation);
      expect((await server.request('GET', '/readyz')).status).toBe(200);
    } finally {
      await server.close();
      await dropDatabase(serverUrl, name);
    }
  });
});

describe('when the database goes away', () => {
  let proxy: TcpProxy;
  let server: TestServer;
  let key: string;

  beforeAll(async () => {
    const proxied = await startDatabaseProxy(testDatabaseUrl());
    proxy = proxied.proxy;
    server = await startTestServer({ databaseUrl: proxied.url });
    key = await server.createKey('recruiter');
  });
  afterAll(async () => {
    await server.close();
    await proxy.close();
  });

  it('answers 503 with a clear message, stays up, and recovers when the database returns', async () => {
    const body = cleanApplicant({ externalId: undefined, source: `outage-${Date.now()}` });
    expect((await server.request('POST', '/api/v1/screenings', { key, body })).status).toBe(201);

    await proxy.cut();
    const during = await server.request('POST', '/api/v1/screenings', { key, body });
    expect(during.status).toBe(503);
    expect(during.body.error).toMatchObject({
      code: 'database_unavailable',
      message: expect.stringMatching(/unavailable/),
    });
    expect(during.headers.get('retry-after')).toBe('5');
    expect((await server.request('GET', '/readyz')).body).toMatchObject({
      status: 'not_ready',
      database: 'unreachable',
    });
    expect((await server.request('GET', '/healthz')).status).toBe(200);

    await proxy.restore();
    let after = await server.request('POST', '/api/v1/screenings', { key, body });
    // A pooled connection that died with the proxy may fail once more before the pool replaces it.
    if (after.status === 503) after = await server.request('POST', '/api/v1/screenings', { key, body });
    expect(after.status).toBe(201);
    expect((await server.request('GET', '/readyz')).status).toBe(200);
    // Exactly the two acknowledged screenings were stored for this source.
    expect(await server.services.db.case.count({ where: { source: body.source } })).toBe(2);
  });
});
