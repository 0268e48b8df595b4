import { parseApplicant } from '../../src/applicants/parse-applicant';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { createApp } from '../../src/app';
import { createLogger } from '../../src/logger';
import { createMetrics } from '../../src/metrics/metrics';
import { createServices, serviceOptionsFromConfig } from '../../src/services';
import { readQueueSnapshot } from '../../src/queue/queue-depth-store';
import { ATS_NOTE_TASK } from '../../src/queue/task-names';
import { signLike } from '../../src/crypto/signatures';
import { cleanApplicant, riskyApplicant, uniqueId } from '../support/applicants';
import { startTestServer, TEST_LINK_KEY_HEX, TEST_SECRETS_KEY_HEX, type TestServer } from '../support/test-server';

// Every metric docs/operations.md lists, with its type.
const DOCUMENTED: Record<string, string> = {
  hfrc_http_request_duration_seconds: 'histogram',
  hfrc_screenings_total: 'counter',
  hfrc_sanctions_list_age_seconds: 'gauge',
  hfrc_sanctions_list_entries: 'gauge',
  hfrc_sanctions_list_builtin: 'gauge',
  hfrc_db_pool_connections: 'gauge',
  hfrc_db_pool_idle_connections: 'gauge',
  hfrc_db_pool_waiting_requests: 'gauge',
  hfrc_process_cpu_user_seconds_total: 'counter',
  hfrc_process_resident_memory_bytes: 'gauge',
  hfrc_nodejs_eventloop_lag_seconds: 'gauge',
  hfrc_nodejs_heap_size_used_bytes: 'gauge',
};

