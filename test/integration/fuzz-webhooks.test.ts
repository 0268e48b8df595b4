// Property-based fuzzing of POST /webhooks/<vendor>: unsigned or forged deliveries are refused with 401/400/404 and
// store nothing; validly signed but hostile deliveries are stored and the worker finishes every one of them
// (processed, ignored or dead with a clear reason), without a crash and without a retry on a healthy database.
import fs from 'node:fs';
import fc from 'fast-check';
import { MAX_JSON_DEPTH } from '../../src/http/json-depth';
import type { Vendor } from '../../src/webhooks/adapters/types';
import { leverSignature, signLike } from '../../src/crypto/signatures';
import {
  brokenJsonText,
  deepJsonText,
  expectClearAnswer,
  fuzzOptions,
  hostileString,
  invalidUtf8Bytes,
  jsonText,
  mutatedJsonText,
  sendRaw,
  urlPiece,
} from '../support/fuzz-inputs';
import { describeWithSharedData, sharedData } from '../support/shared-data';
import { startTestServer, type TestServer } from '../support/test-server';

// The vendors' example payloads, verbatim, kept outside the repository (../shared/data/ats).
const ats = sharedData('ats');
const fixture = (file: string) => () => JSON.parse(fs.readFileSync(ats.file(file), 'utf8')) as Record<string, any>;

const SECRETS: Record<Vendor, string> = {
  greenhouse: 'fuzz-greenhouse-secret-0123456789',
  ashby: 'fuzz-ashby-secret-0123456789',
  lever: 'fuzz-lever-token-0123456789',
  smartrecruiters: 'fuzz-smartrecruiters-key-0123456789',
  generic: `whsec_${Buffer.alloc(32, 7).toString('base64')}`,
};

const isJson = (file: string) => {
  try {
    fixture(file)();
    return true;
  } catch {
    return false;
  }
};

// The vendors' real payloads (docs/webhooks.md), each the starting point of mutations; two samples there are annotated
// documentation rather than JSON, and Ashby's is one of them (its deliveries start from the Greenhouse payload).
const greenhouseFiles = (ats.present ? fs.readdirSync(ats.dir) : []).filter(
  (file) => file.startsWith('greenhouse-') && file !== 'greenhouse-ping.json',
);
const jsonOnly = (files: string[]) =>
  files.filter(isJson).length ? files.filter(isJson) : ['greenhouse-new_candidate_application.json'];
const templates: Record<Vendor, string[]> = {
  greenhouse: jsonOnly(greenhouseFiles),
  ashby: jsonOnly(['ashby-candidateStageChange-envelope.json']),
  lever: jsonOnly(['lever-candidateHired-test.json', 'lever-candidateStageChange.json']),
  smartrecruiters: jsonOnly(['smartrecruiters-application.created.json', 'smartrecruiters-notification-body.json']),
  generic: jsonOnly(['standard-webhooks-contact.created-full.json', 'standard-webhooks-contact.created-thin.json']),
};

let server: TestServer;

beforeAll(async () => {
  // Two attempts at most: a delivery that needs a retry on a healthy database is a finding of its own.
  server = await startTestServer({ webhookWorker: { concurrency: 2, maxAttempts: 2 } });
  for (const vendor of Object.keys(SECRETS) as Vendor[]) {
    // No Lever API key: a Lever event that needs the opportunity fetched ends dead at once, saying so.
    await server.services.webhooks.sources.create({ vendor, name: `fuzz-${vendor}`, secret: SECRETS[vendor] });
  }
});
afterAll(() => server.close());

const deliveryCount = () => server.services.db.webhookDelivery.count();
const vendor = fc.constantFrom<Vendor>('greenhouse', 'ashby', 'lever', 'smartrecruiters', 'generic');
// What each vendor is answered for a stored delivery: SmartRecruiters expects 202, the others 200.
const acceptedStatus = (to: Vendor) => (to === 'smartrecruiters' ? 202 : 200);

