// The OpenAPI document against the real app: every route is documented (and nothing else), and every real answer,
// success and error, validates against the document's schema for its status and media type.
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Express } from 'express';
import { createApp } from '../../src/app';
import { createLogger } from '../../src/logger';
import { signLike } from '../../src/crypto/signatures';
import { cleanApplicant, riskyApplicant } from '../support/applicants';
import { startDatabaseProxy, type TcpProxy } from '../support/tcp-proxy';
import { startTestServer, testDatabaseUrl, type TestServer } from '../support/test-server';

type Json = Record<string, any>;

// Routes that are not part of the HTTP API described by the document: the Prometheus scrape endpoint (text
// exposition format, its own token), mounted only when metrics are configured.
const OUTSIDE_THE_API = new Set(['GET /metrics']);
// The server-rendered pages (src/web, docs/web.md) are for browsers, not part of the API.
const isWebPage = (route: string) => !/^\S+ \/(api\/|healthz|readyz|livez|metrics|webhooks)/.test(route);

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

let server: TestServer;
let doc: Json;
let ajv: Ajv2020;
let reviewer: string;
let recruiter: string;
/** `METHOD /template STATUS media-type` of every answer checked. */
const checked = new Set<string>();

beforeAll(async () => {
  // Its notification endpoint names a loopback receiver (never called: no worker runs): allowed as a self-hosted one.
  server = await startTestServer({ outboundAllowHosts: '127.0.0.1' });
  reviewer = await server.createKey('reviewer');
  recruiter = await server.createKey('recruiter');
  const answer = await server.request('GET', '/api/openapi.json');
  expect(answer.status).toBe(200);
  doc = answer.body;
  ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(doc, 'openapi.json');
});
afterAll(() => server.close());

const pointer = (...segments: string[]) => segments.map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

function resolve(node: Json, at: string): { node: Json; at: string } {
  if (typeof node.$ref !== 'string') return { node, at };
  const target = node.$ref
    .slice(2)
    .split('/')
    .map((s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  return resolve(
    target.reduce((value: Json, key: string) => value?.[key], doc),
    `/${target.map((s: string) => pointer(s)).join('/')}`,
  );
}

/** Asserts that the answer is documented for this operation and status, and that its body validates. */
function expectDocumented(
  method: string,
  template: string,
  answer: { status: number; body: unknown; headers: Headers },
  sent?: unknown,
) {
  const operation = doc.paths[template]?.[method.toLowerCase()];
  expect({ operation: `${method} ${template}`, documented: !!operation }).toEqual({
    operation: `${method} ${template}`,
    documented: true,
  });
  const status = String(answer.status);
  const declared = operation.responses[status];
  expect({
    operation: `${method} ${template}`,
    status,
    documented: !!declared,
    body: declared ? undefined : answer.body,
  }).toEqual({ operation: `${method} ${template}`, status, documented: true, body: undefined });
  const { node: response, at } = resolve(
    declared,
    `/${pointer('paths', template, method.toLowerCase(), 'responses', status)}`,
  );
  const mediaType = (answer.headers.get('content-type') ?? '').split(';')[0]!.trim();
  expect(Object.keys(response.content ?? {})).toContain(mediaType);
  if (mediaType === 'application/json') {
    const validate = ajv.getSchema(`openapi.json#${at}/${pointer('content', mediaType, 'schema')}`)!;
    if (!validate(answer.body))
      throw new Error(
        `${method} ${template} ${status}: the body does not match the document: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(answer.body).slice(0, 2000)}`,
      );
  } else {
    expect(typeof answer.body).toBe('string');
  }
  if (sent !== undefined) {
    const body = operation.requestBody.content['application/json'].schema;
    const validate = ajv.getSchema(
      `openapi.json#/${pointer('paths', template, method.toLowerCase(), 'requestBody', 'content', 'application/json', 'schema')}`,
    )!;
    expect(body).toBeDefined();
    if (!validate(sent))
      throw new Error(
        `${method} ${template}: the request body we sent does not match the document: ${ajv.errorsText(validate.errors)}`,
      );
  }
  checked.add(`${method} ${template} ${status} ${mediaType}`);
}

/** Every route of the Express app as `METHOD /path/{param}`. */
function expressRoutes(app: Express): string[] {
  const routes: string[] = [];
  const walk = (stack: any[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods))
          routes.push(`${method.toUpperCase()} ${prefix}${layer.route.path}`);
      } else if (Array.isArray(layer.handle?.stack)) {
        const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
        walk(layer.handle.stack, `${prefix}${mount}`);
      }
    }
  };
  walk((app as any).router.stack, '');
  return routes.map((route) => route.replace(/:(\w+)/g, '{$1}').replace(/(.)\/$/, '$1')).sort();
}

