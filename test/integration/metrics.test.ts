import fs from 'node:fs';
import path from 'node:path';
import { cleanApplicant, riskyApplicant } from '../support/applicants';
import { startTestServer, type TestServer } from '../support/test-server';

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
  const names = [...section.matchAll(/^\| ([^|]+) \|/gm)].flatMap((row) => [...row[1]!.matchAll(/`(hfrc_[^`]+)`/g)].map((m) => m[1]!));
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
    for (const name of Object.keys(found)) expect({ name, isDocumented: documented.includes(name) }).toEqual({ name, isDocumented: true });
  });

  it('times requests by route pattern, method and status class, never by raw URL', async () => {
    const created = await server.request('POST', '/api/v1/screenings', { key, body: cleanApplicant() });
    expect(created.status).toBe(201);
    const caseId = created.body.caseId as string;
    expect((await server.request('GET', `/api/v1/cases/${caseId}`, { key })).status).toBe(200);
    expect((await server.request('GET', '/api/v1/cases/00000000-0000-4000-8000-000000000000', { key })).status).toBe(404);
    expect((await server.request('GET', `/no/such/path/${caseId}`)).status).toBe(404);
    expect((await server.request('GET', '/api/v1/cases')).status).toBe(401);

    const text = await scrape();
    const count = (labels: Record<string, string>) => sample(text, 'hfrc_http_request_duration_seconds_count', labels);
    expect(count({ route: '/api/v1/screenings', method: 'POST', status_class: '2xx' })).toBe(1);
    expect(count({ route: '/api/v1/cases/:id', method: 'GET', status_class: '2xx' })).toBe(1);
    expect(count({ route: '/api/v1/cases/:id', method: 'GET', status_class: '4xx' })).toBe(1);
    expect(count({ route: 'unmatched', method: 'GET', status_class: '4xx' })).toBe(2);
    expect(sample(text, 'hfrc_http_request_duration_seconds_bucket', { route: '/api/v1/cases/:id', status_class: '2xx', le: '+Inf' })).toBe(1);
    expect(text).not.toContain(caseId);
  });

  it('counts screenings by band, not Idempotency-Key replays', async () => {
    const before = await scrape();
    const critical = sample(before, 'hfrc_screenings_total', { band: 'critical' })!;
    const low = sample(before, 'hfrc_screenings_total', { band: 'low' })!;
    const headers = { 'idempotency-key': 'metrics-1' };
    const body = riskyApplicant();
    expect((await server.request('POST', '/api/v1/screenings', { key, body, headers })).body.band).toBe('critical');
    const replay = await server.request('POST', '/api/v1/screenings', { key, body, headers });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect((await server.request('POST', '/api/v1/screenings', { key, body: cleanApplicant() })).body.band).toBe('low');

    const after = await scrape();
    expect(sample(after, 'hfrc_screenings_total', { band: 'critical' })).toBe(critical + 1);
    expect(sample(after, 'hfrc_screenings_total', { band: 'low' })).toBe(low + 1);
    expect(sample(after, 'hfrc_screenings_total', { band: 'high' })).toBe(0);
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
    expect((await server.request('GET', '/metrics', { headers: { authorization: 'Bearer wrong-token-0123456789abcdef' } })).status).toBe(401);
    expect((await server.request('GET', '/metrics', { headers: { authorization: `Bearer ${token}x` } })).status).toBe(401);
    const admin = await server.createKey('admin');
    expect((await server.request('GET', '/metrics', { key: admin })).status).toBe(401);
    const ok = await server.request('GET', '/metrics', { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatch(/^# TYPE hfrc_screenings_total counter$/m);
  });
});