/** Header values a client can send (fetch refuses control characters and anything above U+00FF). */
const headerValue = fc.oneof(
  fc.stringMatching(/^[\x20-\x7e]{0,200}$/),
  fc.stringMatching(/^[0-9a-f]{64}$/).map((hex) => `sha256 ${hex}`),
  fc.stringMatching(/^[0-9a-f]{64}$/).map((hex) => `sha256=${hex}`),
  fc.base64String({ minLength: 4, maxLength: 60 }).map((value) => `v1,${value} v1,${value}`),
  fc.constantFrom('', ' ', 'sha256 ', 'v1,', '0', '99999999999999', '-1', "' OR 1=1 --", '../../etc/passwd'),
);
const headerName = fc.constantFrom(
  'Signature',
  'Ashby-Signature',
  'webhook-id',
  'webhook-timestamp',
  'webhook-signature',
  'Greenhouse-Event-ID',
  'smartrecruiters-signature',
  'smartrecruiters-timestamp',
  'event-id',
  'event-name',
  'Content-Type',
  'X-Forwarded-For',
);

describeWithSharedData(ats, 'unsigned and forged webhook deliveries', () => {
  it('are refused with 401 (400/404/413/415 for what is not even a delivery) naming the problem, and store nothing', async () => {
    const target = fc.oneof(
      { weight: 4, arbitrary: vendor },
      { weight: 1, arbitrary: urlPiece.filter((piece) => piece.length > 0) },
    );
    const body = fc.oneof(
      jsonText,
      mutatedJsonText(fixture('greenhouse-new_candidate_application.json')),
      brokenJsonText,
      deepJsonText,
      invalidUtf8Bytes,
      fc.constant(''),
    );
    await fc.assert(
      fc.asyncProperty(
        target,
        body,
        fc.dictionary(headerName, headerValue, { maxKeys: 5 }),
        async (to, raw, headers) => {
          const before = await deliveryCount();
          const answer = await sendRaw(server.baseUrl, 'POST', `/webhooks/${to}`, raw, headers);
          expectClearAnswer(answer, `POST /webhooks/${to} with ${JSON.stringify(headers)}`);
          if (![400, 401, 404, 413, 415].includes(answer.status))
            throw new Error(`an unsigned delivery to ${to} answered ${answer.status} ${answer.text.slice(0, 300)}`);
          if ((await deliveryCount()) !== before) throw new Error(`a refused delivery to ${to} was stored`);
        },
      ),
      fuzzOptions(100),
    );
  });

  it('are refused when a validly signed body is changed by one byte or signed with another secret', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<Vendor>('greenhouse', 'ashby', 'smartrecruiters', 'generic'),
        mutatedJsonText(fixture('greenhouse-new_candidate_application.json')),
        fc.nat(),
        fc.boolean(),
        async (to, text, position, isWrongSecret) => {
          const raw = Buffer.from(text, 'utf8');
          const headers = signLike(
            to,
            isWrongSecret ? SECRETS[to === 'generic' ? 'greenhouse' : 'generic'].replace('whsec_', '') : SECRETS[to],
            raw,
          );
          const sent = Buffer.from(raw);
          const flipped = position % sent.length;
          if (!isWrongSecret) sent[flipped] = sent[flipped]! ^ 0x01;
          const before = await deliveryCount();
          const answer = await sendRaw(server.baseUrl, 'POST', `/webhooks/${to}`, sent, {
            'content-type': 'application/json',
            ...headers,
          });
          expectClearAnswer(answer, `tampered ${to}`);
          if (answer.status !== 401) throw new Error(`a tampered ${to} delivery answered ${answer.status}`);
          if ((await deliveryCount()) !== before) throw new Error('a tampered delivery was stored');
        },
      ),
      fuzzOptions(40),
    );
  });
});

