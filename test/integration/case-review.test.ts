import { cleanApplicant } from '../support/applicants';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
let reviewer: string;
let recruiter: string;

beforeAll(async () => {
  server = await startTestServer();
  reviewer = await server.createKey('reviewer');
  recruiter = await server.createKey('recruiter');
});
afterAll(() => server.close());

async function screen(legalName: string, extra: Record<string, unknown> = {}) {
  const base = cleanApplicant();
  const body = cleanApplicant({
    person: { ...base.person, legalName, otherNames: [], dateOfBirth: undefined },
    identityDocument: undefined,
    payment: { ...base.payment, accountHolderName: legalName },
    shipping: undefined,
    ...extra,
  });
  const answer = await server.request('POST', '/api/v1/screenings', { key: recruiter, body });
  expect(answer.status).toBe(201);
  return answer.body as { caseId: string; band: string };
}

const patch = (id: string, body: unknown, key = reviewer) =>
  server.request('PATCH', `/api/v1/cases/${id}`, { key, body });

describe('reviewing a case', () => {
  it('changes status and assignee with an audit event each; a decision needs a reason; recruiters cannot', async () => {
    const { caseId } = await screen('Lena Fischer');
    expect((await patch(caseId, { status: 'in_review' }, recruiter)).status).toBe(403);
    const assigned = await patch(caseId, { status: 'in_review', assignee: 'analyst@example.com' });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ id: caseId, status: 'in_review', assignee: 'analyst@example.com' });
    const noReason = await patch(caseId, { status: 'cleared' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.fields).toEqual([
      { path: 'reason', message: 'is required for a decision (cleared or confirmed_fraud)' },
    ]);
    const bad = await patch(caseId, { status: 'closed', colour: 'red' });
    expect(bad.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['colour', 'status']);
    expect(
      (await patch(caseId, { status: 'cleared', reason: 'Live video call with passport; references confirmed.' })).body
        .status,
    ).toBe('cleared');
    const detail = (await server.request('GET', `/api/v1/cases/${caseId}`, { key: reviewer })).body;
    expect(detail.events.map((e: { action: string }) => e.action)).toEqual([
      'case.created',
      'case.auto_closed',
      'case.status_changed',
      'case.assigned',
      'case.decided',
    ]);
    expect(detail.events.at(-1)).toMatchObject({
      actor: expect.stringMatching(/^apikey:/),
      data: { before: 'in_review', after: 'cleared', reason: expect.stringContaining('passport') },
    });
    expect((await patch('7d3f1c9e-0000-4000-8000-000000000000', { status: 'open' })).status).toBe(404);
  });

  it("exports the facts for OFAC's report once a reviewer confirmed a sanctions match, as JSON and a printable page", async () => {
    // The listed date of birth confirms the name (a name alone is only a potential match).
    const { caseId, band } = await screen('Jong In Chol', {
      person: { legalName: 'Jong In Chol', dateOfBirth: '1979-01-05' },
      payment: {
        method: 'bank_transfer',
        accountHolderName: 'Jong In Chol',
        payeeEntityName: '<script>alert(1)</script> Ltd',
      },
    });
    expect(band).toBe('critical');
    const early = await server.request('GET', `/api/v1/cases/${caseId}/sanctions-report`, { key: reviewer });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/confirmed_fraud/);
    await patch(caseId, {
      status: 'confirmed_fraud',
      reason: 'Same person as SDN entry: photo and passport number agree.',
    });
    const report = await server.request('GET', `/api/v1/cases/${caseId}/sanctions-report`, { key: reviewer });
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({
      case: { id: caseId, status: 'confirmed_fraud' },
      decision: { reason: expect.stringContaining('passport') },
      matches: [
        expect.objectContaining({
          entryName: 'JONG, In Chol',
          programs: ['DPRK3'],
          field: 'person.legalName',
          listed: expect.objectContaining({ linkedTo: expect.any(Array) }),
        }),
      ],
      obligations: expect.arrayContaining([expect.stringContaining('501.603')]),
    });
    const page = await server.request('GET', `/api/v1/cases/${caseId}/sanctions-report?format=html`, { key: reviewer });
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(page.body).toContain('JONG, In Chol');
    expect(page.body).not.toContain('<script>');
    expect(page.body).toContain('&lt;script&gt;');
    expect((await server.request('GET', `/api/v1/cases/${caseId}/sanctions-report`, { key: recruiter })).status).toBe(
      403,
    );
  });
});
