// SmartRecruiters webhooks over real HTTP and PostgreSQL: the activation handshake, v1 signatures, 202, duplicates by
// event-id, and the worker fetching candidates and application statuses from SmartRecruiters' API (a fake on loopback).
import fs from 'node:fs';
import http from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/app';
import { createLogger } from '../../src/logger';
import { signLike } from '../../src/crypto/signatures';
import { describeWithSharedData, sharedData } from '../support/shared-data';
import { startTestServer, type TestServer } from '../support/test-server';

const ats = sharedData('ats');
const SECRET = 'sr-secret-key-0123456789abcdef';
const API_KEY = 'sr-api-key-0123456789';

interface FakeSmartRecruiters {
  url: string;
  requests: string[];
  /** Candidates served by GET /candidates/:id (absent: 404). */
  candidates: Map<string, Record<string, unknown>>;
  /** Application statuses served by GET /candidates/:id/jobs/:jobId, keyed "candidateId:jobId". */
  statuses: Map<string, string>;
  close(): Promise<void>;
}

// SmartRecruiters' Customer API on loopback (the network edge is the only stub).
async function startFakeSmartRecruiters(): Promise<FakeSmartRecruiters> {
  const fake = {
    requests: [] as string[],
    candidates: new Map(),
    statuses: new Map(),
  } as unknown as FakeSmartRecruiters;
  const server = http.createServer((req, res) => {
    fake.requests.push(`${req.method} ${req.url} ${String(req.headers['x-smarttoken'])}`);
    const url = new URL(req.url ?? '/', 'http://fake');
    const application = /^\/candidates\/([^/]+)\/jobs\/([^/]+)$/.exec(url.pathname);
    const candidate = /^\/candidates\/([^/]+)$/.exec(url.pathname);
    const send = (status: number, body: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.headers['x-smarttoken'] !== API_KEY) return send(401, { message: 'Unauthorized' });
    if (application) {
      const status = fake.statuses.get(`${decodeURIComponent(application[1]!)}:${decodeURIComponent(application[2]!)}`);
      return status ? send(200, { id: application[2], status }) : send(404, { message: 'Not found' });
    }
    const found = candidate ? fake.candidates.get(decodeURIComponent(candidate[1]!)) : undefined;
    return found ? send(200, found) : send(404, { message: 'Not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () => new Promise((resolve) => server.close(() => resolve()));
  return fake;
}

let server: TestServer;
let api: FakeSmartRecruiters;
let adminKey: string;
let counter = 0;

beforeAll(async () => {
  api = await startFakeSmartRecruiters();
  server = await startTestServer({
    webhookWorker: { concurrency: 2, maxAttempts: 2 },
    outboundAllowHosts: '127.0.0.1',
  });
  adminKey = await server.createKey('admin');
  await server.services.webhooks.sources.create({
    vendor: 'smartrecruiters',
    name: 'sr-main',
    secret: SECRET,
    apiKey: API_KEY,
    apiBaseUrl: api.url,
  });
});
afterAll(async () => {
  await server?.close();
  await api?.close();
});

function person(id: string, firstName: string) {
  return {
    id,
    firstName,
    lastName: 'Whitfield',
    email: `${firstName.toLowerCase()}@example.org`,
    phoneNumber: '+1 512 555 0142',
    location: { city: 'Austin', regionCode: 'TX', countryCode: 'us' },
  };
}

/** A signed delivery as SmartRecruiters sends it: thin body, event in headers, a fresh event-id unless given. */
function signed(event: string, body: Record<string, unknown>, extra: { id?: string; timestamp?: number } = {}) {
  counter += 1;
  const raw = Buffer.from(JSON.stringify(body));
  const headers = signLike('smartrecruiters', SECRET, raw, {
    id: extra.id ?? `sr-evt-${process.pid}-${counter}`,
    timestamp: extra.timestamp,
    event,
    link: '<https://api.smartrecruiters.com/candidates>; rel=self',
  });
  return { raw, headers };
}

function post(raw: Buffer | string, headers: Record<string, string>) {
  return server.request('POST', '/webhooks/smartrecruiters', {
    rawBody: raw.toString(),
    headers: { 'content-type': 'application/json', ...headers },
  });
}

async function settled(deliveryId: string, timeoutMs = 15_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const row = await server.services.db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
    if (['processed', 'ignored', 'dead'].includes(row.status)) return row;
    if (Date.now() > until) throw new Error(`delivery ${deliveryId} still ${row.status} (${row.lastError ?? ''})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function send(event: string, body: Record<string, unknown>) {
  const { raw, headers } = signed(event, body);
  const answer = await post(raw, headers);
  expect(answer.status).toBe(202);
  expect(answer.body).toMatchObject({ received: true, duplicate: false });
  return settled(answer.body.deliveryId);
}

describe('subscription activation', () => {
  it('echoes X-Hook-Secret with 200, and stores, reads and calls nothing', async () => {
    const before = await server.services.db.webhookDelivery.count();
    const requests = api.requests.length;
    const answer = await server.request('POST', '/webhooks/smartrecruiters', {
      headers: { 'X-Hook-Secret': '4jn8fs9011jj8' },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-hook-secret')).toBe('4jn8fs9011jj8');
    expect(answer.body).toEqual({ received: true, activated: true });
    // A body beside the header is not read, and a handshake never becomes a delivery, however it is signed.
    const { raw, headers } = signed('application.created', { candidateId: 'hs-1', jobId: 'job-1' });
    const withBody = await post(raw, { ...headers, 'X-Hook-Secret': 'other-value' });
    expect(withBody.status).toBe(200);
    expect(withBody.headers.get('x-hook-secret')).toBe('other-value');
    expect(await server.services.db.webhookDelivery.count()).toBe(before);
    expect(api.requests.length).toBe(requests);
  });

  it('refuses an X-Hook-Secret that is not 1-256 visible ASCII characters, naming it', async () => {
    for (const value of ['x'.repeat(257), 'a b']) {
      const answer = await server.request('POST', '/webhooks/smartrecruiters', { headers: { 'X-Hook-Secret': value } });
      expect(answer.status).toBe(400);
      expect(answer.body.error.fields).toEqual([
        { path: 'X-Hook-Secret', message: 'must be 1 to 256 visible ASCII characters' },
      ]);
      expect(answer.headers.get('x-hook-secret')).toBeNull();
    }
  });

  it('is only answered on the SmartRecruiters endpoint', async () => {
    const answer = await server.request('POST', '/webhooks/greenhouse', {
      rawBody: '{}',
      headers: { 'content-type': 'application/json', 'X-Hook-Secret': 'abc' },
    });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('x-hook-secret')).toBeNull();
  });
});

describe('signed deliveries', () => {
  it('screens a new application with the candidate fetched from SmartRecruiters, answering 202', async () => {
    api.candidates.set('cand-1', person('cand-1', 'Dana'));
    const done = await send('application.created', { candidate_id: 'cand-1', job_id: 'job-1' });
    expect(done).toMatchObject({
      status: 'processed',
      lastError: null,
      event: 'application.created',
      candidateId: 'cand-1',
    });
    expect(done.outcome).toMatch(/^screened: (low|medium|high|critical) \(\d+\)$/);
    expect(await server.services.db.case.findUniqueOrThrow({ where: { id: done.caseId! } })).toMatchObject({
      source: 'smartrecruiters',
      externalId: 'cand-1:job-1',
      subjectName: 'Dana Whitfield',
      createdBy: 'webhook:sr-main',
    });
    expect(api.requests).toContain(`GET /candidates/cand-1 ${API_KEY}`);
  });

  it('makes one case of a duplicate event id, even re-sent with a later timestamp', async () => {
    api.candidates.set('cand-dup', person('cand-dup', 'Robin'));
    const id = `sr-dup-${process.pid}`;
    const first = signed('application.created', { candidateId: 'cand-dup', jobId: 'job-1' }, { id });
    const again = signed(
      'application.created',
      { candidateId: 'cand-dup', jobId: 'job-1' },
      { id, timestamp: Math.floor(Date.now() / 1000) + 5 },
    );
    const answers = await Promise.all([
      post(first.raw, first.headers),
      post(first.raw, first.headers),
      post(again.raw, again.headers),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([202, 202, 202]);
    expect(answers.filter((answer) => answer.body.duplicate === false)).toHaveLength(1);
    await settled(answers.find((answer) => !answer.body.duplicate)!.body.deliveryId);
    expect(await server.services.db.webhookDelivery.count({ where: { deliveryId: `event:${id}` } })).toBe(1);
    expect(
      await server.services.db.case.count({ where: { source: 'smartrecruiters', externalId: 'cand-dup:job-1' } }),
    ).toBe(1);
  });

  it('refuses a flipped byte, a stale timestamp, a changed event name and a wrong key with 401, storing nothing', async () => {
    const before = await server.services.db.webhookDelivery.count();
    const { raw, headers } = signed('application.created', { candidateId: 'cand-x', jobId: 'job-x' });
    const flipped = Buffer.from(raw);
    flipped[5] = flipped[5]! ^ 0x01;
    const stale = signed(
      'application.created',
      { candidateId: 'cand-x', jobId: 'job-x' },
      { timestamp: Math.floor(Date.now() / 1000) - 301 },
    );
    const otherKey = Buffer.from('{"candidateId":"cand-x","jobId":"job-x"}');
    for (const [body, sentHeaders] of [
      [flipped, headers],
      [stale.raw, stale.headers],
      [raw, { ...headers, 'event-name': 'candidate.deleted' }],
      [otherKey, signLike('smartrecruiters', 'another-secret-key-0123456789', otherKey)],
      [raw, { ...headers, 'smartrecruiters-signature': '' }],
    ] as const) {
      const answer = await post(body, sentHeaders);
      expect({ status: answer.status, code: answer.body.error?.code }).toEqual({ status: 401, code: 'unauthorized' });
    }
    expect(await server.services.db.webhookDelivery.count()).toBe(before);
  });

  it('follows the application: a hire rescreens, a rejection withdraws the case, back in review reopens it', async () => {
    api.candidates.set('cand-2', person('cand-2', 'Kim'));
    const applied = await send('application.created', { candidateId: 'cand-2', jobId: 'job-2' });
    expect(applied.status).toBe('processed');
    api.statuses.set('cand-2:job-2', 'REJECTED');
    expect(await send('application.status.updated', { candidateId: 'cand-2', jobId: 'job-2' })).toMatchObject({
      status: 'processed',
      outcome: 'rejected in SmartRecruiters: 1 of 1 case(s) changed',
    });
    expect((await server.services.db.case.findUniqueOrThrow({ where: { id: applied.caseId! } })).status).toBe(
      'withdrawn',
    );
    api.statuses.set('cand-2:job-2', 'IN_REVIEW');
    expect(await send('application.status.updated', { candidateId: 'cand-2', jobId: 'job-2' })).toMatchObject({
      status: 'processed',
      outcome: 'unrejected in SmartRecruiters: 1 of 1 case(s) changed',
    });
    expect((await server.services.db.case.findUniqueOrThrow({ where: { id: applied.caseId! } })).status).toBe('open');
    api.statuses.set('cand-2:job-2', 'HIRED');
    const hired = await send('application.status.updated', { candidateId: 'cand-2', jobId: 'job-2' });
    expect(hired.outcome).toMatch(/^screened on hire: (low|medium|high|critical) \(\d+\)$/);
    expect(hired.caseId).toBe(applied.caseId);
    expect(await server.services.db.screening.count({ where: { caseId: applied.caseId! } })).toBe(2);
    api.statuses.set('cand-2:job-2', 'LEAD');
    expect(await send('application.status.updated', { candidateId: 'cand-2', jobId: 'job-2' })).toMatchObject({
      status: 'ignored',
      outcome: 'application status not acted on: LEAD',
    });
  });

  it('erases and withdraws the candidate’s cases on candidate.deleted; a candidate.updated rescreens them', async () => {
    api.candidates.set('cand-3', person('cand-3', 'Ola'));
    const applied = await send('application.created', { candidateId: 'cand-3', jobId: 'job-3' });
    const updated = await send('candidate.updated', { id: 'cand-3' });
    expect(updated).toMatchObject({ status: 'processed', outcome: 'rescreened 1 case(s)', caseId: applied.caseId });
    const deleted = await send('candidate.deleted', { id: 'cand-3' });
    expect(deleted).toMatchObject({ status: 'processed' });
    expect(deleted.outcome).toMatch(
      /^personal data erased: 1 case\(s\) \(1 withdrawn\), \d+ stored deliveries \(deleted in SmartRecruiters\)$/,
    );
    const erased = await server.services.db.case.findUniqueOrThrow({ where: { id: applied.caseId! } });
    expect(erased.status).toBe('withdrawn');
    expect(erased.personalDataErasedAt).not.toBeNull();
    expect(erased.subjectName).not.toContain('Ola');
  });

  it('ends dead, saying why, when the candidate cannot be fetched; and refuses a case the API created', async () => {
    const missing = await send('application.created', { candidateId: 'cand-missing', jobId: 'job-1' });
    expect(missing).toMatchObject({ status: 'dead', attempts: 1 });
    expect(missing.lastError).toBe('SmartRecruiters answered 404 for candidate cand-missing');
    const created = await server.request('POST', '/api/v1/screenings', {
      key: adminKey,
      body: { source: 'smartrecruiters', externalId: 'cand-api:job-api', person: { legalName: 'Api Made' } },
    });
    expect(created.status).toBe(201);
    api.candidates.set('cand-api', person('cand-api', 'Forged'));
    const refused = await send('application.created', { candidateId: 'cand-api', jobId: 'job-api' });
    expect(refused).toMatchObject({ status: 'dead', outcome: 'refused: names a case this source did not create' });
    expect((await server.services.db.case.findUniqueOrThrow({ where: { id: created.body.caseId } })).subjectName).toBe(
      'Api Made',
    );
  });
});

describe('the per-address budget of bad signatures', () => {
  it('counts SmartRecruiters signature failures; once spent, activations from that address get 429 too', async () => {
    const app = createApp(server.services, {
      logger: createLogger('silent'),
      rateLimits: {
        perIpPerMinute: 0,
        perKeyPerMinute: 0,
        webhookPerIpPerMinute: 0,
        pagesPerIpPerMinute: 0,
        webhookSignatureFailuresPerIpPerMinute: 2,
      },
    });
    const listening: Server = await new Promise((resolve) => {
      const started = app.listen(0, '127.0.0.1', () => resolve(started));
    });
    try {
      const url = `http://127.0.0.1:${(listening.address() as AddressInfo).port}/webhooks/smartrecruiters`;
      const forged = {
        'content-type': 'application/json',
        'smartrecruiters-timestamp': String(Math.floor(Date.now() / 1000)),
        'smartrecruiters-signature': `v1=${'0'.repeat(64)}`,
      };
      // An activation spends nothing.
      for (let index = 0; index < 3; index += 1)
        expect((await fetch(url, { method: 'POST', headers: { 'X-Hook-Secret': 'abc' } })).status).toBe(200);
      for (let index = 0; index < 2; index += 1)
        expect((await fetch(url, { method: 'POST', body: '{"id":"x"}', headers: forged })).status).toBe(401);
      expect((await fetch(url, { method: 'POST', body: '{"id":"x"}', headers: forged })).status).toBe(429);
      const activation = await fetch(url, { method: 'POST', headers: { 'X-Hook-Secret': 'abc' } });
      expect(activation.status).toBe(429);
      expect(activation.headers.get('x-hook-secret')).toBeNull();
    } finally {
      await new Promise<void>((resolve) => listening.close(() => resolve()));
    }
  });
});

describeWithSharedData(ats, 'the vendor’s sample body', () => {
  it('is accepted signed as SmartRecruiters sends it (compact) and names its candidate', async () => {
    const sample = JSON.parse(fs.readFileSync(ats.file('smartrecruiters-application.created.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    api.candidates.set(String(sample.candidate_id), person(String(sample.candidate_id), 'Sample'));
    const done = await send('application.created', sample);
    expect(done).toMatchObject({ status: 'processed', candidateId: 'cid' });
    expect((await server.services.db.case.findUniqueOrThrow({ where: { id: done.caseId! } })).externalId).toBe(
      'cid:jid',
    );
  });
});