describeWithSharedData(ats, 'validly signed hostile deliveries', () => {
  it('are stored (or refused as not JSON) and the worker finishes each: processed, ignored or dead with a clear reason, none stuck or retried', async () => {
    const signedBody = vendor.chain((to) =>
      fc.tuple(
        fc.constant(to),
        fc.oneof(
          {
            weight: 6,
            arbitrary: fc
              .constantFrom(...templates[to])
              .chain((file) => mutatedJsonText(fixture(file), ['{', '"payload":{', '"candidate":{', '"data":{'])),
          },
          { weight: 2, arbitrary: jsonText },
          {
            weight: 1,
            arbitrary: fc.oneof(
              brokenJsonText,
              invalidUtf8Bytes.map((bytes) => bytes.toString('latin1')),
            ),
          },
        ),
        fc.option(
          hostileString.filter((text) => /^[\x21-\x7e]{1,200}$/.test(text)),
          { freq: 4 },
        ),
      ),
    );
    const accepted: string[] = [];
    let counter = 0;
    await fc.assert(
      fc.asyncProperty(signedBody, async ([to, text, eventId]) => {
        counter += 1;
        let body = text;
        if (to === 'lever') {
          // Lever signs token + triggeredAt inside the body: a signed Lever delivery is an object carrying them.
          let parsed: unknown;
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = null;
          }
          const fields =
            parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
              ? (parsed as Record<string, unknown>)
              : { event: parsed };
          const token = `fuzz-token-${process.pid}-${counter}`;
          const triggeredAt = Date.now();
          body = JSON.stringify({
            ...fields,
            token,
            triggeredAt,
            signature: leverSignature(SECRETS.lever, token, triggeredAt),
          });
        }
        const raw = Buffer.from(body, 'utf8');
        const headers: Record<string, string> = {
          'content-type': 'application/json',
          ...signLike(to, SECRETS[to], raw),
        };
        if (to === 'greenhouse') headers['Greenhouse-Event-ID'] = eventId ?? `fuzz-${process.pid}-${counter}`;
        const before = await deliveryCount();
        const answer = await sendRaw(server.baseUrl, 'POST', `/webhooks/${to}`, raw, headers);
        expectClearAnswer(answer, `signed ${to} ${body.slice(0, 300)}`);
        if (answer.status === acceptedStatus(to)) {
          if (answer.body.deliveryId) accepted.push(answer.body.deliveryId);
          return;
        }
        if (answer.status !== 400 || answer.body.error.code !== 'invalid_json')
          throw new Error(`a signed ${to} delivery answered ${answer.status} ${answer.text.slice(0, 300)}`);
        if ((await deliveryCount()) !== before) throw new Error('a signed delivery refused as not JSON was stored');
      }),
      fuzzOptions(80),
    );

    // Every stored delivery ends, on its first attempt (the database is healthy: a retry would mean an unexpected error).
    const until = Date.now() + 25_000;
    let rows = await server.services.db.webhookDelivery.findMany({ where: { id: { in: accepted } } });
    while (rows.some((row) => row.status === 'queued' || row.status === 'processing') && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      rows = await server.services.db.webhookDelivery.findMany({ where: { id: { in: accepted } } });
    }
    expect(rows).toHaveLength(accepted.length);
    const unclear = rows.filter(
      (row) =>
        !['processed', 'ignored', 'dead'].includes(row.status) ||
        row.attempts !== 1 ||
        (row.status === 'dead' ? !row.lastError : !row.outcome) ||
        // A JavaScript or PostgreSQL error message is a crash, not a reason a sender can act on.
        /Cannot read prop|is not a function|is not iterable|undefined|invalid input syntax|invalid byte sequence|unsupported Unicode|surrogate must/.test(
          row.lastError ?? '',
        ),
    );
    expect(
      unclear.map((row) => ({
        status: row.status,
        attempts: row.attempts,
        outcome: row.outcome,
        lastError: row.lastError,
        event: row.event,
      })),
    ).toEqual([]);
    expect(rows.length).toBeGreaterThan(20);
  });
});

