// ATS webhooks over real HTTP and PostgreSQL: signatures on the vendors' real payloads, durable intake, the queue.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { createLogger } from '../../src/logger';
import { leverSignature, signLike } from '../../src/crypto/signatures';
import { createDeliveryProcessor } from '../../src/webhooks/start-processing';
import { releaseDeadWorkers } from '../../src/queue/worker-liveness-store';
import { DeliveryStore } from '../../src/webhooks/delivery-store';
import { SecretBox } from '../../src/crypto/secret-box';
import { describeWithSharedData, sharedData } from '../support/shared-data';
import { startTestServer, TEST_SECRETS_KEY_HEX, type TestServer } from '../support/test-server';

// The vendors' example payloads, verbatim, kept outside the repository (../shared/data/ats).
const ats = sharedData('ats');
const raw = (file: string) => fs.readFileSync(ats.file(file));
const json = (file: string) => JSON.parse(raw(file).toString('utf8'));

const GREENHOUSE_SECRET = 'gh-secret-0123456789abcdef';
const ASHBY_SECRET = 'ashby-secret-0123456789abcdef';
const LEVER_TOKEN = 'lever-signing-token-0123456789abcdef';

interface FakeLever {
  url: string;
  requests: string[];
  /** Status to answer with; 200 serves the opportunity. */
  status: number;
  /** Opportunity ids answered 404 (deleted in Lever), and those served with isAnonymized: true. */
  gone: Set<string>;
  anonymized: Set<string>;
  /** GET /v1/opportunities?contact_id=: the opportunities of each contact (a contact not here has none). */
  contacts: Map<string, string[]>;
  /** Notes posted (Greenhouse Harvest and Lever paths), and the statuses to answer them with, in turn. */
  notes: { path: string; headers: http.IncomingHttpHeaders; body: any }[];
  noteStatuses: number[];
  close(): Promise<void>;
}

