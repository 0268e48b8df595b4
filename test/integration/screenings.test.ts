import { cleanApplicant, riskyApplicant, uniqueId } from '../support/applicants';
import { rowCounts } from '../support/row-counts';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
let key: string;

beforeAll(async () => {
  server = await startTestServer();
  key = await server.createKey('recruiter');
});
afterAll(() => server.close());

const post = (body: unknown, headers: Record<string, string> = {}) =>
  server.request('POST', '/api/v1/screenings', { key, body, headers });

describe('POST /api/v1/screenings', () => {
  it('scores an applicant, explains each finding and stores case, screening and audit event together', async () => {
    const response = await post(riskyApplicant());
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(`/api/v1/cases/${response.body.caseId}`);
    expect(response.body).toMatchObject({ score: 90, band: 'critical', ruleSetVersion: expect.any(String) });
    for (const finding of response.body.findings) {
      expect(Object.keys(finding).sort()).toEqual([
        'evidence',
        'family',
        'indicator',
        'message',
        'points',
        'recommendedAction',
        'severity',
        'source',
      ]);
    }
    const stored = await server.services.db.case.findUniqueOrThrow({
      where: { id: response.body.caseId },
      include: { screenings: true, events: true },
    });
    expect(stored).toMatchObject({ score: 90, band: 'critical', status: 'open', subjectName: 'Jane Q. Doe' });
    expect(stored.screenings).toHaveLength(1);
    expect(stored.screenings[0]).toMatchObject({
      id: response.body.screeningId,
      score: 90,
      ruleSetVersion: response.body.ruleSetVersion,
    });
    expect(stored.screenings[0]!.findings).toEqual(response.body.findings);
    expect(stored.events).toEqual([
      expect.objectContaining({ action: 'case.created', actor: expect.stringMatching(/^apikey:/) }),
    ]);
  });

  it('keeps a minimised snapshot: no date of birth, masked account number, resume as a hash', async () => {
    const body = cleanApplicant({ resumeText: 'Ten years of Go and Rust.' });
    const response = await post(body);
    const screening = await server.services.db.screening.findUniqueOrThrow({
      where: { id: response.body.screeningId },
    });
    const snapshot = JSON.stringify(screening.inputSnapshot);
    expect(snapshot).not.toContain('1990-04-02');
    expect(snapshot).not.toContain(body.payment.accountNumber);
    expect(snapshot).not.toContain('Ten years of Go');
    expect(screening.inputSnapshot).toMatchObject({
      person: { birthYear: 1990 },
      payment: { accountNumber: '••••6789' },
      resume: { characters: 25 },
    });
  });

  it('appends a new screening to the same case for the same source and externalId', async () => {
    const externalId = uniqueId('req');
    const first = await post(cleanApplicant({ externalId }));
    const second = await post(riskyApplicant({ externalId }));
    expect(second.status).toBe(201);
    expect(second.body.caseId).toBe(first.body.caseId);
    expect(second.body.screeningId).not.toBe(first.body.screeningId);
    const stored = await server.services.db.case.findUniqueOrThrow({
      where: { id: first.body.caseId },
      include: { screenings: true, events: { orderBy: { id: 'asc' } } },
    });
    expect(stored.screenings).toHaveLength(2);
    expect(stored).toMatchObject({ score: 90, band: 'critical' });
    // The clean first screening closed the case at intake; the risky second one opened it again.
    expect(stored.events.map((event) => event.action)).toEqual([
      'case.created',
      'case.auto_closed',
      'case.rescreened',
      'case.auto_reopened',
    ]);
    expect(stored.events[2]!.data).toMatchObject({
      before: { score: 0, band: 'low' },
      after: { score: 90, band: 'critical' },
    });
  });

  it('refuses to add to a case another recruiter submitted, and changes nothing', async () => {
    const externalId = uniqueId('req');
    const first = await post(cleanApplicant({ externalId }));
    const otherRecruiter = await server.createKey('recruiter');
    const before = await rowCounts(server.services.db);
    const answer = await server.request('POST', '/api/v1/screenings', {
      key: otherRecruiter,
      body: riskyApplicant({ externalId, person: { legalName: 'Someone Else' } }),
    });
    expect(answer.status).toBe(409);
    expect(answer.body.error.fields).toEqual([expect.objectContaining({ path: 'externalId' })]);
    expect(await rowCounts(server.services.db)).toEqual(before);
    const stored = await server.services.db.case.findUniqueOrThrow({ where: { id: first.body.caseId } });
    expect(stored.subjectName).toBe('Jane Q. Doe');
    // A reviewer (or an integration) may add to it.
    const reviewer = await server.createKey('reviewer');
    const byReviewer = await server.request('POST', '/api/v1/screenings', {
      key: reviewer,
      body: riskyApplicant({ externalId }),
    });
    expect(byReviewer.status).toBe(201);
    expect(byReviewer.body.caseId).toBe(first.body.caseId);
  });

  it('makes one case when the same candidate arrives twice at the same moment', async () => {
    const externalId = uniqueId('race');
    const answers = await Promise.all(Array.from({ length: 6 }, () => post(cleanApplicant({ externalId }))));
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(201));
    expect(new Set(answers.map((a) => a.body.caseId)).size).toBe(1);
    expect(await server.services.db.case.count({ where: { externalId } })).toBe(1);
    expect(await server.services.db.screening.count({ where: { caseId: answers[0]!.body.caseId } })).toBe(6);
  });

  it('keeps cases without an externalId apart', async () => {
    const input = cleanApplicant({ externalId: undefined });
    const [a, b] = [await post(input), await post(input)];
    expect(a.body.caseId).not.toBe(b.body.caseId);
  });

  describe('Idempotency-Key', () => {
    it('returns the first answer to a retry and writes nothing new', async () => {
      const idempotencyKey = uniqueId('idem');
      const body = riskyApplicant();
      const first = await post(body, { 'Idempotency-Key': idempotencyKey });
      const before = await rowCounts(server.services.db);
      const retry = await post(body, { 'Idempotency-Key': idempotencyKey });
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(await rowCounts(server.services.db)).toEqual(before);
    });

    it('answers concurrent retries with one stored screening', async () => {
      const idempotencyKey = uniqueId('idem');
      const body = cleanApplicant({ externalId: undefined });
      const answers = await Promise.all(
        Array.from({ length: 5 }, () => post(body, { 'Idempotency-Key': idempotencyKey })),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(5).fill(201));
      expect(new Set(answers.map((a) => a.body.screeningId)).size).toBe(1);
    });

    it('refuses the same key with a different body', async () => {
      const idempotencyKey = uniqueId('idem');
      await post(cleanApplicant(), { 'Idempotency-Key': idempotencyKey });
      const reused = await post(riskyApplicant(), { 'Idempotency-Key': idempotencyKey });
      expect(reused.status).toBe(422);
      expect(reused.body.error.code).toBe('idempotency_conflict');
    });

    it('replays a retry whose JSON keys come in another order', async () => {
      const idempotencyKey = uniqueId('idem');
      const body = riskyApplicant();
      const first = await post(body, { 'Idempotency-Key': idempotencyKey });
      const reordered = Object.fromEntries(Object.entries(body).reverse());
      const retry = await post(reordered, { 'Idempotency-Key': idempotencyKey });
      expect(retry.status).toBe(201);
      expect(retry.body.screeningId).toBe(first.body.screeningId);
    });

    it('forgets an answer after its time to live, so the key may be used again', async () => {
      const idempotencyKey = uniqueId('idem');
      const first = await post(cleanApplicant(), { 'Idempotency-Key': idempotencyKey });
      await server.services.db
        .$executeRaw`UPDATE idempotent_requests SET created_at = now() - interval '25 hours' WHERE key = ${idempotencyKey}`;
      const laterBody = riskyApplicant();
      const later = await post(laterBody, { 'Idempotency-Key': idempotencyKey });
      expect(later.status).toBe(201);
      expect(later.body.screeningId).not.toBe(first.body.screeningId);
      const again = await post(laterBody, { 'Idempotency-Key': idempotencyKey });
      expect(again.body.screeningId).toBe(later.body.screeningId);
      await server.services.db
        .$executeRaw`UPDATE idempotent_requests SET created_at = now() - interval '25 hours' WHERE key = ${idempotencyKey}`;
      expect(await server.services.screening.purgeExpiredIdempotency()).toBeGreaterThanOrEqual(1);
      expect(await server.services.db.idempotentRequest.count({ where: { key: idempotencyKey } })).toBe(0);
    });

    it('rejects a malformed key', async () => {
      const response = await post(cleanApplicant(), { 'Idempotency-Key': 'x'.repeat(201) });
      expect(response.status).toBe(400);
      expect(response.body.error.fields).toEqual([expect.objectContaining({ path: 'header:Idempotency-Key' })]);
    });
  });

  describe('bad input stores nothing', () => {
    let before: Record<string, number>;
    beforeEach(async () => {
      before = await rowCounts(server.services.db);
    });
    afterEach(async () => {
      expect(await rowCounts(server.services.db)).toEqual(before);
    });

    it('answers 400 naming every wrong field', async () => {
      const response = await post({
        person: { legalName: 'Jane Doe', phone: 'call me', dateOfBirth: '1990-02-31' },
        claimedLocation: { country: 'USA' },
        sessions: [{ ip: 'not-an-ip' }],
        nationality: 'KP',
      });
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({ code: 'validation_failed', requestId: expect.any(String) });
      expect(response.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(
        ['claimedLocation.country', 'nationality', 'person.dateOfBirth', 'person.phone', 'sessions.0.ip'].sort(),
      );
    });

    it('answers 400 to a body that is not an object or is broken JSON', async () => {
      expect((await post([1, 2])).status).toBe(400);
      const broken = await server.request('POST', '/api/v1/screenings', {
        key,
        rawBody: '{"person":',
        headers: { 'content-type': 'application/json' },
      });
      expect(broken.status).toBe(400);
      expect(broken.body.error.code).toBe('invalid_json');
    });

    it('answers 400 to an empty body, with or without a Content-Type', async () => {
      for (const headers of [{}, { 'content-type': 'application/json' }] as Record<string, string>[]) {
        const response = await server.request('POST', '/api/v1/screenings', { key, headers });
        expect(response.status).toBe(400);
        expect(response.body.error).toMatchObject({ code: 'invalid_json', message: expect.stringMatching(/empty/) });
      }
    });

    it('words type and size problems for people', async () => {
      const response = await post({
        person: { legalName: 'Jane Doe', otherNames: 'Jay' },
        shipping: { changes: 1.5 },
        sessions: Array(501).fill({}),
        identityDocument: { type: 'visa' },
      });
      expect(response.status).toBe(400);
      expect(response.body.error.fields).toEqual(
        expect.arrayContaining([
          { path: 'person.otherNames', message: 'must be a list, not text' },
          { path: 'shipping.changes', message: 'must be a whole number, not a number' },
          { path: 'sessions', message: 'must have at most 500 items' },
          {
            path: 'identityDocument.type',
            message: 'must be one of: "passport", "drivers_license", "national_id", "other"',
          },
        ]),
      );
    });

    it('answers 415 to a body that is not JSON', async () => {
      const response = await server.request('POST', '/api/v1/screenings', {
        key,
        rawBody: 'legalName=Jane',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(response.status).toBe(415);
    });

    it('answers 413 to a body over 1 MB', async () => {
      const response = await post(cleanApplicant({ resumeText: 'x'.repeat(1_100_000) }));
      expect(response.status).toBe(413);
      expect(response.body.error.code).toBe('payload_too_large');
    });

    it('answers 401 without a key, with a malformed key and with a wrong secret', async () => {
      const missing = await server.request('POST', '/api/v1/screenings', { body: cleanApplicant() });
      expect(missing.status).toBe(401);
      expect(missing.headers.get('www-authenticate')).toMatch(/Bearer/);
      expect((await server.request('POST', '/api/v1/screenings', { key: 'nope', body: cleanApplicant() })).status).toBe(
        401,
      );
      const wrongSecret = key.slice(0, -4) + (key.endsWith('AAAA') ? 'BBBB' : 'AAAA');
      expect(
        (await server.request('POST', '/api/v1/screenings', { key: wrongSecret, body: cleanApplicant() })).status,
      ).toBe(401);
    });

    it('answers 401 to a revoked key', async () => {
      const revokedKey = await server.createKey('recruiter', 'to-revoke');
      await server.services.apiKeys.revoke(revokedKey.split('_')[1]!);
      expect(
        (await server.request('POST', '/api/v1/screenings', { key: revokedKey, body: cleanApplicant() })).status,
      ).toBe(401);
    });
  });
});

describe('API keys', () => {
  it('are stored as hashes only', async () => {
    const created = await server.services.apiKeys.create('hash-check', 'admin');
    const row = await server.services.db.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    // hfrc_<10-character prefix>_<secret>; the secret (base64url) may itself contain "_".
    const secret = created.key.slice('hfrc_'.length + 10 + 1);
    expect(secret).toHaveLength(43);
    expect(Buffer.from(row.secretHash).toString('utf8')).not.toContain(secret);
    expect(JSON.stringify(row)).not.toContain(secret);
  });
});