describe('validly signed deeply nested deliveries', () => {
  it('end dead on their first attempt saying the body is nested too deep (no stack overflow, no retries)', async () => {
    const accepted: string[] = [];
    // Deep enough to overflow a recursive walk of the parsed value (JSON.parse itself copes), and at the limit plus one.
    for (const [index, levels] of [200_000, MAX_JSON_DEPTH + 1].entries()) {
      const deep = `${'['.repeat(levels)}${']'.repeat(levels)}`;
      const generic = Buffer.from(
        `{"type":"applicant.submitted","timestamp":"${new Date().toISOString()}","data":{"externalId":"deep-${index}","person":{"legalName":"Deep Nest","otherNames":${deep}}}}`,
      );
      const token = `deep-token-${process.pid}-${index}`;
      const triggeredAt = Date.now();
      const lever = Buffer.from(
        `{"event":"candidateStageChange","token":"${token}","triggeredAt":${triggeredAt},"signature":"${leverSignature(SECRETS.lever, token, triggeredAt)}","data":{"candidateId":"deep-${index}","opportunityId":${deep}}}`,
      );
      for (const [to, raw] of [
        ['generic', generic],
        ['lever', lever],
      ] as const) {
        const answer = await sendRaw(server.baseUrl, 'POST', `/webhooks/${to}`, raw, {
          'content-type': 'application/json',
          ...signLike(to, SECRETS[to], raw),
        });
        expectClearAnswer(answer, `deep ${to} (${levels} levels)`);
        expect(answer.status).toBe(200);
        accepted.push(answer.body.deliveryId);
      }
    }
    const until = Date.now() + 20_000;
    let rows = await server.services.db.webhookDelivery.findMany({ where: { id: { in: accepted } } });
    while (rows.some((row) => row.status === 'queued' || row.status === 'processing') && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      rows = await server.services.db.webhookDelivery.findMany({ where: { id: { in: accepted } } });
    }
    expect(rows.map((row) => ({ status: row.status, attempts: row.attempts, lastError: row.lastError }))).toEqual(
      accepted.map(() => ({
        status: 'dead',
        attempts: 1,
        lastError: expect.stringContaining(`nested deeper than ${MAX_JSON_DEPTH} levels`),
      })),
    );
  });
});

