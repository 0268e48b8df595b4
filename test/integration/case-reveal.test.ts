// The API masks what the case page masks (contact details, street lines, wallets) and shows them only through an
// audited reveal: POST /api/v1/cases/:id/reveal answers the values and writes case.sensitive_revealed.
import { erasePersonalData } from '../../src/cases/erasure-store';
import { MASKED_FIELDS } from '../../src/cases/masking';
import { riskyApplicant } from '../support/applicants';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
let keys: { recruiter: string; reviewer: string; admin: string };
let sent: Record<string, any>;
let caseId: string;

beforeAll(async () => {
  server = await startTestServer();
  keys = {
    recruiter: await server.createKey('recruiter'),
    reviewer: await server.createKey('reviewer'),
    admin: await server.createKey('admin'),
  };
  sent = riskyApplicant({
    person: {
      legalName: 'Jane Q. Doe',
      email: `jane.reveal.${process.pid}@example.com`,
      phone: '+1 512 555 0142',
      previousEmails: [`jd.${process.pid}@mail.example`],
    },
  });
  sent.payment.routingNumber = '111000025';
  const created = await server.request('POST', '/api/v1/screenings', { key: keys.recruiter, body: sent });
  expect(created.status).toBe(201);
  caseId = created.body.caseId;
});
afterAll(() => server.close());

/** Every value that must not leave the API unmasked without a reveal. */
const secretsOf = () => [
  sent.person.email,
  sent.person.phone,
  sent.person.previousEmails[0],
  sent.residentialAddress.line1,
  sent.shipping.address.line1,
  sent.identityDocument.address.line1,
  sent.payment.wallet.address,
  sent.payment.routingNumber,
];
const revealEvents = async () =>
  server.services.db.caseEvent.count({ where: { caseId, action: 'case.sensitive_revealed' } });

describe('GET /api/v1/cases/:id', () => {
  it.each(['reviewer', 'admin', 'recruiter'] as const)(
    'masks contact details, street lines, routing number and wallet for a %s key, and writes no audit event',
    async (role) => {
      const answer = await server.request('GET', `/api/v1/cases/${caseId}`, { key: keys[role] });
      expect(answer.status).toBe(200);
      const text = JSON.stringify(answer.body);
      expect(secretsOf().filter((value) => text.includes(value))).toEqual([]);
      expect(answer.body.screenings[0].inputSnapshot).toMatchObject({
        person: {
          legalName: 'Jane Q. Doe',
          email: 'j•••@example.com',
          phone: '••• 42',
          previousEmails: ['j•••@mail.example'],
        },
        residentialAddress: { line1: '•••', city: sent.residentialAddress.city, country: 'US' },
        shipping: { address: { line1: '•••', city: 'Phoenix' } },
        identityDocument: { address: { line1: '•••' } },
        payment: { method: 'crypto', routingNumber: '•••', wallet: { chain: 'ETH', address: '0x1234•••5678' } },
      });
      expect(await revealEvents()).toBe(0);
    },
  );
});

