// A webhook source may screen, withdraw or erase only the cases it created: signed events naming others' cases are refused.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { leverSignature, signLike } from '../../src/crypto/signatures';
import { startTestServer, type TestServer } from '../support/test-server';

const GREENHOUSE_A = 'gh-scope-a-0123456789abcdef';
const GREENHOUSE_B = 'gh-scope-b-0123456789abcdef';
const ASHBY_SECRET = 'ashby-scope-0123456789abcdef';
const LEVER_TOKEN = 'lever-scope-token-0123456789abcdef';

let server: TestServer;
let adminKey: string;
let genericSecret: string;
let lever: { url: string; fetched: string[]; close(): Promise<void> };

// Lever's API on loopback (the network edge): every opportunity exists and belongs to a harmless-looking candidate.
async function startFakeLever() {
  const fetched: string[] = [];
  const api = http.createServer((req, res) => {
    fetched.push(req.url ?? '');
    const id = decodeURIComponent(/^\/v1\/opportunities\/([^/?]+)$/.exec(req.url ?? '')?.[1] ?? '');
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ data: { id, name: 'Calm Person', emails: ['calm@example.org'], isAnonymized: false } }));
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(api.address() as AddressInfo).port}`,
    fetched,
    close: () => new Promise<void>((resolve) => api.close(() => resolve())),
  };
}

// A critical applicant, as a recruiter would submit it through the API.
function criticalApplicant(source: string, externalId: string) {
  return {
    source,
    externalId,
    person: { legalName: 'Jane Q. Doe', phone: '+1 512 555 0142', email: 'jane.doe@example.org' },
    claimedLocation: { country: 'US', city: 'Austin' },
    residentialAddress: { line1: '1 Main St', city: 'Austin', postalCode: '78701', country: 'US' },
    shipping: { address: { line1: '77 Elm Street', city: 'Phoenix', postalCode: '85001', country: 'US' } },
    payment: { method: 'crypto', accountHolderName: 'Chen Wei' },
    sessions: [{ ip: '36.110.0.1', kind: 'interview', at: '2026-11-20T15:04:05Z' }],
  };
}

async function apiCase(source: string, externalId: string): Promise<string> {
  const created = await server.request('POST', '/api/v1/screenings', {
    key: adminKey,
    body: criticalApplicant(source, externalId),
  });
  expect(created.status).toBe(201);
  return created.body.caseId;
}

/** Everything a webhook could change about a case: its row, screenings, audit trail and identifiers. */
async function snapshotOf(caseId: string) {
  const db = server.services.db;
  const row = await db.case.findUniqueOrThrow({ where: { id: caseId } });
  return {
    row: { ...row, updatedAt: row.updatedAt.toISOString() },
    screenings: await db.screening.count({ where: { caseId } }),
    events: await db.caseEvent.findMany({
      where: { caseId },
      orderBy: { id: 'asc' },
      select: { action: true, actor: true },
    }),
    identifiers: await db.identifier.count({ where: { caseId } }),
  };
}

async function settled(deliveryId: string, timeoutMs = 15_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const row = await server.services.db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
    if (['processed', 'ignored', 'dead'].includes(row.status)) return row;
    if (Date.now() > until) throw new Error(`delivery ${deliveryId} still ${row.status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function post(vendor: string, body: string, headers: Record<string, string>) {
  const response = await server.request('POST', `/webhooks/${vendor}`, {
    rawBody: body,
    headers: { 'content-type': 'application/json', ...headers },
  });
  expect(response.status).toBe(200);
  return settled(response.body.deliveryId);
}

function sendGeneric(type: string, data: Record<string, unknown>) {
  const body = JSON.stringify({ type, timestamp: new Date().toISOString(), data });
  return post('generic', body, signLike('generic', genericSecret, Buffer.from(body)));
}

let greenhouseEvent = 0;
function sendGreenhouse(secret: string, payload: Record<string, unknown>) {
  const body = JSON.stringify(payload);
  return post('greenhouse', body, {
    ...signLike('greenhouse', secret, Buffer.from(body)),
    'Greenhouse-Event-ID': `scope-${++greenhouseEvent}`,
  });
}

function sendAshby(payload: Record<string, unknown>) {
  const body = JSON.stringify(payload);
  return post('ashby', body, signLike('ashby', ASHBY_SECRET, Buffer.from(body)));
}

let leverToken = 0;
function sendLever(event: string, data: Record<string, unknown>) {
  const token = `scope-token-${++leverToken}`;
  const triggeredAt = Date.now();
  return post(
    'lever',
    JSON.stringify({ event, data, token, triggeredAt, signature: leverSignature(LEVER_TOKEN, token, triggeredAt) }),
    {},
  );
}

function greenhouseApplication(applicationId: number, candidateId: number) {
  return {
    action: 'new_candidate_application',
    payload: {
      application: { id: applicationId, candidate: { id: candidateId, first_name: 'Calm', last_name: 'Person' } },
    },
  };
}

function expectRefused(
  delivery: { status: string; outcome: string | null; lastError: string | null; caseId: string | null },
  externalId: string,
) {
  expect(delivery).toMatchObject({
    status: 'dead',
    outcome: 'refused: names a case this source did not create',
    caseId: null,
  });
  expect(delivery.lastError).toContain(`"${externalId}"`);
  expect(delivery.lastError).toMatch(/did not create/);
}

beforeAll(async () => {
  lever = await startFakeLever();
  server = await startTestServer({
    webhookWorker: { concurrency: 2, maxAttempts: 2 },
    outboundAllowHosts: '127.0.0.1',
  });
  adminKey = await server.createKey('admin');
  const sources = server.services.webhooks.sources;
  genericSecret = (await sources.create({ vendor: 'generic', name: 'careers-site' })).secret;
  await sources.create({ vendor: 'greenhouse', name: 'greenhouse-a', secret: GREENHOUSE_A });
  await sources.create({ vendor: 'greenhouse', name: 'greenhouse-b', secret: GREENHOUSE_B });
  await sources.create({ vendor: 'ashby', name: 'ashby-main', secret: ASHBY_SECRET });
  await sources.create({
    vendor: 'lever',
    name: 'lever-main',
    secret: LEVER_TOKEN,
    apiKey: 'lever-api-key',
    apiBaseUrl: lever.url,
  });
});

afterAll(async () => {
  await server?.close();
  await lever?.close();
});

describe('a generic (Standard Webhooks) source', () => {
  it('does not rescore a case the API created when a signed applicant.updated names it', async () => {
    const caseId = await apiCase('api', 'req-scope-1');
    const before = await snapshotOf(caseId);
    expect(before.row.band).toBe('critical');
    const delivery = await sendGeneric('applicant.updated', {
      source: 'api',
      externalId: 'req-scope-1',
      person: { legalName: 'Jane Q. Doe' },
    });
    expectRefused(delivery, 'req-scope-1');
    expect(await snapshotOf(caseId)).toEqual(before);
  });

  it('neither withdraws nor erases a case the API created when a signed applicant.deleted names it', async () => {
    const caseId = await apiCase('api', 'req-scope-2');
    const before = await snapshotOf(caseId);
    expectRefused(await sendGeneric('applicant.deleted', { source: 'api', externalId: 'req-scope-2' }), 'req-scope-2');
    expectRefused(
      await sendGeneric('applicant.anonymized', { source: 'api', externalId: 'req-scope-2' }),
      'req-scope-2',
    );
    expectRefused(await sendGeneric('applicant.rejected', { source: 'api', externalId: 'req-scope-2' }), 'req-scope-2');
    const after = await snapshotOf(caseId);
    expect(after).toEqual(before);
    expect(after.row).toMatchObject({ status: 'open', subjectName: 'Jane Q. Doe', personalDataErasedAt: null });
  });

  it('does not reach a case the API filed under the generic source name either', async () => {
    const caseId = await apiCase('generic', 'req-scope-3');
    const before = await snapshotOf(caseId);
    expectRefused(
      await sendGeneric('applicant.updated', { externalId: 'req-scope-3', person: { legalName: 'Jane Q. Doe' } }),
      'req-scope-3',
    );
    expect(await snapshotOf(caseId)).toEqual(before);
  });

  it('still screens, rescreens and erases its own cases', async () => {
    const created = await sendGeneric('applicant.submitted', {
      externalId: 'own-1',
      person: { legalName: 'Kai Moreno' },
    });
    expect(created.status).toBe('processed');
    expect(
      (await sendGeneric('applicant.updated', { externalId: 'own-1', person: { legalName: 'Kai Moreno' } })).outcome,
    ).toMatch(/^screened: /);
    expect((await sendGeneric('applicant.deleted', { externalId: 'own-1' })).outcome).toMatch(
      /^personal data erased: 1 case\(s\) \(1 withdrawn\)/,
    );
  });
});

describe('ATS sources', () => {
  it('Greenhouse: one source cannot rescreen or withdraw another source\'s case, nor one the API filed under "greenhouse"', async () => {
    const own = await sendGreenhouse(GREENHOUSE_A, greenhouseApplication(880001, 990001));
    expect(own.status).toBe('processed');
    const before = await snapshotOf(own.caseId!);
    expectRefused(await sendGreenhouse(GREENHOUSE_B, greenhouseApplication(880001, 990001)), '880001');
    expectRefused(
      await sendGreenhouse(GREENHOUSE_B, {
        action: 'delete_application',
        payload: { application: { id: 880001, candidate_id: 990001 } },
      }),
      '880001',
    );
    expect(await snapshotOf(own.caseId!)).toEqual(before);

    const apiCaseId = await apiCase('greenhouse', '880002');
    const apiBefore = await snapshotOf(apiCaseId);
    expectRefused(await sendGreenhouse(GREENHOUSE_A, greenhouseApplication(880002, 990002)), '880002');
    expectRefused(
      await sendGreenhouse(GREENHOUSE_A, {
        action: 'delete_candidate',
        payload: { person: { id: 990002, deleted_application_ids: [880002] } },
      }),
      '880002',
    );
    expect(await snapshotOf(apiCaseId)).toEqual(apiBefore);
  });

  it('Ashby: an application event naming a case the API filed under "ashby" is refused', async () => {
    const caseId = await apiCase('ashby', 'ashby-app-scope');
    const before = await snapshotOf(caseId);
    const application = {
      id: 'ashby-app-scope',
      status: 'Archived',
      candidate: { id: 'ashby-cand-scope', name: 'Calm Person' },
    };
    expectRefused(
      await sendAshby({ webhookActionId: 'scope-1', action: 'candidateStageChange', data: { application } }),
      'ashby-app-scope',
    );
    expectRefused(
      await sendAshby({
        webhookActionId: 'scope-2',
        action: 'applicationUpdate',
        data: { application: { ...application, status: 'Active' } },
      }),
      'ashby-app-scope',
    );
    expect(await snapshotOf(caseId)).toEqual(before);
  });

  it('Lever: a stage change, archive or deletion naming a case the API filed under "lever" is refused', async () => {
    const caseId = await apiCase('lever', 'opp-scope-1');
    const before = await snapshotOf(caseId);
    expectRefused(
      await sendLever('candidateStageChange', { opportunityId: 'opp-scope-1', candidateId: 'contact-scope-1' }),
      'opp-scope-1',
    );
    expectRefused(
      await sendLever('candidateArchiveChange', { opportunityId: 'opp-scope-1', candidateId: 'contact-scope-1' }),
      'opp-scope-1',
    );
    expectRefused(
      await sendLever('candidateDeleted', { opportunityId: 'opp-scope-1', candidateId: 'contact-scope-1' }),
      'opp-scope-1',
    );
    expect(await snapshotOf(caseId)).toEqual(before);
  });
});