describe('validly signed deliveries that name cases other ways in created', () => {
  // Cases made through the API under every source name a webhook could use: no signed delivery may change them.
  const sources = ['api', 'generic', 'greenhouse', 'ashby', 'lever', 'smartrecruiters', 'workday'];
  // SmartRecruiters names an application "<candidateId>:<jobId>".
  const externalIds = ['other-1', '7001', 'req 8812', 'cand-fuzz:7001'];
  const caseRef = fc.record({ source: fc.constantFrom(...sources), externalId: fc.constantFrom(...externalIds) });

  async function foreignCases() {
    const db = server.services.db;
    const rows = await db.case.findMany({ where: { createdBy: { startsWith: 'apikey:' } }, orderBy: { id: 'asc' } });
    return Promise.all(
      rows.map(async (row) => ({
        row: { ...row, updatedAt: row.updatedAt.toISOString() },
        screenings: await db.screening.count({ where: { caseId: row.id } }),
        events: await db.caseEvent.count({ where: { caseId: row.id } }),
        identifiers: await db.identifier.count({ where: { caseId: row.id } }),
      })),
    );
  }

  /** A signed delivery of `to` naming `ref` the way that vendor names a case (its own case source is its name). */
  function delivery(
    to: Vendor,
    event: string,
    ref: { source: string; externalId: string },
    counter: number,
  ): { raw: Buffer; headers: Record<string, string> } {
    const person = { legalName: 'Calm Person' };
    let payload: Record<string, unknown>;
    switch (to) {
      case 'generic':
        payload = {
          type: event,
          timestamp: new Date().toISOString(),
          data: { source: ref.source, externalId: ref.externalId, person },
        };
        break;
      case 'greenhouse': {
        const application = {
          id: ref.externalId,
          candidate_id: 'cand-fuzz',
          candidate: { id: 'cand-fuzz', first_name: 'Calm', last_name: 'Person' },
        };
        payload =
          event === 'delete_candidate'
            ? { action: event, payload: { person: { id: 'cand-fuzz', deleted_application_ids: [ref.externalId] } } }
            : { action: event, payload: { application } };
        break;
      }
      case 'ashby':
        payload = {
          webhookActionId: `scope-${process.pid}-${counter}`,
          action: event,
          data: {
            application: {
              id: ref.externalId,
              status: counter % 2 ? 'Archived' : 'Active',
              candidate: { id: 'cand-fuzz', name: 'Calm Person' },
            },
          },
        };
        break;
      case 'lever': {
        const token = `scope-token-${process.pid}-${counter}`;
        const triggeredAt = Date.now();
        payload = {
          event,
          data: { opportunityId: ref.externalId, candidateId: 'contact-fuzz' },
          token,
          triggeredAt,
          signature: leverSignature(SECRETS.lever, token, triggeredAt),
        };
        break;
      }
      case 'smartrecruiters': {
        const [candidateId, jobId] = ref.externalId.includes(':')
          ? ref.externalId.split(':')
          : ['cand-fuzz', ref.externalId];
        payload = { candidateId, jobId };
        break;
      }
    }
    const raw = Buffer.from(JSON.stringify(payload));
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      ...signLike(to, SECRETS[to], raw, { event }),
    };
    if (to === 'greenhouse') headers['Greenhouse-Event-ID'] = `scope-${process.pid}-${counter}`;
    return { raw, headers };
  }

  const events: Record<Vendor, string[]> = {
    generic: [
      'applicant.submitted',
      'applicant.updated',
      'applicant.hired',
      'applicant.rejected',
      'applicant.withdrawn',
      'applicant.deleted',
      'applicant.anonymized',
    ],
    greenhouse: [
      'new_candidate_application',
      'candidate_stage_change',
      'hire_candidate',
      'reject_candidate',
      'unreject_candidate',
      'delete_application',
      'delete_candidate',
    ],
    ashby: ['applicationSubmit', 'applicationUpdate', 'candidateStageChange', 'candidateHire'],
    lever: ['candidateStageChange', 'candidateArchiveChange', 'candidateDeleted'],
    // candidate.updated and candidate.deleted name no application: they reach only cases the source's own deliveries made.
    smartrecruiters: ['application.created', 'application.status.updated'],
  };

  it('change none of them: each delivery naming one is refused, saying so', async () => {
    const adminKey = await server.createKey('admin', 'fuzz-scope');
    for (const source of sources) {
      for (const externalId of externalIds) {
        const created = await server.request('POST', '/api/v1/screenings', {
          key: adminKey,
          body: {
            source,
            externalId,
            person: { legalName: 'Jane Q. Doe' },
            payment: { method: 'crypto', accountHolderName: 'Chen Wei' },
          },
        });
        expect(created.status).toBe(201);
      }
    }
    const before = await foreignCases();
    const sent = vendor.chain((to) => fc.tuple(fc.constant(to), fc.constantFrom(...events[to]), caseRef));
    const accepted: { id: string; namesForeign: boolean }[] = [];
    let counter = 0;
    await fc.assert(
      fc.asyncProperty(sent, async ([to, event, ref]) => {
        counter += 1;
        const { raw, headers } = delivery(to, event, ref, counter);
        const answer = await sendRaw(server.baseUrl, 'POST', `/webhooks/${to}`, raw, headers);
        expectClearAnswer(answer, `signed ${to} ${event} naming ${JSON.stringify(ref)}`);
        if (answer.status !== acceptedStatus(to))
          throw new Error(`a signed ${to} ${event} answered ${answer.status} ${answer.text.slice(0, 300)}`);
        // The vendor's cases live under its own name; a generic sender names the source itself.
        const caseSource = to === 'generic' ? ref.source : to;
        const namesExisting = to !== 'smartrecruiters' || ref.externalId.includes(':');
        if (answer.body.deliveryId)
          accepted.push({ id: answer.body.deliveryId, namesForeign: caseSource === ref.source && namesExisting });
      }),
      fuzzOptions(60),
    );
    const until = Date.now() + 25_000;
    let rows = await server.services.db.webhookDelivery.findMany({
      where: { id: { in: accepted.map((one) => one.id) } },
    });
    while (rows.some((row) => row.status === 'queued' || row.status === 'processing') && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      rows = await server.services.db.webhookDelivery.findMany({
        where: { id: { in: accepted.map((one) => one.id) } },
      });
    }
    expect(await foreignCases()).toEqual(before);
    // A delivery naming an existing foreign case ends dead as refused (or, for a Lever event that needs Lever's API
    // and an erasure without a key, dead before it could act), never processed.
    const foreign = new Set(accepted.filter((one) => one.namesForeign).map((one) => one.id));
    const acted = rows.filter((row) => foreign.has(row.id) && row.status === 'processed');
    expect(acted.map((row) => ({ event: row.event, outcome: row.outcome }))).toEqual([]);
    expect(rows.filter((row) => foreign.has(row.id) && row.outcome?.startsWith('refused')).length).toBeGreaterThan(0);
  });
});