/** Metric names in docs/operations.md's Metrics section, `a_{x,y}_b` expanded. */
function documentedNames(): string[] {
  const doc = fs.readFileSync(path.join(__dirname, '../../docs/operations.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## Metrics'), doc.indexOf('\n## ', doc.indexOf('## Metrics') + 1));
  const names = [...section.matchAll(/^\| ([^|]+) \|/gm)].flatMap((row) =>
    [...row[1]!.matchAll(/`(hfrc_[^`]+)`/g)].map((m) => m[1]!),
  );
  return names.flatMap((name) => {
    const brace = /\{([^}]+)\}/.exec(name);
    return brace ? brace[1]!.split(',').map((part) => name.replace(brace[0], part)) : [name];
  });
}

function types(text: string): Record<string, string> {
  return Object.fromEntries([...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => [m[1]!, m[2]!]));
}

function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
    if (Object.entries(labels).every(([k, v]) => present[k] === v)) return Number(match[3]);
  }
  return undefined;
}

describe('GET /metrics (open)', () => {
  let server: TestServer;
  let key: string;
  beforeAll(async () => {
    server = await startTestServer();
    key = await server.createKey('admin');
  });
  afterAll(() => server.close());

  const scrape = async () => {
    const response = await server.request('GET', '/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return response.body as string;
  };

  it('lists every documented metric with its type', async () => {
    const found = types(await scrape());
    for (const [name, type] of Object.entries(DOCUMENTED)) expect({ name, type: found[name] }).toEqual({ name, type });
    const documented = documentedNames();
    expect(documented.length).toBeGreaterThan(30);
    for (const name of documented) expect({ name, isServed: name in found }).toEqual({ name, isServed: true });
    // And nothing served that the docs leave out.
    for (const name of Object.keys(found))
      expect({ name, isDocumented: documented.includes(name) }).toEqual({ name, isDocumented: true });
  });

  it('times requests by route pattern, method and status class, never by raw URL', async () => {
    const created = await server.request('POST', '/api/v1/screenings', { key, body: cleanApplicant() });
    expect(created.status).toBe(201);
    const caseId = created.body.caseId as string;
    expect((await server.request('GET', `/api/v1/cases/${caseId}`, { key })).status).toBe(200);
    expect((await server.request('GET', '/api/v1/cases/00000000-0000-4000-8000-000000000000', { key })).status).toBe(
      404,
    );
    expect((await server.request('GET', `/no/such/path/${caseId}`)).status).toBe(404);
    expect((await server.request('GET', '/api/v1/cases')).status).toBe(401);

    const text = await scrape();
    const count = (labels: Record<string, string>) => sample(text, 'hfrc_http_request_duration_seconds_count', labels);
    expect(count({ route: '/api/v1/screenings', method: 'POST', status_class: '2xx' })).toBe(1);
    expect(count({ route: '/api/v1/cases/:id', method: 'GET', status_class: '2xx' })).toBe(1);
    expect(count({ route: '/api/v1/cases/:id', method: 'GET', status_class: '4xx' })).toBe(1);
    expect(count({ route: 'unmatched', method: 'GET', status_class: '4xx' })).toBe(2);
    expect(
      sample(text, 'hfrc_http_request_duration_seconds_bucket', {
        route: '/api/v1/cases/:id',
        status_class: '2xx',
        le: '+Inf',
      }),
    ).toBe(1);
    expect(text).not.toContain(caseId);
  });

  it('counts each screening through the API once, in its band, and no Idempotency-Key replay', async () => {
    const bandsOf = (text: string) => {
      const of = (band: string) => sample(text, 'hfrc_screenings_total', { band })!;
      return { low: of('low'), medium: of('medium'), high: of('high'), critical: of('critical') };
    };
    const before = bandsOf(await scrape());
    const headers = { 'idempotency-key': 'metrics-1' };
    const body = riskyApplicant();
    expect((await server.request('POST', '/api/v1/screenings', { key, body, headers })).body.band).toBe('critical');
    expect(bandsOf(await scrape())).toEqual({ ...before, critical: before.critical + 1 });
    const replay = await server.request('POST', '/api/v1/screenings', { key, body, headers });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(bandsOf(await scrape())).toEqual({ ...before, critical: before.critical + 1 });
    expect((await server.request('POST', '/api/v1/screenings', { key, body: cleanApplicant() })).body.band).toBe('low');
    // A rejected body stores nothing and counts nothing.
    expect(
      (
        await server.request('POST', '/api/v1/screenings', {
          key,
          body: { ...cleanApplicant(), person: { legalName: '' } },
        })
      ).status,
    ).toBe(400);
    expect(bandsOf(await scrape())).toEqual({ ...before, critical: before.critical + 1, low: before.low + 1 });
  });

  it('counts screenings that come in any other way too: the use case counts, not the API route', async () => {
    const criticalOf = async () => sample(await scrape(), 'hfrc_screenings_total', { band: 'critical' })!;
    const before = await criticalOf();
    // The way the web form, ATS webhooks and the CLI import screen: ScreeningService itself, no HTTP route.
    await server.services.screening.screen(parseApplicant(riskyApplicant()), {
      actor: 'webhook:metrics-test',
      mayAppendToAnyCase: true,
    });
    expect(await criticalOf()).toBe(before + 1);
  });

  it('reports the database pool and the built-in sanctions list', async () => {
    const text = await scrape();
    expect(sample(text, 'hfrc_db_pool_connections')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'hfrc_db_pool_connections')).toBeLessThanOrEqual(5);
    expect(sample(text, 'hfrc_db_pool_idle_connections')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'hfrc_db_pool_waiting_requests')).toBe(0);
    expect(sample(text, 'hfrc_sanctions_list_builtin')).toBe(1);
    expect(sample(text, 'hfrc_sanctions_list_entries')).toBe(server.services.sanctions.health().entries);
    expect(sample(text, 'hfrc_sanctions_list_age_seconds')).toBeNaN();
  });

  it('needs no API key and sits outside /api', async () => {
    expect((await server.request('GET', '/api/metrics', { key })).status).toBe(404);
  });
});

describe('GET /metrics in production (NODE_ENV=production), configured as main.ts configures it', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  /** GET `path` from an app built from this environment's configuration, over the test server's database. */
  async function getFrom(
    env: Record<string, string>,
    path: string,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; text: string }> {
    const config = loadConfig({
      NODE_ENV: 'production',
      LINK_KEY: TEST_LINK_KEY_HEX,
      SECRETS_KEY: TEST_SECRETS_KEY_HEX,
      ...env,
    });
    const services = createServices(server.databaseUrl, {
      ...serviceOptionsFromConfig(config, 2),
      loadSanctionsOnStart: false,
    });
    const listening = createApp(services, { logger: createLogger('silent') }).listen(0, '127.0.0.1');
    await new Promise((resolve) => listening.once('listening', resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(listening.address() as AddressInfo).port}${path}`, { headers });
      return { status: response.status, text: await response.text() };
    } finally {
      await new Promise((resolve) => listening.close(resolve));
      await services.close();
    }
  }

  it('is not served at all without METRICS_TOKEN (404), while the service answers', async () => {
    const answer = await getFrom({}, '/metrics');
    expect(answer.status).toBe(404);
    expect(answer.text).not.toContain('hfrc_');
    expect((await getFrom({}, '/healthz')).status).toBe(200);
  });

  it('with METRICS_TOKEN answers 401 without it and 200 with it', async () => {
    const token = 'production-metrics-token-0123456789';
    expect((await getFrom({ METRICS_TOKEN: token }, '/metrics')).status).toBe(401);
    const ok = await getFrom({ METRICS_TOKEN: token }, '/metrics', { authorization: `Bearer ${token}` });
    expect(ok.status).toBe(200);
    expect(ok.text).toMatch(/^# TYPE hfrc_screenings_total counter$/m);
  });
});