function documentedOperations(): string[] {
  return Object.entries(doc.paths as Json)
    .flatMap(([path, item]) =>
      Object.keys(item)
        .filter((key) => METHODS.includes(key))
        .map((method) => `${method.toUpperCase()} ${path}`),
    )
    .sort();
}

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 in shape, with a bearer security scheme, resolvable references and valid 2020-12 schemas', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(Object.keys(doc.paths).length).toBeGreaterThan(5);
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
    // Every $ref points at something that exists.
    const refs: string[] = [];
    const collect = (node: unknown) => {
      if (Array.isArray(node)) node.forEach(collect);
      else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if (key === '$ref') refs.push(value as string);
          else collect(value);
        }
      }
    };
    collect(doc);
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of new Set(refs))
      expect({ ref, found: resolve({ $ref: ref }, '').node !== undefined }).toEqual({ ref, found: true });
    // Each named schema is a valid JSON Schema 2020-12 document; operation ids are unique; every operation answers.
    for (const [name, schema] of Object.entries(doc.components.schemas as Json)) {
      expect({ name, valid: ajv.validateSchema(schema) }).toEqual({ name, valid: true });
    }
    const operations = Object.values(doc.paths as Json).flatMap((item) =>
      METHODS.filter((m) => item[m]).map((m) => item[m]),
    );
    const ids = operations.map((operation) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const operation of operations) expect(Object.keys(operation.responses).length).toBeGreaterThan(0);
    // Request contracts come from the routes' own zod schemas.
    expect(doc.components.schemas.Applicant.required).toEqual(['person']);
    expect(doc.components.schemas.Applicant.additionalProperties).toBe(false);
    expect(doc.paths['/api/v1/cases'].get.parameters.map((p: Json) => p.name)).toEqual([
      'band',
      'sanctionsStatus',
      'status',
      'source',
      'createdFrom',
      'createdTo',
      'sort',
      'limit',
      'cursor',
    ]);
  });

  it('rejects an answer that does not match (the check is not vacuous)', () => {
    const headers = new Headers({ 'content-type': 'application/json; charset=utf-8' });
    expect(() =>
      expectDocumented('GET', '/healthz', { status: 200, body: { status: 'ok', extra: 1 }, headers }),
    ).toThrow(/does not match/);
    expect(() =>
      expectDocumented('GET', '/api/v1/cases', {
        status: 200,
        body: { items: [{ id: 'x' }], nextCursor: null },
        headers,
      }),
    ).toThrow(/does not match/);
    expect(() => expectDocumented('GET', '/healthz', { status: 418, body: {}, headers })).toThrow();
  });

  it('documents every route of the app, and no route the app does not have', () => {
    const app = createApp(server.services, { logger: createLogger('silent') });
    const routes = expressRoutes(app).filter((route) => !OUTSIDE_THE_API.has(route) && !isWebPage(route));
    expect(routes).toEqual(documentedOperations());
  });

  it('is served without an API key, and the reference page loads only local assets under a strict CSP', async () => {
    expectDocumented('GET', '/api/openapi.json', await server.request('GET', '/api/openapi.json'));
    const page = await server.request('GET', '/api/docs');
    expectDocumented('GET', '/api/docs', page);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    // No inline script and nothing from another origin.
    expect(page.body).not.toMatch(/<script>|<script(?![^>]*\bsrc=)[^>]*>/);
    expect(page.body).not.toMatch(/(src|href)="(https?:)?\/\//);
    const assets = [...(page.body as string).matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(assets).toEqual(
      expect.arrayContaining([
        '/api/docs/assets/swagger-ui-bundle.js',
        '/api/docs/assets/init.js',
        '/api/docs/assets/swagger-ui.css',
      ]),
    );
    for (const asset of assets) {
      const answer = await server.request('GET', asset);
      expect({ asset, status: answer.status }).toEqual({ asset, status: 200 });
      expectDocumented('GET', '/api/docs/assets/{file}', answer);
    }
    expect((await server.request('GET', '/api/docs/assets/init.js')).body).toMatch(/url: "\/api\/openapi\.json"/);
    expectDocumented('GET', '/api/docs/assets/{file}', await server.request('GET', '/api/docs/assets/index.html'));
    expectDocumented(
      'GET',
      '/api/docs/assets/{file}',
      await server.request('GET', '/api/docs/assets/..%2Fpackage.json'),
    );
  });
});