// Lever's API on loopback: GET /v1/opportunities/:id answers with a candidate, GET /v1/opportunities?contact_id= lists
// a contact's opportunities (the network edge is the only stub).
async function startFakeLever(): Promise<FakeLever> {
  const fake = {
    requests: [] as string[],
    status: 200,
    gone: new Set(),
    anonymized: new Set(),
    contacts: new Map(),
    notes: [],
    noteStatuses: [],
  } as unknown as FakeLever;
  const server = http.createServer((req, res) => {
    if (req.method === 'POST') {
      let text = '';
      req.on('data', (chunk) => (text += chunk));
      req.on('end', () => {
        const status = fake.noteStatuses.shift() ?? 201;
        fake.notes.push({ path: req.url ?? '', headers: req.headers, body: JSON.parse(text) });
        res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
      });
      return;
    }
    fake.requests.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
    const url = new URL(req.url ?? '/', 'http://fake');
    if (url.pathname === '/v1/opportunities' && fake.status === 200) {
      const ids = (fake.contacts.get(url.searchParams.get('contact_id') ?? '') ?? []).filter(
        (id) => !fake.gone.has(id),
      );
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(
          JSON.stringify({ data: ids.map((id) => ({ id, isAnonymized: fake.anonymized.has(id) })), hasNext: false }),
        );
      return;
    }
    const match = /^\/v1\/opportunities\/([^/?]+)$/.exec(url.pathname);
    const id = match ? decodeURIComponent(match[1]!) : '';
    if (!match || fake.status !== 200 || fake.gone.has(id)) {
      res
        .writeHead(match && fake.status !== 200 ? fake.status : 404, { 'content-type': 'application/json' })
        .end('{"code":"ResourceNotFound"}');
      return;
    }
    const data = fake.anonymized.has(id)
      ? { id, name: 'Anonymized', emails: [], phones: [], isAnonymized: true }
      : {
          id,
          name: 'Dana Whitfield',
          emails: ['dana.whitfield@example.org'],
          phones: [{ type: 'mobile', value: '+1 512 555 0142' }],
          location: 'Austin, TX',
          links: ['https://github.com/danaw'],
          isAnonymized: false,
        };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () => new Promise((resolve) => server.close(() => resolve()));
  return fake;
}

let server: TestServer;
let lever: FakeLever;
let reviewerKey: string;
let adminKey: string;
let genericSecret: string;

async function post(vendor: string, body: Buffer | string, headers: Record<string, string>) {
  return server.request('POST', `/webhooks/${vendor}`, {
    rawBody: typeof body === 'string' ? body : body.toString('utf8'),
    headers: { 'content-type': 'application/json', ...headers },
  });
}

async function deliveryCount(): Promise<number> {
  return server.services.db.webhookDelivery.count();
}

/** Waits until the delivery's job has finished (processed, ignored or dead). */
async function settled(
  deliveryId: string,
  timeoutMs = 15_000,
): Promise<{
  status: string;
  outcome: string | null;
  caseId: string | null;
  lastError: string | null;
  attempts: number;
}> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const row = await server.services.db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
    if (['processed', 'ignored', 'dead'].includes(row.status)) return row;
    if (Date.now() > until) throw new Error(`delivery ${deliveryId} still ${row.status} (${row.lastError ?? ''})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function greenhouseHeaders(body: Buffer, eventId: string, secret = GREENHOUSE_SECRET): Record<string, string> {
  return { ...signLike('greenhouse', secret, body), 'Greenhouse-Event-ID': eventId };
}

function leverBody(fields: Record<string, unknown>, token: string, triggeredAt = Date.now()): string {
  return JSON.stringify({ ...fields, token, triggeredAt, signature: leverSignature(LEVER_TOKEN, token, triggeredAt) });
}

/** The real new_candidate_application payload, for another application and candidate. */
function greenhouseApplication(applicationId: number, candidateId: number, firstName?: string): Buffer {
  const application = json('greenhouse-new_candidate_application.json');
  application.payload.application.id = applicationId;
  application.payload.application.candidate.id = candidateId;
  if (firstName) application.payload.application.candidate.first_name = firstName;
  return Buffer.from(JSON.stringify(application));
}

/** Sends a signed Greenhouse delivery and waits until it has been handled. */
async function sendGreenhouse(body: Buffer, eventId: string) {
  const response = await post('greenhouse', body, greenhouseHeaders(body, eventId));
  expect(response.status).toBe(200);
  expect(response.body.duplicate).toBe(false);
  return settled(response.body.deliveryId);
}

/** Sends a signed Lever delivery (a fresh token) and waits until it has been handled. */
async function sendLever(event: string, data: Record<string, unknown>, token: string, signingToken = LEVER_TOKEN) {
  const triggeredAt = Date.now();
  const body = JSON.stringify({
    event,
    data,
    token,
    triggeredAt,
    signature: leverSignature(signingToken, token, triggeredAt),
  });
  const response = await post('lever', body, {});
  expect(response.status).toBe(200);
  expect(response.body.duplicate).toBe(false);
  return settled(response.body.deliveryId);
}

async function caseRow(id: string) {
  return server.services.db.case.findUniqueOrThrow({ where: { id } });
}

/** The case's audit trail, without the links its applicant's other applications made (beside the point here). */
async function actionsOf(caseId: string): Promise<string[]> {
  const events = await server.services.db.caseEvent.findMany({
    where: { caseId, action: { not: 'case.linked' } },
    orderBy: { id: 'asc' },
  });
  return events.map((event) => event.action);
}

/** A decision a reviewer made (cleared / confirmed_fraud), which no ATS event may undo. */
async function decide(caseId: string, status: 'cleared' | 'confirmed_fraud') {
  await server.services.cases.change(caseId, { status, reason: 'checked by a reviewer' }, 'reviewer@example.org');
}

beforeAll(async () => {
  lever = await startFakeLever();
  // The fake Lever (and Harvest) API is on loopback: allowed as a self-hosted host would be.
  server = await startTestServer({
    webhookWorker: { concurrency: 2, maxAttempts: 2 },
    outboundAllowHosts: '127.0.0.1',
  });
  reviewerKey = await server.createKey('reviewer');
  adminKey = await server.createKey('admin');
  const sources = server.services.webhooks.sources;
  await sources.create({
    vendor: 'greenhouse',
    name: 'greenhouse-main',
    secret: GREENHOUSE_SECRET,
    settings: { fieldMap: { test_field_1: 'shipping.recipientName' } },
  });
  await sources.create({ vendor: 'ashby', name: 'ashby-main', secret: ASHBY_SECRET });
  await sources.create({
    vendor: 'lever',
    name: 'lever-main',
    secret: LEVER_TOKEN,
    apiKey: 'lever-api-key',
    apiBaseUrl: lever.url,
  });
  genericSecret = (await sources.create({ vendor: 'generic', name: 'careers-site' })).secret;
});

afterAll(async () => {
  await server?.close();
  await lever?.close();
});

describeWithSharedData(ats, 'Greenhouse', () => {
  // Read when the block runs: a skipped block's body is still collected.
  let body: Buffer;
  beforeAll(() => {
    body = raw('greenhouse-new_candidate_application.json');
  });

  it('accepts the real new_candidate_application payload signed over its raw bytes and screens it into a case', async () => {
    const response = await post('greenhouse', body, greenhouseHeaders(body, 'gh-evt-1'));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ received: true, duplicate: false });
    const done = await settled(response.body.deliveryId);
    expect(done).toMatchObject({ status: 'processed', lastError: null });
    expect(done.outcome).toMatch(/^screened: (low|medium|high|critical) \(\d+\)$/);
    const stored = await server.services.db.case.findUniqueOrThrow({ where: { id: done.caseId! } });
    expect(stored).toMatchObject({
      source: 'greenhouse',
      externalId: '71980812',
      subjectName: 'Jane Smith',
      createdBy: 'webhook:greenhouse-main',
    });
    // The body is kept sealed (AES-256-GCM under SECRETS_KEY): no personal data in the clear at rest.
    const { rows } = await server.services.pool.query(
      `SELECT body, body_sha256 FROM webhook_deliveries WHERE id = $1`,
      [response.body.deliveryId],
    );
    expect(rows[0].body.includes(Buffer.from('Jane'))).toBe(false);
    expect(rows[0].body.includes(Buffer.from('person@example.com'))).toBe(false);
    expect(Buffer.from(rows[0].body_sha256).toString('hex')).toBe(
      crypto.createHash('sha256').update(body).digest('hex'),
    );
  });

  it('answers a duplicate delivery (same Greenhouse-Event-ID) with 200 and stores nothing new', async () => {
    const before = await deliveryCount();
    const cases = await server.services.db.case.count();
    const response = await post('greenhouse', body, greenhouseHeaders(body, 'gh-evt-1'));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ received: true, duplicate: true, deliveryId: null });
    expect(await deliveryCount()).toBe(before);
    expect(await server.services.db.case.count()).toBe(cases);
  });

  it('refuses one flipped byte, a re-serialised body and a wrong secret with 401, storing nothing', async () => {
    const before = await deliveryCount();
    const flipped = Buffer.from(body);
    flipped[flipped.indexOf('Jane')] = 'K'.charCodeAt(0);
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(body.toString('utf8'))));
    for (const [sent, headers] of [
      [flipped, greenhouseHeaders(body, 'gh-evt-2')],
      [reserialised, greenhouseHeaders(body, 'gh-evt-3')],
      [body, greenhouseHeaders(body, 'gh-evt-4', 'not-the-secret-at-all')],
      [body, { 'Greenhouse-Event-ID': 'gh-evt-5' }],
      [body, { Signature: 'sha256=abc', 'Greenhouse-Event-ID': 'gh-evt-6' }],
    ] as const) {
      const response = await post('greenhouse', sent, headers);
      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('unauthorized');
    }
    expect(await deliveryCount()).toBe(before);
    const metrics = await server.services.metrics.registry.getSingleMetricAsString(
      'hfrc_webhook_verification_failures_total',
    );
    expect(metrics).toMatch(/vendor="greenhouse"} 5/);
  });

  it('stores deliveries that arrive together (one statement) each once, a repeated id in the same batch as a duplicate', async () => {
    const before = await deliveryCount();
    const sends = Array.from({ length: 30 }, (_unused, index) => {
      const application = json('greenhouse-new_candidate_application.json');
      application.payload.application.id = 9_000_000 + (index % 29);
      application.payload.application.candidate.id = 9_500_000 + (index % 29);
      // A NUL in the event name cannot be stored as text; it must not fail the others of its batch.
      if (index === 3) application.action = 'new_candidate_application\u0000';
      const raw = Buffer.from(JSON.stringify(application));
      return post('greenhouse', raw, greenhouseHeaders(raw, `batch-${index % 29}`));
    });
    const answers = await Promise.all(sends);
    expect(answers.map((answer) => answer.status)).toEqual(Array(30).fill(200));
    expect(answers.filter((answer) => answer.body.duplicate)).toHaveLength(1);
    expect(await deliveryCount()).toBe(before + 29);
    const jobs = await server.services.pool.query(
      `SELECT count(*)::int AS n FROM webhook_deliveries d WHERE d.delivery_id LIKE 'batch-%'`,
    );
    expect(jobs.rows[0].n).toBe(29);
    const finished = await Promise.all(
      answers.filter((each) => !each.body.duplicate).map((answer) => settled(answer.body.deliveryId)),
    );
    expect(finished.filter((delivery) => delivery.status === 'processed' && delivery.lastError === null)).toHaveLength(
      28,
    );
    // The NUL event is one we do not act on; its outcome quotes it without the NUL.
    expect(finished.find((delivery) => delivery.status !== 'processed')).toMatchObject({
      status: 'ignored',
      outcome: 'event not acted on: new_candidate_application',
      lastError: null,
    });
  });

  it("handles one candidate's events in the order they arrived, even when sent back to back", async () => {
    const application = json('greenhouse-new_candidate_application.json');
    application.payload.application.id = 5550077;
    application.payload.application.candidate.id = 7770077;
    application.payload.application.candidate.first_name = 'Quinn';
    const anonymize = json('greenhouse-candidate_anonymized.json');
    anonymize.payload.candidate_id = 7770077;
    const applied = Buffer.from(JSON.stringify(application));
    const erased = Buffer.from(JSON.stringify(anonymize));
    // Not waiting between them: with two workers the anonymisation would otherwise run first and erase nothing.
    const first = await post('greenhouse', applied, greenhouseHeaders(applied, 'order-1'));
    const second = await post('greenhouse', erased, greenhouseHeaders(erased, 'order-2'));
    const done = await settled(first.body.deliveryId);
    expect(await settled(second.body.deliveryId)).toMatchObject({ status: 'processed' });
    const row = await server.services.db.case.findUniqueOrThrow({ where: { id: done.caseId! } });
    expect(row.subjectName).toBe('[erased]');
  });

  it('answers the ping with 200 and stores nothing', async () => {
    const before = await deliveryCount();
    const ping = raw('greenhouse-ping.json');
    const response = await post('greenhouse', ping, greenhouseHeaders(ping, 'gh-ping'));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ ping: true });
    expect(await deliveryCount()).toBe(before);
  });

  it('follows the candidate through rejection, un-rejection and anonymisation, keeping the audit trail', async () => {
    const application = json('greenhouse-new_candidate_application.json');
    application.payload.application.id = 5550001;
    application.payload.application.candidate.id = 7770001;
    application.payload.application.candidate.first_name = 'Morgan';
    const applied = Buffer.from(JSON.stringify(application));
    const first = await settled(
      (await post('greenhouse', applied, greenhouseHeaders(applied, 'life-1'))).body.deliveryId,
    );
    const caseId = first.caseId!;

    const reject = json('greenhouse-reject_candidate.json');
    reject.payload.application.id = 5550001;
    reject.payload.application.candidate.id = 7770001;
    const rejected = Buffer.from(JSON.stringify(reject));
    const afterReject = await settled(
      (await post('greenhouse', rejected, greenhouseHeaders(rejected, 'life-2'))).body.deliveryId,
    );
    expect(afterReject).toMatchObject({ status: 'processed', caseId });
    expect((await server.services.db.case.findUniqueOrThrow({ where: { id: caseId } })).status).toBe('withdrawn');

    const unreject = json('greenhouse-unreject_candidate.json');
    unreject.payload.application.id = 5550001;
    unreject.payload.application.candidate.id = 7770001;
    const unrejected = Buffer.from(JSON.stringify(unreject));
    await settled((await post('greenhouse', unrejected, greenhouseHeaders(unrejected, 'life-3'))).body.deliveryId);
    expect((await server.services.db.case.findUniqueOrThrow({ where: { id: caseId } })).status).toBe('open');

    const anonymize = json('greenhouse-candidate_anonymized.json');
    anonymize.payload.candidate_id = 7770001;
    const anonymized = Buffer.from(JSON.stringify(anonymize));
    const erased = await settled(
      (await post('greenhouse', anonymized, greenhouseHeaders(anonymized, 'life-4'))).body.deliveryId,
    );
    expect(erased.status).toBe('processed');
    const row = await server.services.db.case.findUniqueOrThrow({ where: { id: caseId } });
    expect(row.subjectName).toBe('[erased]');
    expect(row.personalDataErasedAt).not.toBeNull();
    // No delivery about this candidate keeps its body; the audit trail shows every step.
    const bodies = await server.services.db.webhookDelivery.findMany({
      where: { candidateId: '7770001' },
      select: { body: true },
    });
    expect(bodies.length).toBe(4);
    expect(bodies.every((delivery) => delivery.body === null)).toBe(true);
    const { rows } = await server.services.pool.query(
      `SELECT count(*)::int AS n FROM webhook_deliveries WHERE position('Morgan'::bytea IN body) > 0`,
    );
    expect(rows[0].n).toBe(0);
    const actions = (
      await server.services.db.caseEvent.findMany({ where: { caseId }, orderBy: { createdAt: 'asc' } })
    ).map((event) => event.action);
    expect(actions).toEqual([
      'case.created',
      'case.status_changed',
      'case.status_changed',
      'case.personal_data_erased',
    ]);
  });
});

describeWithSharedData(
  ats,
  'Greenhouse: the same body re-sent under another Greenhouse-Event-ID (the header is not signed)',
  () => {
    it('is a duplicate: answered 200 and nothing done, also after the candidate was anonymised', async () => {
      const applied = greenhouseApplication(5550099, 7770099, 'Rowan');
      const first = await sendGreenhouse(applied, 'replay-1');
      expect(first.status).toBe('processed');
      const screenings = await server.services.db.screening.count({
        where: { caseId: first.caseId!, requestedBy: { not: { startsWith: 'system:' } } },
      });
      const before = await deliveryCount();
      const again = await post('greenhouse', applied, greenhouseHeaders(applied, 'replay-2'));
      expect(again.status).toBe(200);
      expect(again.body).toEqual({ received: true, duplicate: true, deliveryId: null });
      expect(await deliveryCount()).toBe(before);

      const anonymize = json('greenhouse-candidate_anonymized.json');
      anonymize.payload.candidate_id = 7770099;
      const anonymized = Buffer.from(JSON.stringify(anonymize));
      expect(await sendGreenhouse(anonymized, 'replay-3')).toMatchObject({ status: 'processed' });
      expect((await caseRow(first.caseId!)).subjectName).toBe('[erased]');

      // The captured application re-sent after the anonymisation (its body is gone, its hash is kept): it must not bring
      // the personal data back. The anonymisation re-sent is a duplicate too.
      for (const [body, eventId] of [
        [applied, 'replay-4'],
        [applied, 'replay-5'],
        [anonymized, 'replay-6'],
      ] as const) {
        const replayed = await post('greenhouse', body, greenhouseHeaders(body, eventId));
        expect(replayed.status).toBe(200);
        expect(replayed.body).toEqual({ received: true, duplicate: true, deliveryId: null });
      }
      expect(await deliveryCount()).toBe(before + 1);
      expect(
        await server.services.db.webhookDelivery.count({
          where: { deliveryId: { in: ['replay-2', 'replay-4', 'replay-5', 'replay-6'] } },
        }),
      ).toBe(0);
      const row = await caseRow(first.caseId!);
      expect(row.subjectName).toBe('[erased]');
      expect(
        await server.services.db.screening.count({
          where: { caseId: first.caseId!, requestedBy: { not: { startsWith: 'system:' } } },
        }),
      ).toBe(screenings);
      expect(await server.services.db.case.count({ where: { subjectName: 'Rowan Smith' } })).toBe(0);
      const { rows } = await server.services.pool.query(
        `SELECT count(*)::int AS n FROM webhook_deliveries WHERE position('Rowan'::bytea IN body) > 0`,
      );
      expect(rows[0].n).toBe(0);
    });

    it('is a duplicate when the copies arrive together (one statement)', async () => {
      const body = greenhouseApplication(5550098, 7770098);
      const answers = await Promise.all(
        ['together-1', 'together-2', 'together-3'].map((eventId) =>
          post('greenhouse', body, greenhouseHeaders(body, eventId)),
        ),
      );
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
      const stored = answers.filter((answer) => !answer.body.duplicate);
      expect(stored).toHaveLength(1);
      expect(
        await server.services.db.webhookDelivery.count({ where: { deliveryId: { startsWith: 'together-' } } }),
      ).toBe(1);
      expect(await settled(stored[0]!.body.deliveryId)).toMatchObject({ status: 'processed' });
    });
  },
);

describeWithSharedData(ats, 'Greenhouse lifecycle', () => {
  it('rescreens the existing case when the candidate is hired (the real hire_candidate payload)', async () => {
    // The application the hire is about (46194062, candidate 35897443) arrived first.
    const applied = await sendGreenhouse(greenhouseApplication(46194062, 35897443, 'Johnny'), 'hire-0');
    expect(applied.outcome).toMatch(/^screened: /);
    const hire = raw('greenhouse-hire_candidate.json');
    const hired = await sendGreenhouse(hire, 'hire-1');
    expect(hired).toMatchObject({ status: 'processed', caseId: applied.caseId, lastError: null });
    expect(hired.outcome).toMatch(/^screened on hire: (low|medium|high|critical) \(\d+\)$/);
    // The applications of this file share the sample's contact details, so a queued link rescoring may add a
    // system:links screening at any moment (as actionsOf leaves out case.linked): count the ATS's own screenings.
    expect(
      await server.services.db.screening.count({
        where: { caseId: applied.caseId!, requestedBy: { not: { startsWith: 'system:' } } },
      }),
    ).toBe(2);
    expect(await actionsOf(applied.caseId!)).toEqual(['case.created', 'case.rescreened']);
    expect(await caseRow(applied.caseId!)).toMatchObject({
      source: 'greenhouse',
      externalId: '46194062',
      subjectName: 'Johnny Smith',
      status: 'open',
    });
  });

  it("withdraws only the deleted application's case on delete_application", async () => {
    const kept = await sendGreenhouse(greenhouseApplication(5550201, 7770200, 'Avery'), 'delapp-0');
    const deleted = await sendGreenhouse(greenhouseApplication(5550202, 7770200, 'Avery'), 'delapp-1');
    const body = Buffer.from(
      JSON.stringify({
        action: 'delete_application',
        payload: { application: { id: 5550202, candidate_id: 7770200 } },
      }),
    );
    const done = await sendGreenhouse(body, 'delapp-2');
    expect(done).toMatchObject({
      status: 'processed',
      caseId: deleted.caseId,
      outcome: 'deleted in Greenhouse: 1 of 1 case(s) changed',
    });
    expect((await caseRow(deleted.caseId!)).status).toBe('withdrawn');
    expect(await actionsOf(deleted.caseId!)).toEqual(['case.created', 'case.status_changed']);
    const event = await server.services.db.caseEvent.findFirstOrThrow({
      where: { caseId: deleted.caseId!, action: 'case.status_changed' },
    });
    expect(event).toMatchObject({
      actor: 'webhook:greenhouse-main',
      data: { before: 'open', after: 'withdrawn', reason: 'deleted in Greenhouse' },
    });
    // The candidate's other application is still in the process.
    expect(await caseRow(kept.caseId!)).toMatchObject({ status: 'open', subjectName: 'Avery Smith' });
  });

  it('erases and withdraws the applications the real delete_candidate lists; a decided case keeps its decision; others stay', async () => {
    // The real payload: candidate 37031511 deleted with applications 46196263 and 46196258.
    const open = await sendGreenhouse(greenhouseApplication(46196263, 37031511, 'Jack'), 'delcand-0');
    const decided = await sendGreenhouse(greenhouseApplication(46196258, 37031511, 'Jack'), 'delcand-1');
    const unlisted = await sendGreenhouse(greenhouseApplication(46199999, 37031511, 'Jack'), 'delcand-2');
    await decide(decided.caseId!, 'confirmed_fraud');

    const done = await sendGreenhouse(raw('greenhouse-delete_candidate.json'), 'delcand-3');
    expect(done.status).toBe('processed');
    expect(done.outcome).toMatch(
      /^personal data erased: 2 case\(s\) \(1 withdrawn\), \d+ stored deliveries \(deleted in Greenhouse\)$/,
    );
    expect(await caseRow(open.caseId!)).toMatchObject({
      status: 'withdrawn',
      subjectName: '[erased]',
      externalId: null,
    });
    expect(await actionsOf(open.caseId!)).toEqual(['case.created', 'case.status_changed', 'case.personal_data_erased']);
    expect(await caseRow(decided.caseId!)).toMatchObject({ status: 'confirmed_fraud', subjectName: '[erased]' });
    expect(await actionsOf(decided.caseId!)).toEqual(['case.created', 'case.decided', 'case.personal_data_erased']);
    // An application the deletion does not list (as after a merge) is left as it is.
    expect(await caseRow(unlisted.caseId!)).toMatchObject({
      status: 'open',
      subjectName: 'Jack Smith',
      personalDataErasedAt: null,
    });
  });
});

describe('Ashby', () => {
  it('verifies "Ashby-Signature: sha256=<hex>" and dedupes on webhookActionId', async () => {
    const body = Buffer.from(
      JSON.stringify({
        webhookActionId: 'ashby-action-1',
        action: 'candidateStageChange',
        data: { application: { id: 'app-1', candidate: { id: 'cand-1', name: 'Ari Lindqvist' } } },
      }),
    );
    const headers = signLike('ashby', ASHBY_SECRET, body);
    const first = await post('ashby', body, headers);
    expect(first.status).toBe(200);
    const again = await post('ashby', body, headers);
    expect(again.body).toMatchObject({ duplicate: true });
    const done = await settled(first.body.deliveryId);
    expect(done.status).toMatch(/processed|ignored/);
    const wrong = await post('ashby', body, {
      'Ashby-Signature': headers['Ashby-Signature']!.replace('sha256=', 'sha256 '),
    });
    expect(wrong.status).toBe(401);
  });

  it("withdraws and erases the candidate's cases on candidateDelete", async () => {
    const send = async (payload: Record<string, unknown>) => {
      const body = Buffer.from(JSON.stringify(payload));
      const response = await post('ashby', body, signLike('ashby', ASHBY_SECRET, body));
      expect(response.body.duplicate).toBe(false);
      return settled(response.body.deliveryId);
    };
    const application = {
      id: 'ashby-app-del',
      candidate: { id: 'ashby-cand-del', name: 'Noa Berg' },
      job: { id: 'job-1', title: 'Backend Engineer' },
    };
    const submitted = await send({
      webhookActionId: 'ashby-del-0',
      action: 'applicationSubmit',
      data: { application },
    });
    expect(submitted.outcome).toMatch(/^screened: /);
    const deleted = await send({
      webhookActionId: 'ashby-del-1',
      action: 'candidateDelete',
      data: { candidate: { id: 'ashby-cand-del' } },
    });
    expect(deleted.status).toBe('processed');
    expect(deleted.outcome).toMatch(
      /^personal data erased: 1 case\(s\) \(1 withdrawn\), \d+ stored deliveries \(deleted in Ashby\)$/,
    );
    expect(await caseRow(submitted.caseId!)).toMatchObject({ status: 'withdrawn', subjectName: '[erased]' });
    expect(await actionsOf(submitted.caseId!)).toEqual([
      'case.created',
      'case.auto_closed',
      'case.status_changed',
      'case.personal_data_erased',
    ]);
    const bodies = await server.services.db.webhookDelivery.findMany({
      where: { candidateId: 'ashby-cand-del' },
      select: { body: true },
    });
    expect(bodies.length).toBe(2);
    expect(bodies.every((delivery) => delivery.body === null)).toBe(true);
  });
});

describeWithSharedData(ats, 'Lever', () => {
  const stageChange = () => {
    // The vendor's published example is not valid JSON (a missing comma, a trailing comma); repaired here.
    const text = raw('lever-candidateStageChange.json')
      .toString('utf8')
      .replace(/"toStageId": ("[^"]+")\s*\n/, '"toStageId": $1,\n')
      .replace(/,(\s*})/, '$1');
    const { data, event } = JSON.parse(text);
    return { data, event };
  };

  it('checks the HMAC of token + triggeredAt, fetches the opportunity from the Lever API and screens it', async () => {
    const body = leverBody(stageChange(), 'tok-0001-unique');
    const response = await post('lever', body, {});
    expect(response.status).toBe(200);
    const done = await settled(response.body.deliveryId);
    expect(done).toMatchObject({ status: 'processed' });
    const stored = await server.services.db.case.findUniqueOrThrow({ where: { id: done.caseId! } });
    expect(stored).toMatchObject({
      source: 'lever',
      externalId: '3410c8b9-5c31-4bab-b7e9-9f710206d647',
      subjectName: 'Dana Whitfield',
    });
    expect(lever.requests[0]).toBe(
      `GET /v1/opportunities/3410c8b9-5c31-4bab-b7e9-9f710206d647 Basic ${Buffer.from('lever-api-key:').toString('base64')}`,
    );
  });

  it('ignores a reused token (a replay), refuses a forged signature and a stale triggeredAt', async () => {
    const replay = await post('lever', leverBody(stageChange(), 'tok-0001-unique'), {});
    expect(replay.body).toMatchObject({ duplicate: true });
    const forged = JSON.parse(leverBody(stageChange(), 'tok-0002'));
    forged.signature = forged.signature.replace(/^./, (c: string) => (c === 'a' ? 'b' : 'a'));
    expect((await post('lever', JSON.stringify(forged), {})).status).toBe(401);
    const stale = leverBody(stageChange(), 'tok-0003', Date.now() - 2 * 24 * 3600 * 1000);
    expect((await post('lever', stale, {})).status).toBe(401);
  });

  it('retries a failing Lever API with backoff, then leaves the delivery dead; a replay after the fix processes it', async () => {
    lever.status = 503;
    const change = stageChange();
    change.data.opportunityId = 'opp-dead-letter';
    change.data.candidateId = 'cand-dead-letter';
    const response = await post('lever', leverBody(change, 'tok-dead-1'), {});
    const dead = await settled(response.body.deliveryId, 20_000);
    expect(dead).toMatchObject({ status: 'dead', attempts: 2 });
    expect(dead.lastError).toMatch(/Lever answered 503/);

    lever.status = 200;
    const recruiterKey = await server.createKey('recruiter');
    expect(
      (
        await server.request('POST', `/api/v1/webhook-deliveries/${response.body.deliveryId}/replay`, {
          key: recruiterKey,
        })
      ).status,
    ).toBe(403);
    const replayed = await server.request('POST', `/api/v1/webhook-deliveries/${response.body.deliveryId}/replay`, {
      key: adminKey,
    });
    expect(replayed.status).toBe(202);
    expect(replayed.body).toMatchObject({ status: 'queued', attempts: 0 });
    expect(await settled(response.body.deliveryId)).toMatchObject({ status: 'processed' });
  }, 30_000);

  it('keys a delivery on its signed token: the same token with another (or a new) id is a duplicate, processed once', async () => {
    const change = stageChange();
    change.data.opportunityId = 'opp-reuse-1';
    change.data.candidateId = 'cand-reuse-1';
    const first = await post('lever', leverBody({ ...change, id: 'evt-first' }, 'tok-reuse-1'), {});
    expect(first.body.duplicate).toBe(false);
    const done = await settled(first.body.deliveryId);
    expect(done.status).toBe('processed');
    // Lever signs only token + triggeredAt: a captured delivery with its `id` changed, added or removed, and its data
    // rewritten into a deletion, still verifies, and must still be the delivery already handled.
    const captured = JSON.parse(leverBody({ ...change, id: 'evt-first' }, 'tok-reuse-1'));
    for (const id of ['evt-second', undefined]) {
      const forged = {
        ...captured,
        id,
        event: 'candidateDeleted',
        data: { candidateId: 'cand-reuse-1', opportunityId: 'opp-reuse-1' },
      };
      const answer = await post('lever', JSON.stringify(forged), {});
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ received: true, duplicate: true, deliveryId: null });
    }
    expect(await server.services.db.webhookDelivery.count({ where: { deliveryId: 'token:tok-reuse-1' } })).toBe(1);
    expect(await server.services.db.webhookDelivery.count({ where: { candidateId: 'cand-reuse-1' } })).toBe(1);
    expect(await caseRow(done.caseId!)).toMatchObject({ status: 'no_findings', subjectName: 'Dana Whitfield' });
  });

  it('rescreens the existing case on candidateHired, fetching the opportunity again', async () => {
    const data = { opportunityId: 'opp-hire-1', candidateId: 'cand-hire-1', contactId: 'cand-hire-1' };
    const applied = await sendLever('applicationCreated', data, 'tok-hire-0');
    expect(applied.outcome).toMatch(/^screened: /);
    const hired = await sendLever('candidateHired', data, 'tok-hire-1');
    expect(hired).toMatchObject({ status: 'processed', caseId: applied.caseId, lastError: null });
    expect(hired.outcome).toMatch(/^screened on hire: (low|medium|high|critical) \(\d+\)$/);
    expect(await actionsOf(applied.caseId!)).toEqual(['case.created', 'case.auto_closed', 'case.rescreened']);
    expect(lever.requests.filter((request) => request.startsWith('GET /v1/opportunities/opp-hire-1 '))).toHaveLength(2);
  });

  it('erases nothing on a candidateDeleted the Lever API does not confirm (a forged delete), and records why on the case', async () => {
    const screened = await sendLever(
      'candidateStageChange',
      { opportunityId: 'opp-keep-1', candidateId: 'cand-keep-1' },
      'tok-keep-0',
    );
    lever.contacts.set('cand-keep-1', ['opp-keep-1']);
    // Signed with a token never seen (as one captured before it reached us): for the candidate, and for another
    // candidate id naming the same opportunity.
    for (const [data, token] of [
      [{ candidateId: 'cand-keep-1' }, 'tok-forged-1'],
      [{ candidateId: 'cand-someone-else', opportunityId: 'opp-keep-1' }, 'tok-forged-2'],
    ] as const) {
      const refused = await sendLever('candidateDeleted', data, token);
      expect(refused).toMatchObject({ status: 'ignored', caseId: screened.caseId, lastError: null });
      expect(refused.outcome).toBe(
        "not erased: Lever's API still has opportunity opp-keep-1 (the delete is not confirmed)",
      );
    }
    expect(await caseRow(screened.caseId!)).toMatchObject({
      status: 'no_findings',
      subjectName: 'Dana Whitfield',
      externalId: 'opp-keep-1',
      personalDataErasedAt: null,
    });
    expect(await actionsOf(screened.caseId!)).toEqual([
      'case.created',
      'case.auto_closed',
      'case.note_added',
      'case.note_added',
    ]);
    const note = await server.services.db.caseEvent.findFirstOrThrow({
      where: { caseId: screened.caseId!, action: 'case.note_added' },
    });
    expect(note.actor).toBe('webhook:lever-main');
    expect((note.data as { text: string }).text).toContain(
      "Lever's API still has opportunity opp-keep-1: nothing was erased or withdrawn",
    );
    const bodies = await server.services.db.webhookDelivery.findMany({
      where: { candidateId: 'cand-keep-1' },
      select: { body: true },
    });
    expect(bodies.length).toBe(2);
    expect(bodies.every((delivery) => delivery.body !== null)).toBe(true);
    expect(
      lever.requests.filter((request) => request.startsWith('GET /v1/opportunities/opp-keep-1 ')).length,
    ).toBeGreaterThanOrEqual(3);
  });

  it('withdraws and erases on a candidateDeleted the Lever API confirms (deleted or anonymised); a decision stays', async () => {
    const data = (opportunityId: string) => ({ opportunityId, candidateId: 'cand-del-1' });
    const first = await sendLever('candidateStageChange', data('opp-del-1'), 'tok-del-0');
    const second = await sendLever('candidateStageChange', data('opp-del-2'), 'tok-del-1');
    await decide(second.caseId!, 'cleared');
    lever.contacts.set('cand-del-1', ['opp-del-1', 'opp-del-2']);
    lever.gone.add('opp-del-1');
    lever.anonymized.add('opp-del-2');

    const done = await sendLever('candidateDeleted', { candidateId: 'cand-del-1' }, 'tok-del-2');
    expect(done.status).toBe('processed');
    expect(done.outcome).toMatch(
      /^personal data erased: 2 case\(s\) \(1 withdrawn\), \d+ stored deliveries \(deleted in Lever\)$/,
    );
    expect(await caseRow(first.caseId!)).toMatchObject({ status: 'withdrawn', subjectName: '[erased]' });
    expect(await actionsOf(first.caseId!)).toEqual([
      'case.created',
      'case.auto_closed',
      'case.status_changed',
      'case.personal_data_erased',
    ]);
    expect(await caseRow(second.caseId!)).toMatchObject({ status: 'cleared', subjectName: '[erased]' });
    const bodies = await server.services.db.webhookDelivery.findMany({
      where: { candidateId: 'cand-del-1' },
      select: { body: true },
    });
    expect(bodies.length).toBe(3);
    expect(bodies.every((delivery) => delivery.body === null)).toBe(true);
    expect(lever.requests.some((request) => request.startsWith('GET /v1/opportunities?contact_id=cand-del-1'))).toBe(
      true,
    );
  });

  it('refuses to erase without an API key to confirm with: the delete is dead, to be replayed once a key is set', async () => {
    const { secret } = await server.services.webhooks.sources.create({
      vendor: 'lever',
      name: 'lever-no-key',
      secret: 'lever-no-key-token-0123456789',
    });
    const done = await sendLever('candidateDeleted', { candidateId: 'cand-no-key' }, 'tok-no-key-1', secret);
    expect(done).toMatchObject({ status: 'dead', attempts: 1 });
    expect(done.lastError).toMatch(/no API key to confirm the deletion with/);
    await server.services.webhooks.sources.update('lever-no-key', { enabled: false });
  });
});

describe('generic (Standard Webhooks)', () => {
  const applicant = {
    type: 'applicant.submitted',
    timestamp: new Date().toISOString(),
    data: {
      externalId: 'site-42',
      person: { legalName: 'Priya Raman', email: 'priya@example.org' },
      payment: { method: 'crypto' },
    },
  };

  it('accepts a v1 signature over id.timestamp.body and screens the applicant contract it carries', async () => {
    const body = Buffer.from(JSON.stringify(applicant));
    const response = await post('generic', body, signLike('generic', genericSecret, body, { id: 'msg_generic_1' }));
    expect(response.status).toBe(200);
    const done = await settled(response.body.deliveryId);
    expect(done.status).toBe('processed');
    const stored = await server.services.db.case.findUniqueOrThrow({ where: { id: done.caseId! } });
    expect(stored).toMatchObject({ source: 'generic', externalId: 'site-42' });
  });

  it('refuses an old timestamp and ignores a replayed webhook-id', async () => {
    const body = Buffer.from(JSON.stringify(applicant));
    const old = signLike('generic', genericSecret, body, {
      id: 'msg_generic_2',
      timestamp: Math.floor(Date.now() / 1000) - 3600,
    });
    expect((await post('generic', body, old)).status).toBe(401);
    const replay = await post('generic', body, signLike('generic', genericSecret, body, { id: 'msg_generic_1' }));
    expect(replay.body).toMatchObject({ duplicate: true });
  });

  it('accepts the same body under two signed ids (the id is signed: no body deduplication for this vendor)', async () => {
    const body = Buffer.from(
      JSON.stringify({
        type: 'applicant.updated',
        timestamp: '2026-11-20T15:04:05Z',
        data: { externalId: 'site-same-body', person: { legalName: 'Ines Duarte' } },
      }),
    );
    const answers = [];
    for (const id of ['msg_same_body_1', 'msg_same_body_2'])
      answers.push(await post('generic', body, signLike('generic', genericSecret, body, { id })));
    expect(answers.map((answer) => answer.body.duplicate)).toEqual([false, false]);
    for (const answer of answers) expect(await settled(answer.body.deliveryId)).toMatchObject({ status: 'processed' });
  });

  it('withdraws and erases on applicant.deleted; applicant.anonymized erases and leaves the status alone', async () => {
    const send = async (type: string, data: Record<string, unknown>, id: string) => {
      const body = Buffer.from(JSON.stringify({ type, timestamp: new Date().toISOString(), data }));
      return settled((await post('generic', body, signLike('generic', genericSecret, body, { id }))).body.deliveryId);
    };
    const deleted = await send(
      'applicant.submitted',
      { externalId: 'site-del-1', person: { legalName: 'Kai Moreno' } },
      'msg_del_0',
    );
    const anonymized = await send(
      'applicant.submitted',
      { externalId: 'site-anon-1', person: { legalName: 'Lee Park' } },
      'msg_del_1',
    );
    expect((await send('applicant.deleted', { externalId: 'site-del-1' }, 'msg_del_2')).outcome).toMatch(
      /^personal data erased: 1 case\(s\) \(1 withdrawn\), /,
    );
    expect(await caseRow(deleted.caseId!)).toMatchObject({ status: 'withdrawn', subjectName: '[erased]' });
    expect(await actionsOf(deleted.caseId!)).toEqual([
      'case.created',
      'case.auto_closed',
      'case.status_changed',
      'case.personal_data_erased',
    ]);
    expect((await send('applicant.anonymized', { externalId: 'site-anon-1' }, 'msg_del_3')).outcome).toMatch(
      /^personal data erased: 1 case\(s\), /,
    );
    expect(await caseRow(anonymized.caseId!)).toMatchObject({ status: 'no_findings', subjectName: '[erased]' });
  });

  it('leaves an applicant that breaks the contract dead at once, naming the field', async () => {
    const body = Buffer.from(
      JSON.stringify({
        ...applicant,
        data: { externalId: 'site-43', person: { legalName: 'X', email: 'not-an-email' } },
      }),
    );
    const response = await post('generic', body, signLike('generic', genericSecret, body, { id: 'msg_generic_3' }));
    const dead = await settled(response.body.deliveryId);
    expect(dead).toMatchObject({ status: 'dead', attempts: 1 });
    expect(dead.lastError).toMatch(/person\.email/);
  });
});

describeWithSharedData(ats, 'results written back to the ATS', () => {
  it('notes the band, top findings and case link on the Greenhouse candidate, as the configured user, retrying a failure', async () => {
    await server.services.webhooks.sources.create({
      vendor: 'greenhouse',
      name: 'greenhouse-notes',
      secret: 'gh-notes-secret-0123456789',
      apiKey: 'harvest-key',
      apiBaseUrl: lever.url,
      settings: { writeBack: { asUser: '4080' } },
    });
    lever.noteStatuses = [503];
    const application = json('greenhouse-new_candidate_application.json');
    application.payload.application.id = 6660001;
    application.payload.application.candidate.id = 8880001;
    const body = Buffer.from(JSON.stringify(application));
    const response = await post('greenhouse', body, greenhouseHeaders(body, 'notes-1', 'gh-notes-secret-0123456789'));
    const done = await settled(response.body.deliveryId);
    const until = Date.now() + 15_000;
    while (lever.notes.filter((note) => note.path.includes('/8880001/')).length < 2 && Date.now() < until)
      await new Promise((resolve) => setTimeout(resolve, 100));
    const notes = lever.notes.filter((note) => note.path.includes('/8880001/'));
    // The first attempt was answered 503; the job's retry wrote it.
    expect(notes).toHaveLength(2);
    const note = notes[1]!;
    expect(note.path).toBe('/v1/candidates/8880001/activity_feed/notes');
    expect(note.headers['on-behalf-of']).toBe('4080');
    expect(note.headers.authorization).toBe(`Basic ${Buffer.from('harvest-key:').toString('base64')}`);
    expect(note.body).toMatchObject({ user_id: 4080, visibility: 'private' });
    const stored = await server.services.db.case.findUniqueOrThrow({ where: { id: done.caseId! } });
    expect(note.body.body).toContain(
      `Hiring-fraud risk check: ${stored.band.toUpperCase()} (score ${stored.score}/100).`,
    );
    expect(note.body.body).toContain(`Case id: ${stored.id}`);
  }, 30_000);

  it('notes the result on the Lever opportunity, acting as the configured user (perform_as)', async () => {
    const token = 'lever-notes-token-0123456789abcdef';
    await server.services.webhooks.sources.create({
      vendor: 'lever',
      name: 'lever-notes',
      secret: token,
      apiKey: 'lever-notes-key',
      apiBaseUrl: lever.url,
      settings: { writeBack: { asUser: '8f1c2d3e-0000-4000-8000-00000000a001' } },
    });
    const done = await sendLever(
      'candidateStageChange',
      { opportunityId: 'opp-note-1', candidateId: 'cand-note-1' },
      'tok-note-1',
      token,
    );
    expect(done.status).toBe('processed');
    const until = Date.now() + 15_000;
    while (!lever.notes.some((note) => note.path.startsWith('/v1/opportunities/opp-note-1/')) && Date.now() < until)
      await new Promise((resolve) => setTimeout(resolve, 100));
    const notes = lever.notes.filter((note) => note.path.startsWith('/v1/opportunities/opp-note-1/'));
    expect(notes).toHaveLength(1);
    const note = notes[0]!;
    expect(note.path).toBe('/v1/opportunities/opp-note-1/notes?perform_as=8f1c2d3e-0000-4000-8000-00000000a001');
    expect(note.headers.authorization).toBe(`Basic ${Buffer.from('lever-notes-key:').toString('base64')}`);
    expect(note.headers['content-type']).toBe('application/json');
    expect(Object.keys(note.body)).toEqual(['value']);
    const stored = await caseRow(done.caseId!);
    expect(note.body.value).toContain(
      `Hiring-fraud risk check: ${stored.band.toUpperCase()} (score ${stored.score}/100).`,
    );
    expect(note.body.value).toContain(`Case id: ${stored.id}`);
    expect(note.body.value).toContain('The security team decides; this note is not a decision.');
    expect(note.body.value).not.toContain('dana.whitfield@example.org');
  }, 30_000);

  it('writes nothing back for a source without write-back', async () => {
    const before = lever.notes.length;
    const body = Buffer.from(
      JSON.stringify({ ...json('greenhouse-new_candidate_application.json'), action: 'new_candidate_application' }),
    );
    const response = await post('greenhouse', body, greenhouseHeaders(body, 'notes-2'));
    await settled(response.body.deliveryId);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(lever.notes.length).toBe(before);
  });
});

describe('SECRETS_KEY rotation', () => {
  it('re-seals stored bodies under the new key, after which the old key is no longer needed', async () => {
    const oldKey = Buffer.from(TEST_SECRETS_KEY_HEX, 'hex');
    const newKey = crypto.randomBytes(32);
    const withBoth = new DeliveryStore(server.services.pool, 3, new SecretBox(newKey, [oldKey]));
    const stored = await server.services.db.webhookDelivery.count({ where: { body: { not: null } } });
    expect(await withBoth.resealBodies()).toBe(stored);
    expect(await withBoth.resealBodies()).toBe(0);
    const { rows } = await server.services.pool.query(
      `SELECT id::text AS id, status::text AS status, attempts FROM webhook_deliveries WHERE body IS NOT NULL LIMIT 1`,
    );
    const onlyNew = new DeliveryStore(server.services.pool, 3, new SecretBox(newKey));
    const opened = await onlyNew.begin(rows[0].id, 1);
    expect(JSON.parse(opened!.body!.toString('utf8'))).toEqual(expect.any(Object));
    // Put the run's key back for the tests after this one.
    expect(await new DeliveryStore(server.services.pool, 3, new SecretBox(oldKey, [newKey])).resealBodies()).toBe(
      stored,
    );
    // begin() marked it as being processed: as it was.
    await server.services.pool.query(
      `UPDATE webhook_deliveries SET status = $2::"WebhookDeliveryStatus", attempts = $3 WHERE id = $1`,
      [rows[0].id, rows[0].status, rows[0].attempts],
    );
  });
});

describe('crashes', () => {
  it('does not screen a delivery twice when an attempt runs again after the screening committed', async () => {
    const body = Buffer.from(
      JSON.stringify({
        type: 'applicant.submitted',
        timestamp: new Date().toISOString(),
        data: { externalId: 'site-crash', person: { legalName: 'Tomás Ibarra' } },
      }),
    );
    const response = await post('generic', body, signLike('generic', genericSecret, body, { id: 'msg_crash_1' }));
    const done = await settled(response.body.deliveryId);
    const screenings = await server.services.db.screening.count({
      where: { caseId: done.caseId!, requestedBy: { not: { startsWith: 'system:' } } },
    });
    // As if the process died after the screening's commit and before the job was marked done: the job runs again.
    await server.services.pool.query(`UPDATE webhook_deliveries SET status = 'processing' WHERE id = $1`, [
      response.body.deliveryId,
    ]);
    await createDeliveryProcessor(server.services, createLogger('silent')).process(response.body.deliveryId, 2, 10);
    expect(await settled(response.body.deliveryId)).toMatchObject({ status: 'processed', caseId: done.caseId });
    expect(
      await server.services.db.screening.count({
        where: { caseId: done.caseId!, requestedBy: { not: { startsWith: 'system:' } } },
      }),
    ).toBe(screenings);
  });

  it('frees the jobs of a worker that died at once, and leaves a live worker’s jobs alone', async () => {
    const holder = new pg.Client({ connectionString: server.databaseUrl });
    await holder.connect();
    try {
      await holder.query(`SELECT pg_advisory_lock(727073691, hashtext('worker-alive'))`);
      for (const [key, worker] of [
        ['dead-job', 'worker-dead'],
        ['alive-job', 'worker-alive'],
      ]) {
        await server.services.pool.query(
          `SELECT graphile_worker.add_job('no_such_task', '{}'::json, job_key => $1, run_at => now() + interval '1 hour')`,
          [key],
        );
        await server.services.pool.query(
          `UPDATE graphile_worker._private_jobs SET locked_by = $2, locked_at = now() - interval '1 minute' WHERE key = $1`,
          [key, worker],
        );
      }
      expect(await releaseDeadWorkers(server.services.pool)).toEqual(['worker-dead']);
      const { rows } = await server.services.pool.query(
        `SELECT key, locked_by FROM graphile_worker._private_jobs WHERE key IN ('dead-job', 'alive-job') ORDER BY key`,
      );
      expect(rows).toEqual([
        { key: 'alive-job', locked_by: 'worker-alive' },
        { key: 'dead-job', locked_by: null },
      ]);
    } finally {
      await server.services.pool.query(
        `DELETE FROM graphile_worker._private_jobs WHERE key IN ('dead-job', 'alive-job')`,
      );
      await holder.end();
    }
  });
});

describe('the deliveries API and bad requests', () => {
  it('lists deliveries by source and status for reviewers, without bodies', async () => {
    // Its own deliveries (the blocks above that also make some are skipped without ../shared/data).
    for (const id of [1, 2, 3]) {
      const body = Buffer.from(
        JSON.stringify({
          action: 'new_candidate_application',
          payload: {
            application: {
              id: 5560000 + id,
              candidate_id: 7780000 + id,
              candidate: { id: 7780000 + id, first_name: 'Lee', last_name: `Park ${id}` },
            },
          },
        }),
      );
      expect(await sendGreenhouse(body, `list-${id}`)).toMatchObject({ status: 'processed' });
    }
    const page = await server.request(
      'GET',
      '/api/v1/webhook-deliveries?source=greenhouse-main&status=processed&limit=2',
      { key: reviewerKey },
    );
    expect(page.status).toBe(200);
    expect(page.body.items.length).toBe(2);
    expect(page.body.nextCursor).toEqual(expect.any(String));
    for (const item of page.body.items) {
      expect(item).toMatchObject({ sourceName: 'greenhouse-main', vendor: 'greenhouse', status: 'processed' });
      expect(item).not.toHaveProperty('body');
    }
    const next = await server.request(
      'GET',
      `/api/v1/webhook-deliveries?source=greenhouse-main&status=processed&limit=2&cursor=${page.body.nextCursor}`,
      { key: reviewerKey },
    );
    expect(next.body.items[0].id).not.toBe(page.body.items[1].id);
  });

  it('names the wrong query parameter and refuses recruiters', async () => {
    const bad = await server.request('GET', '/api/v1/webhook-deliveries?status=finished', { key: reviewerKey });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('query.status.0');
    const recruiter = await server.createKey('recruiter');
    expect((await server.request('GET', '/api/v1/webhook-deliveries', { key: recruiter })).status).toBe(403);
  });

  it('answers 404 for an unknown vendor, 401 for a vendor with no source, 413 for a huge body', async () => {
    expect((await post('workday', '{}', {})).status).toBe(404);
    const huge = Buffer.alloc(3 * 1024 * 1024, 'a');
    expect((await post('greenhouse', huge, greenhouseHeaders(huge, 'huge'))).status).toBe(413);
    await server.services.webhooks.sources.update('ashby-main', { enabled: false });
    const body = Buffer.from('{"webhookActionId":"x","action":"ping"}');
    const disabled = await post('ashby', body, signLike('ashby', ASHBY_SECRET, body));
    expect(disabled.status).toBe(401);
    expect(disabled.body.error.message).toMatch(/No ashby webhook source is configured/);
  });
});