describe('POST /api/v1/cases/:id/reveal', () => {
  it('answers the named values unmasked and records who saw which and why; a later GET is masked again', async () => {
    const reason = 'Calling the applicant about the shipping address';
    const answer = await server.request('POST', `/api/v1/cases/${caseId}/reveal`, {
      key: keys.reviewer,
      body: {
        fields: [
          'person.email',
          'person.phone',
          'shipping.address.line1',
          'payment.wallet.address',
          'residentialAddress.line2',
        ],
        reason,
      },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      caseId,
      values: {
        'person.email': sent.person.email,
        'person.phone': sent.person.phone,
        'shipping.address.line1': sent.shipping.address.line1,
        'payment.wallet.address': sent.payment.wallet.address,
        'residentialAddress.line2': null,
      },
      event: {
        id: expect.stringMatching(/^\d+$/),
        actor: expect.stringMatching(/^apikey:/),
        action: 'case.sensitive_revealed',
        data: {
          fields: [
            'person.email',
            'person.phone',
            'shipping.address.line1',
            'payment.wallet.address',
            'residentialAddress.line2',
          ],
          reason,
        },
        createdAt: expect.any(String),
      },
    });
    // The same action the case page writes, in the case's audit trail (and its hash chain).
    const detail = await server.request('GET', `/api/v1/cases/${caseId}`, { key: keys.admin });
    expect(detail.body.events.at(-1)).toEqual(answer.body.event);
    expect(JSON.stringify(detail.body.screenings)).not.toContain(sent.person.email);
  });

  it("reveals the latest findings' evidence unmasked on request", async () => {
    const masked = (await server.request('GET', `/api/v1/cases/${caseId}`, { key: keys.reviewer })).body.screenings[0]
      .findings;
    const answer = await server.request('POST', `/api/v1/cases/${caseId}/reveal`, {
      key: keys.admin,
      body: { fields: ['findings.evidence'], reason: 'Checking the wallet against the exchange report' },
    });
    expect(answer.status).toBe(200);
    const revealed = answer.body.values['findings.evidence'];
    expect(revealed.map((finding: { indicator: string }) => finding.indicator)).toEqual(
      masked.map((finding: { indicator: string }) => finding.indicator),
    );
    expect(JSON.stringify(revealed)).toContain(sent.payment.wallet.address);
    expect(JSON.stringify(masked)).not.toContain(sent.payment.wallet.address);
  });

  it('refuses bad bodies with 400 naming the field, recruiters with 403 and unknown cases with 404, recording nothing', async () => {
    const before = await revealEvents();
    const cases: [string, unknown, number, string[]][] = [
      [keys.reviewer, {}, 400, ['fields', 'reason']],
      [keys.reviewer, { fields: [], reason: 'x' }, 400, ['fields']],
      [keys.reviewer, { fields: ['person.legalName'], reason: 'x' }, 400, ['fields.0']],
      [keys.reviewer, { fields: ['person.email', 'person.email'], reason: 'x' }, 400, ['fields']],
      [keys.reviewer, { fields: ['person.email'], reason: '   ' }, 400, ['reason']],
      [keys.reviewer, { fields: ['person.email'], reason: 'x', extra: 1 }, 400, ['extra']],
      [keys.reviewer, { fields: ['person.email'], reason: 'a\u0000b' }, 400, ['reason']],
      [keys.recruiter, { fields: ['person.email'], reason: 'x' }, 403, []],
    ];
    for (const [key, body, status, fields] of cases) {
      const answer = await server.request('POST', `/api/v1/cases/${caseId}/reveal`, { key, body });
      expect({ body, status: answer.status }).toEqual({ body, status });
      if (status === 400)
        expect({ body, fields: answer.body.error.fields.map((field: { path: string }) => field.path).sort() }).toEqual({
          body,
          fields,
        });
    }
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-case']) {
      expect(
        (
          await server.request('POST', `/api/v1/cases/${id}/reveal`, {
            key: keys.reviewer,
            body: { fields: ['person.email'], reason: 'x' },
          })
        ).status,
      ).toBe(404);
    }
    expect(await revealEvents()).toBe(before);
  });

  it('accepts every masked field name, and answers 409 once the personal data is erased', async () => {
    const other = await server.request('POST', '/api/v1/screenings', { key: keys.reviewer, body: riskyApplicant() });
    const all = await server.request('POST', `/api/v1/cases/${other.body.caseId}/reveal`, {
      key: keys.reviewer,
      body: { fields: MASKED_FIELDS, reason: 'Full review before the decision' },
    });
    expect(all.status).toBe(200);
    expect(Object.keys(all.body.values)).toEqual(MASKED_FIELDS);
    await erasePersonalData(server.services.pool, other.body.caseId, 'test', 'retention');
    const erased = await server.request('POST', `/api/v1/cases/${other.body.caseId}/reveal`, {
      key: keys.reviewer,
      body: { fields: ['person.email'], reason: 'x' },
    });
    expect(erased.status).toBe(409);
    expect(erased.body.error.code).toBe('conflict');
  });
});