describe('real answers validate against the document', () => {
  let caseId: string;

  it('POST /api/v1/screenings', async () => {
    const path = '/api/v1/screenings';
    const risky = riskyApplicant();
    const created = await server.request('POST', path, { key: reviewer, body: risky });
    expect(created.status).toBe(201);
    expectDocumented('POST', path, created, risky);
    caseId = created.body.caseId;
    const clean = cleanApplicant({
      person: { legalName: 'Ana María Pérez' },
      claimedLocation: { country: 'us' },
      requestedRate: { amount: 100, currency: 'usd', per: 'hour' },
    });
    const byRecruiter = await server.request('POST', path, { key: recruiter, body: clean });
    expectDocumented('POST', path, byRecruiter, clean);
    // A recruiter's link evidence is reduced to counts, still a valid finding.
    const linked = riskyApplicant({ shipping: risky.shipping, payment: risky.payment });
    expectDocumented('POST', path, await server.request('POST', path, { key: recruiter, body: linked }), linked);

    expectDocumented(
      'POST',
      path,
      await server.request('POST', path, { key: reviewer, body: { person: {}, nationality: 'US' } }),
    );
    expectDocumented(
      'POST',
      path,
      await server.request('POST', path, {
        key: reviewer,
        rawBody: '{"person":',
        headers: { 'content-type': 'application/json' },
      }),
    );
    expectDocumented('POST', path, await server.request('POST', path, { body: clean }));
    expectDocumented('POST', path, await server.request('POST', path, { key: 'hfrc_0000000000_wrong', body: clean }));
    expectDocumented(
      'POST',
      path,
      await server.request('POST', path, { key: recruiter, body: { ...clean, externalId: risky.externalId } }),
    );
    expectDocumented(
      'POST',
      path,
      await server.request('POST', path, {
        key: reviewer,
        rawBody: JSON.stringify({ resumeText: 'x'.repeat(1_100_000) }),
        headers: { 'content-type': 'application/json' },
      }),
    );
    expectDocumented(
      'POST',
      path,
      await server.request('POST', path, {
        key: reviewer,
        rawBody: 'person=x',
        headers: { 'content-type': 'text/plain' },
      }),
    );
    const once = cleanApplicant();
    expect(
      (await server.request('POST', path, { key: reviewer, body: once, headers: { 'idempotency-key': 'openapi-1' } }))
        .status,
    ).toBe(201);
    const replay = await server.request('POST', path, {
      key: reviewer,
      body: once,
      headers: { 'idempotency-key': 'openapi-1' },
    });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expectDocumented('POST', path, replay);
    expectDocumented(
      'POST',
      path,
      await server.request('POST', path, {
        key: reviewer,
        body: { ...once, externalId: 'other' },
        headers: { 'idempotency-key': 'openapi-1' },
      }),
    );
    for (const status of ['201', '400', '401', '409', '413', '415', '422'])
      expect([...checked]).toContain(`POST ${path} ${status} application/json`);
  });

  it('GET /api/v1/cases and GET /api/v1/cases/{id}', async () => {
    expectDocumented(
      'GET',
      '/api/v1/cases',
      await server.request('GET', '/api/v1/cases?band=high,critical&sort=-score&limit=2', { key: reviewer }),
    );
    const page = await server.request('GET', '/api/v1/cases?limit=1', { key: reviewer });
    expect(page.body.nextCursor).toEqual(expect.any(String));
    expectDocumented(
      'GET',
      '/api/v1/cases',
      await server.request('GET', `/api/v1/cases?limit=1&cursor=${page.body.nextCursor}`, { key: reviewer }),
    );
    expectDocumented(
      'GET',
      '/api/v1/cases',
      await server.request('GET', '/api/v1/cases?status=open&band=low&band=critical', { key: recruiter }),
    );
    expectDocumented(
      'GET',
      '/api/v1/cases',
      await server.request('GET', '/api/v1/cases?limit=0&band=severe&foo=1', { key: reviewer }),
    );
    expectDocumented('GET', '/api/v1/cases', await server.request('GET', '/api/v1/cases'));

    expectDocumented(
      'GET',
      '/api/v1/cases/{id}',
      await server.request('GET', `/api/v1/cases/${caseId}`, { key: reviewer }),
    );
    expectDocumented(
      'GET',
      '/api/v1/cases/{id}',
      await server.request('GET', `/api/v1/cases/${caseId}`, { key: recruiter }),
    );
    const own = (await server.request('GET', '/api/v1/cases', { key: recruiter })).body.items[0].id;
    expectDocumented(
      'GET',
      '/api/v1/cases/{id}',
      await server.request('GET', `/api/v1/cases/${own}`, { key: recruiter }),
    );
    expectDocumented(
      'GET',
      '/api/v1/cases/{id}',
      await server.request('GET', '/api/v1/cases/not-a-case', { key: reviewer }),
    );
  });

  it('POST /api/v1/cases/{id}/reveal', async () => {
    const path = '/api/v1/cases/{id}/reveal';
    const reveal = {
      fields: ['person.email', 'person.phone', 'findings.evidence'],
      reason: 'Calling the applicant to confirm the interview location',
    };
    const answer = await server.request('POST', `/api/v1/cases/${caseId}/reveal`, { key: reviewer, body: reveal });
    expect(answer.status).toBe(200);
    expectDocumented('POST', path, answer, reveal);
    expectDocumented(
      'POST',
      path,
      await server.request('POST', `/api/v1/cases/${caseId}/reveal`, {
        key: reviewer,
        body: { fields: ['person.password'] },
      }),
    );
    expectDocumented(
      'POST',
      path,
      await server.request('POST', `/api/v1/cases/${caseId}/reveal`, { key: recruiter, body: reveal }),
    );
    expectDocumented(
      'POST',
      path,
      await server.request('POST', '/api/v1/cases/00000000-0000-4000-8000-000000000000/reveal', {
        key: reviewer,
        body: reveal,
      }),
    );
  });

  it('PATCH /api/v1/cases/{id} and GET /api/v1/cases/{id}/sanctions-report', async () => {
    const path = '/api/v1/cases/{id}';
    const change = { status: 'in_review', assignee: 'analyst@example.com' };
    expectDocumented(
      'PATCH',
      path,
      await server.request('PATCH', `/api/v1/cases/${caseId}`, { key: reviewer, body: change }),
      change,
    );
    expectDocumented(
      'PATCH',
      path,
      await server.request('PATCH', `/api/v1/cases/${caseId}`, { key: reviewer, body: { status: 'cleared' } }),
    );
    expectDocumented(
      'PATCH',
      path,
      await server.request('PATCH', `/api/v1/cases/${caseId}`, { key: recruiter, body: change }),
    );
    expectDocumented(
      'PATCH',
      path,
      await server.request('PATCH', '/api/v1/cases/00000000-0000-4000-8000-000000000000', {
        key: reviewer,
        body: change,
      }),
    );
    expectDocumented(
      'PATCH',
      path,
      await server.request('PATCH', `/api/v1/cases/${caseId}`, {
        key: reviewer,
        rawBody: 'status=open',
        headers: { 'content-type': 'text/plain' },
      }),
    );
    expectDocumented(
      'PATCH',
      path,
      await server.request('PATCH', `/api/v1/cases/${caseId}`, {
        key: reviewer,
        rawBody: JSON.stringify({ reason: 'x'.repeat(1_100_000) }),
        headers: { 'content-type': 'application/json' },
      }),
    );

    const notes = '/api/v1/cases/{id}/notes';
    const note = { text: 'Called the previous employer: they confirm the dates.' };
    expectDocumented(
      'POST',
      notes,
      await server.request('POST', `/api/v1/cases/${caseId}/notes`, { key: reviewer, body: note }),
      note,
    );
    expectDocumented(
      'POST',
      notes,
      await server.request('POST', `/api/v1/cases/${caseId}/notes`, { key: reviewer, body: { text: ' ' } }),
    );
    expectDocumented(
      'POST',
      notes,
      await server.request('POST', `/api/v1/cases/${caseId}/notes`, { key: recruiter, body: note }),
    );

    const disposition = '/api/v1/cases/{id}/findings/{indicator}/disposition';
    const markedFinding = (await server.request('GET', `/api/v1/cases/${caseId}`, { key: reviewer })).body.screenings[0]
      .findings[0];
    const judgement = { disposition: 'false_positive', reason: 'The applicant explained it on a live call.' };
    const markAt = (indicator: string) => `/api/v1/cases/${caseId}/findings/${indicator}/disposition`;
    expectDocumented(
      'POST',
      disposition,
      await server.request('POST', markAt(markedFinding.indicator), { key: reviewer, body: judgement }),
      judgement,
    );
    expectDocumented(
      'POST',
      disposition,
      await server.request('POST', markAt(markedFinding.indicator), { key: reviewer, body: { disposition: 'maybe' } }),
    );
    expectDocumented(
      'POST',
      disposition,
      await server.request('POST', markAt(markedFinding.indicator), { key: recruiter, body: judgement }),
    );
    expectDocumented(
      'POST',
      disposition,
      await server.request('POST', markAt('no_such_indicator'), { key: reviewer, body: judgement }),
    );

    // A sanctions match, confirmed by a reviewer: the report as JSON and as a page.
    const base = cleanApplicant();
    const listed = cleanApplicant({
      person: { ...base.person, legalName: 'Jong In Chol', otherNames: [], dateOfBirth: '1979-01-05' },
      identityDocument: undefined,
      shipping: undefined,
      payment: { ...base.payment, accountHolderName: 'Jong In Chol' },
    });
    const screened = await server.request('POST', '/api/v1/screenings', { key: reviewer, body: listed });
    expect(screened.body.band).toBe('critical');
    const report = `/api/v1/cases/${screened.body.caseId}/sanctions-report`;
    expectDocumented(
      'GET',
      '/api/v1/cases/{id}/sanctions-report',
      await server.request('GET', report, { key: reviewer }),
    );

    // Four eyes: a sanctions false positive and a critical clearing are held (202) for a second reviewer.
    const second = await server.createKey('reviewer');
    const sanctionsJudgement = { disposition: 'false_positive', reason: 'The passport is not the listed one.' };
    const heldMark = await server.request(
      'POST',
      `/api/v1/cases/${screened.body.caseId}/findings/sanc_sdn_name/disposition`,
      { key: reviewer, body: sanctionsJudgement },
    );
    expect(heldMark.status).toBe(202);
    expectDocumented('POST', disposition, heldMark, sanctionsJudgement);
    const clearing = { status: 'cleared', reason: 'Met in person.' };
    const heldClearing = await server.request('PATCH', `/api/v1/cases/${screened.body.caseId}`, {
      key: reviewer,
      body: clearing,
    });
    expect(heldClearing.status).toBe(202);
    expectDocumented('PATCH', path, heldClearing, clearing);
    expectDocumented(
      'GET',
      path,
      await server.request('GET', `/api/v1/cases/${screened.body.caseId}`, { key: reviewer }),
    );
    const approve = '/api/v1/cases/{id}/approvals/{approvalId}/approve';
    const reject = '/api/v1/cases/{id}/approvals/{approvalId}/reject';
    const at = (approvalId: string, decision: string) =>
      `/api/v1/cases/${screened.body.caseId}/approvals/${approvalId}/${decision}`;
    expectDocumented(
      'POST',
      approve,
      await server.request('POST', at(heldMark.body.approval.id, 'approve'), { key: reviewer, body: {} }),
    );
    const approved = await server.request('POST', at(heldMark.body.approval.id, 'approve'), {
      key: second,
      body: { reason: 'Checked the passport scan too.' },
    });
    expect(approved.status).toBe(200);
    expectDocumented('POST', approve, approved, { reason: 'Checked the passport scan too.' });
    expectDocumented(
      'POST',
      approve,
      await server.request('POST', at(heldMark.body.approval.id, 'approve'), { key: second, body: {} }),
    );
    expectDocumented(
      'POST',
      reject,
      await server.request('POST', at(heldClearing.body.approval.id, 'reject'), { key: second, body: {} }),
    );
    const rejected = await server.request('POST', at(heldClearing.body.approval.id, 'reject'), {
      key: second,
      body: { reason: 'Not yet: the bank has not answered.' },
    });
    expect(rejected.status).toBe(200);
    expectDocumented('POST', reject, rejected, { reason: 'Not yet: the bank has not answered.' });
    expectDocumented(
      'POST',
      reject,
      await server.request('POST', at('00000000-0000-4000-8000-000000000000', 'reject'), {
        key: second,
        body: { reason: 'x' },
      }),
    );
    const decision = {
      status: 'confirmed_fraud',
      reason: 'Same person as the listed entry: photo and passport number agree.',
    };
    expectDocumented(
      'PATCH',
      path,
      await server.request('PATCH', `/api/v1/cases/${screened.body.caseId}`, { key: reviewer, body: decision }),
      decision,
    );
    expectDocumented(
      'GET',
      '/api/v1/cases/{id}/sanctions-report',
      await server.request('GET', report, { key: reviewer }),
    );
    expectDocumented(
      'GET',
      '/api/v1/cases/{id}/sanctions-report',
      await server.request('GET', `${report}?format=html`, { key: reviewer }),
    );
    expectDocumented(
      'GET',
      '/api/v1/cases/{id}/sanctions-report',
      await server.request('GET', report, { key: recruiter }),
    );
    expectDocumented(
      'GET',
      '/api/v1/cases/{id}/sanctions-report',
      await server.request('GET', '/api/v1/cases/nope/sanctions-report', { key: reviewer }),
    );
    expect([...checked]).toEqual(
      expect.arrayContaining([
        'GET /api/v1/cases/{id}/sanctions-report 200 application/json',
        'GET /api/v1/cases/{id}/sanctions-report 200 text/html',
        'GET /api/v1/cases/{id}/sanctions-report 409 application/json',
      ]),
    );
  });

  it('links, cluster and clusters', async () => {
    for (const template of ['/api/v1/cases/{id}/links', '/api/v1/cases/{id}/cluster']) {
      const at = (id: string) => template.replace('{id}', id);
      const answer = await server.request('GET', at(caseId), { key: reviewer });
      expect(answer.status).toBe(200);
      expectDocumented('GET', template, answer);
      expectDocumented('GET', template, await server.request('GET', at(caseId), { key: recruiter }));
      expectDocumented(
        'GET',
        template,
        await server.request('GET', at('00000000-0000-4000-8000-000000000000'), { key: reviewer }),
      );
    }
    const clusters = await server.request('GET', '/api/v1/clusters?minSize=2&limit=20', { key: reviewer });
    expect(clusters.body.items.length).toBeGreaterThan(0);
    expectDocumented('GET', '/api/v1/clusters', clusters);
    expectDocumented(
      'GET',
      '/api/v1/clusters',
      await server.request('GET', '/api/v1/clusters?minSize=1', { key: reviewer }),
    );
    expectDocumented('GET', '/api/v1/clusters', await server.request('GET', '/api/v1/clusters', { key: recruiter }));
  });

  it('webhooks: intake, the deliveries list and replay', async () => {
    const secret = 'openapi-greenhouse-secret-000';
    await server.services.webhooks.sources.create({ vendor: 'greenhouse', name: 'openapi-gh', secret });
    const body = Buffer.from(
      JSON.stringify({ action: 'reject_candidate', payload: { application: { id: 1, candidate: { id: 2 } } } }),
    );
    const send = (raw: Buffer, headers: Record<string, string>) =>
      server.request('POST', '/webhooks/greenhouse', {
        rawBody: raw.toString(),
        headers: { 'content-type': 'application/json', ...headers },
      });
    const accepted = await send(body, { ...signLike('greenhouse', secret, body), 'Greenhouse-Event-ID': 'openapi-1' });
    expect(accepted.status).toBe(200);
    expectDocumented('POST', '/webhooks/{vendor}', accepted);
    expectDocumented(
      'POST',
      '/webhooks/{vendor}',
      await send(body, { ...signLike('greenhouse', secret, body), 'Greenhouse-Event-ID': 'openapi-1' }),
    );
    const ping = Buffer.from('{"action":"ping","payload":{}}');
    expectDocumented('POST', '/webhooks/{vendor}', await send(ping, signLike('greenhouse', secret, ping)));
    expectDocumented('POST', '/webhooks/{vendor}', await send(body, { Signature: 'sha256 00' }));
    const notJson = Buffer.from('action=ping');
    expectDocumented('POST', '/webhooks/{vendor}', await send(notJson, signLike('greenhouse', secret, notJson)));
    expectDocumented(
      'POST',
      '/webhooks/{vendor}',
      await server.request('POST', '/webhooks/workday', { rawBody: '{}' }),
    );
    // SmartRecruiters: 202 for a stored delivery, 200 echoing X-Hook-Secret for an activation.
    const srSecret = 'openapi-smartrecruiters-key-000';
    await server.services.webhooks.sources.create({ vendor: 'smartrecruiters', name: 'openapi-sr', secret: srSecret });
    const srBody = Buffer.from('{"id":"job-1"}');
    const srAccepted = await server.request('POST', '/webhooks/smartrecruiters', {
      rawBody: srBody.toString(),
      headers: {
        'content-type': 'application/json',
        ...signLike('smartrecruiters', srSecret, srBody, { event: 'job.created' }),
      },
    });
    expect(srAccepted.status).toBe(202);
    expectDocumented('POST', '/webhooks/{vendor}', srAccepted);
    const activation = await server.request('POST', '/webhooks/smartrecruiters', {
      headers: { 'X-Hook-Secret': 'openapi-hook-secret' },
    });
    expect(activation.headers.get('x-hook-secret')).toBe('openapi-hook-secret');
    expectDocumented('POST', '/webhooks/{vendor}', activation);

    const list = await server.request('GET', '/api/v1/webhook-deliveries?source=openapi-gh', { key: reviewer });
    expect(list.body.items).toHaveLength(1);
    expectDocumented('GET', '/api/v1/webhook-deliveries', list);
    expectDocumented(
      'GET',
      '/api/v1/webhook-deliveries',
      await server.request('GET', '/api/v1/webhook-deliveries?limit=0', { key: reviewer }),
    );
    expectDocumented(
      'GET',
      '/api/v1/webhook-deliveries',
      await server.request('GET', '/api/v1/webhook-deliveries', { key: recruiter }),
    );
    const admin = await server.createKey('admin');
    const replay = (id: string, key = admin) =>
      server.request('POST', `/api/v1/webhook-deliveries/${id}/replay`, { key });
    const replayed = await replay(list.body.items[0].id);
    expect(replayed.status).toBe(202);
    expectDocumented('POST', '/api/v1/webhook-deliveries/{id}/replay', replayed);
    expectDocumented(
      'POST',
      '/api/v1/webhook-deliveries/{id}/replay',
      await replay('00000000-0000-4000-8000-000000000000'),
    );
    expectDocumented('POST', '/api/v1/webhook-deliveries/{id}/replay', await replay(list.body.items[0].id, reviewer));
  });

  it('notifications: the delivery log', async () => {
    // No worker runs here: the notification the trigger writes stays queued (nothing is sent).
    await server.services.notifications.endpoints.create({
      kind: 'webhook',
      name: 'openapi-notify',
      url: 'http://127.0.0.1:9/hook',
    });
    expect(
      (await server.request('POST', '/api/v1/screenings', { key: reviewer, body: riskyApplicant() })).body.band,
    ).toBe('critical');
    const list = await server.request('GET', '/api/v1/notification-deliveries?endpoint=openapi-notify&status=queued', {
      key: reviewer,
    });
    expect(list.body.items).toHaveLength(1);
    expectDocumented('GET', '/api/v1/notification-deliveries', list);
    expectDocumented(
      'GET',
      '/api/v1/notification-deliveries',
      await server.request('GET', '/api/v1/notification-deliveries?status=lost', { key: reviewer }),
    );
    expectDocumented(
      'GET',
      '/api/v1/notification-deliveries',
      await server.request('GET', '/api/v1/notification-deliveries', { key: recruiter }),
    );
    const admin = await server.createKey('admin');
    const resend = (id: string, key = admin) =>
      server.request('POST', `/api/v1/notification-deliveries/${id}/resend`, { key });
    const [notification] = list.body.items;
    await server.services.notifications.store.markFailed(notification.id, {
      error: 'the receiver answered 502',
      responseStatus: 502,
      isFinal: true,
    });
    const resent = await resend(notification.id);
    expect(resent.status).toBe(202);
    expectDocumented('POST', '/api/v1/notification-deliveries/{id}/resend', resent);
    expectDocumented('POST', '/api/v1/notification-deliveries/{id}/resend', await resend(notification.id));
    expectDocumented(
      'POST',
      '/api/v1/notification-deliveries/{id}/resend',
      await resend('00000000-0000-4000-8000-000000000000'),
    );
    expectDocumented('POST', '/api/v1/notification-deliveries/{id}/resend', await resend(notification.id, reviewer));
  });

  it('known addresses: list, declare and remove', async () => {
    const admin = await server.createKey('admin');
    const path = '/api/v1/known-addresses';
    const body = {
      label: 'OpenAPI office',
      kind: 'office',
      address: { line1: '9 Documented Way', city: 'Austin', postalCode: '78701', country: 'US' },
    };
    const created = await server.request('POST', path, { key: admin, body });
    expect(created.status).toBe(201);
    expectDocumented('POST', path, created, body);
    expectDocumented('POST', path, await server.request('POST', path, { key: admin, body }));
    expectDocumented(
      'POST',
      path,
      await server.request('POST', path, { key: admin, body: { label: '', kind: 'office', address: {} } }),
    );
    expectDocumented('POST', path, await server.request('POST', path, { key: reviewer, body }));
    expectDocumented('GET', path, await server.request('GET', path, { key: reviewer }));
    expectDocumented('GET', path, await server.request('GET', `${path}?includeRemoved=maybe`, { key: reviewer }));
    expectDocumented('GET', path, await server.request('GET', path, { key: recruiter }));
    const remove = (id: string, key = admin) => server.request('DELETE', `${path}/${id}`, { key });
    expectDocumented('DELETE', `${path}/{id}`, await remove(created.body.id, reviewer));
    expectDocumented('DELETE', `${path}/{id}`, await remove(created.body.id));
    expectDocumented('DELETE', `${path}/{id}`, await remove(created.body.id));
    expectDocumented('GET', path, await server.request('GET', `${path}?includeRemoved=true`, { key: reviewer }));
  });

  it('GET /healthz and GET /readyz', async () => {
    expectDocumented('GET', '/healthz', await server.request('GET', '/healthz'));
    expectDocumented('GET', '/readyz', await server.request('GET', '/readyz'));
  });

  describe('while the database is unreachable', () => {
    let proxy: TcpProxy;
    let outage: TestServer;

    beforeAll(async () => {
      const proxied = await startDatabaseProxy(testDatabaseUrl());
      proxy = proxied.proxy;
      outage = await startTestServer({ databaseUrl: proxied.url });
    });
    afterAll(async () => {
      await outage.close();
      await proxy.close();
    });

    it('answers 503 as documented', async () => {
      const key = await outage.createKey('reviewer');
      await proxy.cut();
      try {
        const failed = await outage.request('GET', '/api/v1/cases', { key });
        expect(failed.headers.get('retry-after')).toBe('5');
        expectDocumented('GET', '/api/v1/cases', failed);
        expectDocumented(
          'POST',
          '/api/v1/screenings',
          await outage.request('POST', '/api/v1/screenings', { key, body: cleanApplicant() }),
        );
        expectDocumented('GET', '/readyz', await outage.request('GET', '/readyz'));
      } finally {
        await proxy.restore();
      }
      expect([...checked]).toEqual(
        expect.arrayContaining([
          'GET /api/v1/cases 503 application/json',
          'POST /api/v1/screenings 503 application/json',
          'GET /readyz 503 application/json',
        ]),
      );
    });
  });

  it('covered every documented operation with a real answer', () => {
    const answered = new Set([...checked].map((entry) => entry.split(' ').slice(0, 2).join(' ')));
    expect(documentedOperations().filter((operation) => !answered.has(operation))).toEqual([]);
  });
});