describe('GET /metrics with METRICS_TOKEN', () => {
  const token = 'metrics-token-0123456789abcdef';
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ metricsToken: token });
  });
  afterAll(() => server.close());

  it('answers 401 without the token or with a wrong one, 200 with it', async () => {
    const missing = await server.request('GET', '/metrics');
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(missing.body.error.code).toBe('unauthorized');
    expect(
      (await server.request('GET', '/metrics', { headers: { authorization: 'Bearer wrong-token-0123456789abcdef' } }))
        .status,
    ).toBe(401);
    expect((await server.request('GET', '/metrics', { headers: { authorization: `Bearer ${token}x` } })).status).toBe(
      401,
    );
    const admin = await server.createKey('admin');
    expect((await server.request('GET', '/metrics', { key: admin })).status).toBe(401);
    const ok = await server.request('GET', '/metrics', { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatch(/^# TYPE hfrc_screenings_total counter$/m);
  });
});

/** An ATS (Greenhouse Harvest) or notification receiver on loopback: answers each path from its script (then 200). */
async function startReceiver(): Promise<{
  url: string;
  answer: (path: string, status: number) => void;
  hits: (path: string) => number;
  close: () => Promise<void>;
}> {
  const statuses = new Map<string, number>();
  const hits = new Map<string, number>();
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const path = req.url ?? '';
      hits.set(path, (hits.get(path) ?? 0) + 1);
      res.writeHead(statuses.get(path) ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    answer: (path, status) => statuses.set(path, status),
    hits: (path) => hits.get(path) ?? 0,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

async function scrapeOf(server: TestServer): Promise<string> {
  const response = await server.request('GET', '/metrics');
  expect(response.status).toBe(200);
  return response.body as string;
}

/** Scrapes until `read` gives `expected` (a job finishes on the worker's time), then returns that scrape. */
async function scrapeUntil(
  server: TestServer,
  read: (text: string) => number | undefined,
  expected: number,
  timeoutMs = 15_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await scrapeOf(server);
    if (read(text) === expected || Date.now() > deadline) return text;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('queue depth per task (no worker: queued jobs wait)', () => {
  let server: TestServer;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    receiver = await startReceiver();
    // The receiver is on loopback: allowed as a self-hosted receiver would be.
    server = await startTestServer({ outboundAllowHosts: '127.0.0.1' });
  });
  afterAll(async () => {
    await server.close();
    await receiver.close();
  });

  const depths = (text: string) => ({
    webhook_delivery: sample(text, 'hfrc_queue_depth', { task: 'webhook_delivery' }),
    notification_delivery: sample(text, 'hfrc_queue_depth', { task: 'notification_delivery' }),
    ats_note: sample(text, 'hfrc_queue_depth', { task: 'ats_note' }),
    deliveries: sample(text, 'hfrc_webhook_queue_depth'),
  });

  it('starts every task at zero, then counts each queued job under its own task', async () => {
    expect(depths(await scrapeOf(server))).toEqual({
      webhook_delivery: 0,
      notification_delivery: 0,
      ats_note: 0,
      deliveries: 0,
    });

    const { secret } = await server.services.webhooks.sources.create({ vendor: 'generic', name: 'metrics-queue' });
    const body = Buffer.from(
      JSON.stringify({
        type: 'applicant.submitted',
        timestamp: new Date().toISOString(),
        data: { externalId: uniqueId(), person: { legalName: 'Ilse Vogt' } },
      }),
    );
    const accepted = await server.request('POST', '/webhooks/generic', {
      rawBody: body.toString(),
      headers: { 'content-type': 'application/json', ...signLike('generic', secret, body) },
    });
    expect(accepted.status).toBe(200);
    expect(depths(await scrapeOf(server))).toEqual({
      webhook_delivery: 1,
      notification_delivery: 0,
      ats_note: 0,
      deliveries: 1,
    });

    await server.services.webhooks.deliveries.queueJob(
      ATS_NOTE_TASK,
      { sourceId: crypto.randomUUID(), caseId: crypto.randomUUID(), atsId: '1' },
      'note:metrics-1',
    );
    expect(depths(await scrapeOf(server))).toEqual({
      webhook_delivery: 1,
      notification_delivery: 0,
      ats_note: 1,
      deliveries: 1,
    });

    // A critical case notifies every enabled endpoint: the trigger on cases queues one notification job.
    await server.services.notifications.endpoints.create({
      kind: 'webhook',
      name: 'metrics-soar',
      url: `${receiver.url}/soar`,
    });
    const key = await server.createKey('admin');
    expect((await server.request('POST', '/api/v1/screenings', { key, body: riskyApplicant() })).body.band).toBe(
      'critical',
    );
    const text = await scrapeOf(server);
    expect(depths(text)).toEqual({ webhook_delivery: 1, notification_delivery: 1, ats_note: 1, deliveries: 1 });
    for (const task of ['webhook_delivery', 'notification_delivery', 'ats_note'])
      expect(sample(text, 'hfrc_queue_failed_jobs', { task })).toBe(0);
    expect(receiver.hits('/soar')).toBe(0);
  });

  it('reads the queue with one query per scrape, shared by its gauges', async () => {
    let reads = 0;
    const metrics = createMetrics({
      sanctionsHealth: () => server.services.sanctions.health(),
      defaultMetrics: false,
      queue: () => {
        reads += 1;
        return readQueueSnapshot(server.services.pool);
      },
    });
    const text = await metrics.registry.metrics();
    expect(reads).toBe(1);
    expect(sample(text, 'hfrc_queue_depth', { task: 'ats_note' })).toBe(1);
    expect(sample(text, 'hfrc_webhook_queue_depth')).toBe(1);
    await metrics.registry.metrics();
    expect(reads).toBe(2);
  });
});

describe('ATS note and notification failures (a worker, one attempt per job)', () => {
  let server: TestServer;
  let ats: Awaited<ReturnType<typeof startReceiver>>;
  let key: string;
  let sourceId: string;
  beforeAll(async () => {
    ats = await startReceiver();
    server = await startTestServer({
      webhookWorker: { concurrency: 1, maxAttempts: 1 },
      outboundAllowHosts: '127.0.0.1',
    });
    key = await server.createKey('admin');
    const created = await server.services.webhooks.sources.create({
      vendor: 'greenhouse',
      name: 'metrics-notes',
      secret: 'gh-metrics-secret-0123456789',
      apiKey: 'harvest-key',
      apiBaseUrl: ats.url,
      settings: { writeBack: { asUser: '4080' } },
    });
    sourceId = created.source.id;
  });
  afterAll(async () => {
    await server.close();
    await ats.close();
  });

  const notes = (text: string, outcome: string) =>
    sample(text, 'hfrc_ats_notes_total', { vendor: 'greenhouse', outcome }) ?? 0;

  /** Queues the note job the webhook worker queues after a screening, for a new low-band case. */
  async function queueNote(candidateId: string): Promise<void> {
    const created = await server.request('POST', '/api/v1/screenings', { key, body: cleanApplicant() });
    expect(created.status).toBe(201);
    await server.services.webhooks.deliveries.queueJob(
      ATS_NOTE_TASK,
      { sourceId, caseId: created.body.caseId, atsId: candidateId },
      `note:${candidateId}`,
    );
  }

  it('counts a note the ATS refused for good (403) once, as refused; nothing is left in the queue', async () => {
    ats.answer('/v1/candidates/9001/activity_feed/notes', 403);
    await queueNote('9001');
    const text = await scrapeUntil(server, (t) => notes(t, 'refused'), 1);
    expect({ refused: notes(text, 'refused'), failed: notes(text, 'failed'), sent: notes(text, 'sent') }).toEqual({
      refused: 1,
      failed: 0,
      sent: 0,
    });
    expect(ats.hits('/v1/candidates/9001/activity_feed/notes')).toBe(1);
    expect(sample(text, 'hfrc_queue_depth', { task: 'ats_note' })).toBe(0);
    expect(sample(text, 'hfrc_queue_failed_jobs', { task: 'ats_note' })).toBe(0);
  });

  it('counts a failed attempt (503) as failed and, its attempts used up, the job as failed in the queue', async () => {
    ats.answer('/v1/candidates/9002/activity_feed/notes', 503);
    await queueNote('9002');
    const text = await scrapeUntil(server, (t) => sample(t, 'hfrc_queue_failed_jobs', { task: 'ats_note' }), 1);
    expect({ refused: notes(text, 'refused'), failed: notes(text, 'failed'), sent: notes(text, 'sent') }).toEqual({
      refused: 1,
      failed: 1,
      sent: 0,
    });
    expect(sample(text, 'hfrc_queue_failed_jobs', { task: 'ats_note' })).toBe(1);
    expect(sample(text, 'hfrc_queue_depth', { task: 'ats_note' })).toBe(0);
  });

  it('counts a note written as sent', async () => {
    await queueNote('9003');
    const text = await scrapeUntil(server, (t) => notes(t, 'sent'), 1);
    expect({ refused: notes(text, 'refused'), failed: notes(text, 'failed'), sent: notes(text, 'sent') }).toEqual({
      refused: 1,
      failed: 1,
      sent: 1,
    });
    expect(ats.hits('/v1/candidates/9003/activity_feed/notes')).toBe(1);
  });

  it('counts a notification whose only attempt failed as dead', async () => {
    await server.services.notifications.endpoints.create({
      kind: 'webhook',
      name: 'metrics-failing',
      url: `${ats.url}/hooks/failing`,
      maxAttempts: 1,
    });
    ats.answer('/hooks/failing', 500);
    expect((await server.request('POST', '/api/v1/screenings', { key, body: riskyApplicant() })).body.band).toBe(
      'critical',
    );
    const dead = (t: string) => sample(t, 'hfrc_notifications_total', { kind: 'webhook', outcome: 'dead' }) ?? 0;
    const text = await scrapeUntil(server, dead, 1);
    expect(dead(text)).toBe(1);
    expect(sample(text, 'hfrc_notifications_total', { kind: 'webhook', outcome: 'sent' }) ?? 0).toBe(0);
    expect(ats.hits('/hooks/failing')).toBe(1);
    // Its last attempt ends the job (the notification log keeps it as dead): nothing is left in the queue.
    expect(sample(text, 'hfrc_queue_depth', { task: 'notification_delivery' })).toBe(0);
    expect(sample(text, 'hfrc_queue_failed_jobs', { task: 'notification_delivery' })).toBe(0);
  });
});
