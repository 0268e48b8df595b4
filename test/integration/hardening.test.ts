import type { Server } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config';
import { createDatabaseClients } from '../../src/db/prisma-client';
import type { RateLimitSettings } from '../../src/http/rate-limit';
import express from 'express';
import { createApp } from '../../src/app';
import { webErrorHandler } from '../../src/web/web-errors';
import { errorHandler } from '../../src/http/error-handler';
import { requestContext } from '../../src/request-context';
import { createHttpServer, SERVER_TIMEOUTS } from '../../src/http/server-options';
import { MAX_JSON_DEPTH } from '../../src/http/json-depth';
import { API_CSP } from '../../src/http/security-headers';
import { DOCS_CSP } from '../../src/http/openapi/docs-page';
import { createLogger } from '../../src/logger';
import { cleanApplicant } from '../support/applicants';
import { rowCounts } from '../support/row-counts';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
let key: string;

beforeAll(async () => {
  server = await startTestServer();
  key = await server.createKey('reviewer');
});
afterAll(() => server.close());

/** The same services behind an app with the given rate limits, on a port of its own. */
async function limitedApp(rateLimits: RateLimitSettings): Promise<{ url: string; close: () => Promise<void> }> {
  const app = createApp(server.services, { logger: createLogger('silent'), rateLimits });
  const listening: Server = await new Promise((resolve) => {
    const started = app.listen(0, '127.0.0.1', () => resolve(started));
  });
  return {
    url: `http://127.0.0.1:${(listening.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => listening.close(() => resolve())),
  };
}

const deepBody = (levels: number) =>
  `{"person":{"legalName":"A"},"x":${'['.repeat(levels - 1)}${']'.repeat(levels - 1)}}`;

describe('security headers', () => {
  it("sends helmet's headers and a CSP that allows nothing on API answers, keeping no-store and nosniff", async () => {
    const answer = await server.request('GET', '/api/v1/cases', { key });
    expect(answer.status).toBe(200);
    expect(
      Object.fromEntries(
        [
          'content-security-policy',
          'cache-control',
          'x-content-type-options',
          'x-frame-options',
          'referrer-policy',
          'strict-transport-security',
          'cross-origin-opener-policy',
          'cross-origin-resource-policy',
        ].map((name) => [name, answer.headers.get(name)]),
      ),
    ).toEqual({
      'content-security-policy': API_CSP,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'referrer-policy': 'same-origin',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
    });
    expect(answer.headers.get('x-powered-by')).toBeNull();
    // Errors too.
    expect((await server.request('GET', '/api/v1/cases')).headers.get('content-security-policy')).toBe(API_CSP);
  });

  it('leaves the Swagger UI page its own CSP and its assets their caching', async () => {
    const page = await server.request('GET', '/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(DOCS_CSP);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const asset = await server.request('GET', '/api/docs/assets/swagger-ui-bundle.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(asset.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
  });
});

describe('JSON nesting depth', () => {
  it(`refuses a body nested deeper than ${MAX_JSON_DEPTH} levels with 400 naming the problem, storing nothing`, async () => {
    const before = await rowCounts(server.services.db);
    for (const levels of [MAX_JSON_DEPTH + 1, 100_000]) {
      const answer = await server.request('POST', '/api/v1/screenings', {
        key,
        rawBody: deepBody(levels),
        headers: { 'content-type': 'application/json' },
      });
      expect(answer.status).toBe(400);
      expect(answer.body.error).toMatchObject({
        code: 'invalid_json',
        message: `The JSON body is nested deeper than ${MAX_JSON_DEPTH} levels of objects and arrays`,
      });
    }
    expect(await rowCounts(server.services.db)).toEqual(before);
  });

  it('parses a body at the limit (and then validates it as usual)', async () => {
    const answer = await server.request('POST', '/api/v1/screenings', {
      key,
      rawBody: deepBody(MAX_JSON_DEPTH),
      headers: { 'content-type': 'application/json' },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('validation_failed');
  });

  it('does not count brackets inside strings', async () => {
    const applicant = cleanApplicant();
    applicant.position.title = `Engineer ${'['.repeat(50)}`;
    const answer = await server.request('POST', '/api/v1/screenings', { key, body: applicant });
    expect(answer.status).toBe(201);
  });

  it('refuses JSON in another charset than UTF-8 with 415', async () => {
    const answer = await server.request('POST', '/api/v1/screenings', {
      key,
      rawBody: '{}',
      headers: { 'content-type': 'application/json; charset=utf-16le' },
    });
    expect(answer.status).toBe(415);
    expect(answer.body.error.code).toBe('unsupported_media_type');
  });
});

describe('rate limits', () => {
  it('limits each API key: 429 with Retry-After and the error body, other keys unaffected', async () => {
    const limited = await limitedApp({
      perIpPerMinute: 100,
      perKeyPerMinute: 3,
      webhookPerIpPerMinute: 100,
      pagesPerIpPerMinute: 100,
    });
    const other = await server.createKey('reviewer');
    try {
      const get = (apiKey: string) =>
        fetch(`${limited.url}/api/v1/cases`, { headers: { authorization: `Bearer ${apiKey}` } });
      for (let i = 0; i < 3; i++) expect((await get(key)).status).toBe(200);
      const refused = await get(key);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(await refused.json()).toEqual({
        error: {
          code: 'rate_limited',
          message: expect.stringMatching(
            /^Too many requests with this API key \(at most 3 a minute\); retry in \d+ s$/,
          ),
          requestId: refused.headers.get('x-request-id'),
        },
      });
      expect((await get(other)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('limits each client address before authentication (so guessing keys is limited) and, with its own budget, on /webhooks', async () => {
    const limited = await limitedApp({
      perIpPerMinute: 4,
      perKeyPerMinute: 100,
      webhookPerIpPerMinute: 2,
      pagesPerIpPerMinute: 100,
    });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++)
        statuses.push(
          (await fetch(`${limited.url}/api/v1/cases`, { headers: { authorization: `Bearer hfrc_guess${i}` } })).status,
        );
      statuses.push(
        (await fetch(`${limited.url}/api/v1/cases`, { headers: { authorization: `Bearer ${key}` } })).status,
      );
      const refused = await fetch(`${limited.url}/api/v1/cases`, { headers: { authorization: `Bearer ${key}` } });
      statuses.push(refused.status);
      expect(statuses).toEqual([401, 401, 401, 200, 429]);
      expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(
        /^Too many requests from this address \(at most 4 a minute\)/,
      );
      // The address spent its /api budget; /webhooks counts apart: two more, then 429.
      expect((await fetch(`${limited.url}/webhooks/generic`, { method: 'POST', body: '{}' })).status).toBe(401);
      expect((await fetch(`${limited.url}/webhooks/generic`, { method: 'POST', body: '{}' })).status).toBe(401);
      const webhook = await fetch(`${limited.url}/webhooks/generic`, { method: 'POST', body: '{}' });
      expect(webhook.status).toBe(429);
      expect(webhook.headers.get('retry-after')).toMatch(/^\d+$/);
      // Health checks are never limited.
      expect((await fetch(`${limited.url}/healthz`)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('rate limit on the pages', () => {
  it('limits each client address on the pages with their own budget, answering a 429 page with Retry-After; /api and probes count apart', async () => {
    const limited = await limitedApp({
      perIpPerMinute: 100,
      perKeyPerMinute: 100,
      webhookPerIpPerMinute: 100,
      pagesPerIpPerMinute: 3,
    });
    try {
      const statuses = [];
      for (const path of ['/login', '/static/app.css', '/login'])
        statuses.push((await fetch(`${limited.url}${path}`, { redirect: 'manual' })).status);
      const refused = await fetch(`${limited.url}/login`, {
        method: 'POST',
        body: new URLSearchParams({ email: 'a@example.com', password: 'x' }),
        redirect: 'manual',
      });
      statuses.push(refused.status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(refused.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await refused.text()).toMatch(/Too many requests from this address \(at most 3 a minute\)/);
      // The pages' budget is spent; the API, an unknown API path (a JSON 404) and the probes are not limited by it.
      expect((await fetch(`${limited.url}/api/v1/cases`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(
        200,
      );
      const unknownApiPath = await fetch(`${limited.url}/api/v1/nothing-here`, {
        headers: { authorization: `Bearer ${key}` },
      });
      expect(unknownApiPath.status).toBe(404);
      expect(unknownApiPath.headers.get('content-type')).toMatch(/^application\/json/);
      expect((await fetch(`${limited.url}/healthz`)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('is on by default with its own setting', () => {
    expect(loadConfig({}).http.rateLimits.pagesPerIpPerMinute).toBe(600);
    expect(loadConfig({ RATE_LIMIT_PAGES_PER_IP_PER_MINUTE: '0' }).http.rateLimits.pagesPerIpPerMinute).toBe(0);
    expect(() => loadConfig({ RATE_LIMIT_PAGES_PER_IP_PER_MINUTE: 'lots' })).toThrow(
      /RATE_LIMIT_PAGES_PER_IP_PER_MINUTE/,
    );
  });
});

describe('timeouts', () => {
  it("keeps headersTimeout within requestTimeout (Node ignores it otherwise) and keep-alive above a load balancer's 60 s", () => {
    expect(SERVER_TIMEOUTS.headersTimeout).toBeLessThanOrEqual(SERVER_TIMEOUTS.requestTimeout);
    expect(SERVER_TIMEOUTS.keepAliveTimeout).toBeGreaterThan(60_000);
    expect(SERVER_TIMEOUTS.connectionsCheckingInterval).toBeLessThan(SERVER_TIMEOUTS.headersTimeout);
  });

  it(
    'answers 408 and drops a client that trickles its headers (slowloris) once headersTimeout passes, while others are served',
    async () => {
      // The server main.ts runs: createHttpServer() with SERVER_TIMEOUTS, around the real app.
      const listening = createHttpServer(createApp(server.services, { logger: createLogger('silent') }));
      await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
      const { port } = listening.address() as AddressInfo;
      try {
        const startedAt = Date.now();
        const socket = net.connect(port, '127.0.0.1');
        let answer = '';
        socket.on('data', (chunk) => (answer += chunk.toString()));
        socket.on('error', () => undefined);
        socket.write('GET /api/v1/cases HTTP/1.1\r\nHost: localhost\r\n');
        // A header line every 500 ms: the connection is never idle, but the headers never end.
        const trickle = setInterval(() => socket.write(`X-Slow-${Date.now()}: 1\r\n`), 500);
        // Meanwhile an ordinary request is served at once.
        const ordinary = await fetch(`http://127.0.0.1:${port}/healthz`);
        expect(ordinary.status).toBe(200);
        await new Promise((resolve) => socket.once('close', resolve));
        clearInterval(trickle);
        const elapsed = Date.now() - startedAt;
        expect(answer).toMatch(/^HTTP\/1\.1 408 /);
        expect(elapsed).toBeGreaterThanOrEqual(SERVER_TIMEOUTS.headersTimeout - 100);
        expect(elapsed).toBeLessThan(
          SERVER_TIMEOUTS.headersTimeout + SERVER_TIMEOUTS.connectionsCheckingInterval + 2_000,
        );
      } finally {
        listening.closeAllConnections();
        await new Promise((resolve) => listening.close(resolve));
      }
    },
    SERVER_TIMEOUTS.headersTimeout + 20_000,
  );

  it("gives the service's pool the configured PostgreSQL statement_timeout (default 30 s), which cancels a longer statement", async () => {
    expect(loadConfig({}).database.statementTimeoutMs).toBe(30_000);
    expect(loadConfig({ DB_STATEMENT_TIMEOUT_MS: '0' }).database.statementTimeoutMs).toBe(0);
    expect(() => loadConfig({ DB_STATEMENT_TIMEOUT_MS: '-1' })).toThrow(/DB_STATEMENT_TIMEOUT_MS/);
    const defaults = createDatabaseClients(server.databaseUrl, 1, loadConfig({}).database.statementTimeoutMs);
    const short = createDatabaseClients(server.databaseUrl, 1, 200);
    const none = createDatabaseClients(server.databaseUrl, 1);
    try {
      expect((await defaults.pool.query('SHOW statement_timeout')).rows[0].statement_timeout).toBe('30s');
      await expect(short.pool.query('SELECT pg_sleep(1)')).rejects.toMatchObject({ code: '57014' });
      // Without one (migrations, CLI jobs) a statement runs as long as it needs.
      expect((await none.pool.query('SHOW statement_timeout')).rows[0].statement_timeout).toBe('0');
    } finally {
      await Promise.all([defaults.close(), short.close(), none.close()]);
    }
  });

  it('answers a request whose statement hit the timeout with 503 and Retry-After, not a 500', async () => {
    const short = createDatabaseClients(server.databaseUrl, 1, 200);
    const app = express();
    app.use(requestContext(createLogger('silent')));
    // Both ways the service queries: Prisma (most routes) and the pool (the screening write path).
    app.get('/slow-prisma', async (_req, res) => res.json(await short.db.$queryRaw`SELECT pg_sleep(1)`));
    app.post('/slow-pool', async (_req, res) => res.json((await short.pool.query('SELECT pg_sleep(1)')).rows));
    app.use(errorHandler());
    const listening: Server = await new Promise((resolve) => {
      const started = app.listen(0, '127.0.0.1', () => resolve(started));
    });
    try {
      const url = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
      for (const [method, path] of [
        ['GET', '/slow-prisma'],
        ['POST', '/slow-pool'],
      ]) {
        const answer = await fetch(`${url}${path}`, { method });
        expect({ path, status: answer.status, retryAfter: answer.headers.get('retry-after') }).toEqual({
          path,
          status: 503,
          retryAfter: '5',
        });
        expect(((await answer.json()) as { error: { code: string; message: string } }).error).toMatchObject({
          code: 'database_unavailable',
          message: expect.stringMatching(/statement timeout/),
        });
      }
    } finally {
      await new Promise((resolve) => listening.close(resolve));
      await short.close();
    }
  });

  it('answers a page whose statement hit the timeout with a 503 page and Retry-After, as the API does', async () => {
    const short = createDatabaseClients(server.databaseUrl, 1, 200);
    const app = express();
    app.use(requestContext(createLogger('silent')));
    app.get('/slow-page', async (_req, res) =>
      res.send(String((await short.pool.query('SELECT pg_sleep(1)')).rowCount)),
    );
    app.use(webErrorHandler());
    const listening: Server = await new Promise((resolve) => {
      const started = app.listen(0, '127.0.0.1', () => resolve(started));
    });
    try {
      const answer = await fetch(`http://127.0.0.1:${(listening.address() as AddressInfo).port}/slow-page`);
      expect({
        status: answer.status,
        retryAfter: answer.headers.get('retry-after'),
        type: answer.headers.get('content-type'),
      }).toEqual({ status: 503, retryAfter: '5', type: expect.stringMatching(/^text\/html/) });
      expect(await answer.text()).toMatch(/did not answer in time; nothing was stored/);
    } finally {
      await new Promise((resolve) => listening.close(resolve));
      await short.close();
    }
  });
});
