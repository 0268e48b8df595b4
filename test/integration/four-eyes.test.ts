import { signedInUser } from '../browser/web-client';
import { cleanApplicant } from '../support/applicants';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
let reviewer: string;
let secondReviewer: string;
let recruiter: string;

beforeAll(async () => {
  server = await startTestServer();
  reviewer = await server.createKey('reviewer');
  secondReviewer = await server.createKey('reviewer');
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
  return answer.body as { caseId: string; band: string; score: number };
}

// A listed name with the listed date of birth: a confirmed sanctions match, critical.
const screenListed = () => screen('Jong In Chol', { person: { legalName: 'Jong In Chol', dateOfBirth: '1979-01-05' } });
const patch = (id: string, body: unknown, key = reviewer) =>
  server.request('PATCH', `/api/v1/cases/${id}`, { key, body });
const caseOf = async (id: string) => (await server.request('GET', `/api/v1/cases/${id}`, { key: reviewer })).body;
const decide = (id: string, approvalId: string, decision: 'approve' | 'reject', key: string, body: unknown = {}) =>
  server.request('POST', `/api/v1/cases/${id}/approvals/${approvalId}/${decision}`, { key, body });
const actions = (detail: { events: { action: string }[] }) => detail.events.map((event) => event.action);

describe('four eyes through the API', () => {
  it('holds the clearing of a critical case until a different reviewer approves; the requester cannot approve it', async () => {
    const { caseId, band, score } = await screenListed();
    expect(band).toBe('critical');
    const held = await patch(caseId, {
      status: 'cleared',
      reason: 'Met the applicant; the passport is not the listed one.',
    });
    expect(held.status).toBe(202);
    expect(held.body).toMatchObject({
      awaitingSecondReview: true,
      approval: { kind: 'clear_case', caseId, outcome: null, request: { status: 'cleared' } },
    });
    const waiting = await caseOf(caseId);
    expect(waiting).toMatchObject({
      status: 'open',
      band: 'critical',
      score,
      awaitingSecondReview: true,
      pendingApprovals: [{ id: held.body.approval.id, kind: 'clear_case' }],
    });
    expect(actions(waiting).at(-1)).toBe('case.second_review_requested');
    // Asking twice is one request.
    expect((await patch(caseId, { status: 'cleared', reason: 'again' })).status).toBe(409);

    const own = await decide(caseId, held.body.approval.id, 'approve', reviewer);
    expect(own.status).toBe(403);
    expect(own.body.error.message).toMatch(/second reviewer/);
    expect(await caseOf(caseId)).toMatchObject({ status: 'open', awaitingSecondReview: true });
    // Recruiters cannot decide anything.
    expect((await decide(caseId, held.body.approval.id, 'approve', recruiter)).status).toBe(403);

    const approved = await decide(caseId, held.body.approval.id, 'approve', secondReviewer);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      approval: { outcome: 'approved', decidedBy: expect.stringMatching(/^apikey:/) },
      applied: { status: 'cleared' },
    });
    const cleared = await caseOf(caseId);
    expect(cleared).toMatchObject({ status: 'cleared', awaitingSecondReview: false, pendingApprovals: [] });
    expect(actions(cleared).slice(-2)).toEqual(['case.second_review_approved', 'case.decided']);
    expect(cleared.events.at(-1).data).toMatchObject({
      before: 'open',
      after: 'cleared',
      approvedBy: approved.body.approval.decidedBy,
    });
    expect(cleared.events.at(-1).actor).not.toBe(approved.body.approval.decidedBy);
    expect((await decide(caseId, held.body.approval.id, 'approve', secondReviewer)).status).toBe(409);
  });

  it("keeps the reviewer's choice to show the reason to the recruiter through the second review", async () => {
    const { caseId } = await screenListed();
    const reason = 'Passport checked in person: a different person from the listed entry.';
    const held = await patch(caseId, { status: 'cleared', reason, shareReasonWithRecruiter: true });
    expect(held.status).toBe(202);
    expect((await decide(caseId, held.body.approval.id, 'approve', secondReviewer)).status).toBe(200);
    const decided = (await caseOf(caseId)).events.at(-1);
    expect(decided).toMatchObject({
      action: 'case.decided',
      data: { after: 'cleared', reason, reasonSharedWithRecruiter: true },
    });
    const seenByRecruiter = await server.request('GET', `/api/v1/cases/${caseId}`, { key: recruiter });
    expect(
      seenByRecruiter.body.events.find((event: { action: string }) => event.action === 'case.decided').data.reason,
    ).toBe(reason);
  });

  it('reopening a decided case without a reason is a 400 naming reason; with one it is audited', async () => {
    const { caseId, band } = await screen('Mira Okafor');
    expect(band).not.toBe('critical');
    // Not critical: cleared at once.
    expect((await patch(caseId, { status: 'cleared', reason: 'References confirmed.' })).status).toBe(200);
    const bare = await patch(caseId, { status: 'in_review' });
    expect(bare.status).toBe(400);
    expect(bare.body.error.fields).toEqual([{ path: 'reason', message: 'is required to reopen a decided case' }]);
    expect((await caseOf(caseId)).status).toBe('cleared');
    const reopened = await patch(caseId, { status: 'in_review', reason: 'A new reference contradicts the first.' });
    expect(reopened.status).toBe(200);
    expect((await caseOf(caseId)).events.at(-1)).toMatchObject({
      action: 'case.status_changed',
      data: { before: 'cleared', after: 'in_review', reason: 'A new reference contradicts the first.' },
    });
    // Assigning a decided case is not reopening it.
    expect((await patch(caseId, { status: 'confirmed_fraud', reason: 'Identity confirmed stolen.' })).status).toBe(200);
    expect((await patch(caseId, { assignee: 'analyst@example.com' })).status).toBe(200);
  });

  it('holds a sanctions false positive: the score is unchanged until approved, and a rejection changes nothing', async () => {
    const { caseId, score } = await screenListed();
    const mark = (key = reviewer) =>
      server.request('POST', `/api/v1/cases/${caseId}/findings/sanc_sdn_name/disposition`, {
        key,
        body: { disposition: 'false_positive', reason: 'Born in another year according to the passport.' },
      });
    const held = await mark();
    expect(held.status).toBe(202);
    expect(held.body.approval).toMatchObject({
      kind: 'false_positive',
      request: { indicator: 'sanc_sdn_name', disposition: 'false_positive' },
    });
    expect(await caseOf(caseId)).toMatchObject({ score, band: 'critical', awaitingSecondReview: true });
    expect((await mark(secondReviewer)).status).toBe(409);

    const noReason = await decide(caseId, held.body.approval.id, 'reject', secondReviewer, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.fields).toEqual([expect.objectContaining({ path: 'reason' })]);
    const rejected = await decide(caseId, held.body.approval.id, 'reject', secondReviewer, {
      reason: 'The passport photo matches the listing.',
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({
      approval: { outcome: 'rejected', decisionReason: 'The passport photo matches the listing.' },
      applied: null,
    });
    const after = await caseOf(caseId);
    expect(after).toMatchObject({ score, band: 'critical', awaitingSecondReview: false });
    expect(actions(after).slice(-2)).toEqual(['case.second_review_requested', 'case.second_review_rejected']);
    // A confirmation is not held.
    expect(
      (
        await server.request('POST', `/api/v1/cases/${caseId}/findings/sanc_sdn_name/disposition`, {
          key: reviewer,
          body: { disposition: 'confirmed', reason: 'Photo matches.' },
        })
      ).status,
    ).toBe(201);
  });
});

describe('four eyes on the pages', () => {
  it('the decision form holds a critical clearing; the same reviewer cannot approve it, a second one can', async () => {
    const first = await signedInUser(server, 'reviewer');
    const second = await signedInUser(server, 'reviewer');
    const { caseId, score } = await screenListed();

    const page = await first.client.get(`/cases/${caseId}`);
    // The judgement of a finding has no preselected answer.
    expect(page.text).toMatch(
      /<select id="mark-sanc_sdn_name-f-disposition" name="disposition"[^>]*><option value="" selected>Choose a judgement<\/option>/,
    );
    const asked = await first.client.post(`/cases/${caseId}/status`, {
      form: 'decide',
      status: 'cleared',
      reason: 'Passport checked on a video call.',
    });
    expect(asked.status).toBe(303);
    expect(asked.location).toBe(`/cases/${caseId}?done=awaiting`);
    const waiting = await first.client.get(asked.location!);
    expect(waiting.text).toContain('awaiting second review');
    expect(waiting.text).toContain('You asked for this: another reviewer must approve it.');
    const approvalId = (await caseOf(caseId)).pendingApprovals[0].id as string;
    expect(waiting.text).not.toContain(`/approvals/${approvalId}/approve`);

    const own = await first.client.post(`/cases/${caseId}/approvals/${approvalId}/approve`, {});
    expect(own.status).toBe(403);
    expect(own.text).toContain('A second reviewer must approve');
    expect(await caseOf(caseId)).toMatchObject({ status: 'open', score });

    const secondPage = await second.client.get(`/cases/${caseId}`);
    expect(secondPage.text).toContain(`/cases/${caseId}/approvals/${approvalId}/approve`);
    const approved = await second.client.post(`/cases/${caseId}/approvals/${approvalId}/approve`, {});
    expect(approved.status).toBe(303);
    expect(await caseOf(caseId)).toMatchObject({ status: 'cleared', awaitingSecondReview: false });

    // Reopening from the status form needs a reason, said beside the field.
    const bare = await second.client.post(`/cases/${caseId}/status`, { status: 'in_review' });
    expect(bare.status).toBe(400);
    expect(bare.text).toContain('is required to reopen a decided case');
    const reopened = await second.client.post(`/cases/${caseId}/status`, {
      status: 'in_review',
      reason: 'New evidence from the bank.',
    });
    expect(reopened.status).toBe(303);
    expect((await caseOf(caseId)).status).toBe('in_review');
  });

  it('a sanctions false positive marked on the page waits; a judgement must be chosen', async () => {
    const first = await signedInUser(server, 'reviewer');
    const { caseId, score } = await screenListed();
    await first.client.get(`/cases/${caseId}`);
    const unchosen = await first.client.post(`/cases/${caseId}/findings/sanc_sdn_name/disposition`, {
      disposition: '',
      reason: 'Different person.',
    });
    expect(unchosen.status).toBe(400);
    const held = await first.client.post(`/cases/${caseId}/findings/sanc_sdn_name/disposition`, {
      disposition: 'false_positive',
      reason: 'Different person.',
    });
    expect(held.location).toBe(`/cases/${caseId}?done=awaiting#second-review`);
    expect(await caseOf(caseId)).toMatchObject({ score, band: 'critical', awaitingSecondReview: true });
  });
  it('a passed check on a sanctions hit clears it only after a second reviewer approves (no way around four eyes)', async () => {
    const first = await signedInUser(server, 'reviewer');
    const second = await signedInUser(server, 'reviewer');
    const { caseId, score } = await screenListed();
    await first.client.get(`/cases/${caseId}`);
    const held = await first.client.post(`/cases/${caseId}/verifications`, {
      indicator: 'sanc_sdn_name',
      outcome: 'passed',
      note: 'Passport and date of birth checked: not the listed person.',
    });
    expect(held.status).toBe(303);
    expect(held.location).toBe(`/cases/${caseId}?done=awaiting#finding-sanc_sdn_name`);
    const waiting = await caseOf(caseId);
    expect(waiting).toMatchObject({
      score,
      band: 'critical',
      awaitingSecondReview: true,
      pendingApprovals: [{ kind: 'false_positive', request: { disposition: 'cleared_by_check' } }],
    });
    const page = await first.client.get(`/cases/${caseId}`);
    expect(page.text).toContain('a check passed');
    expect(page.text).not.toContain('sanc_sdn_name</strong>');
    const approvalId = waiting.pendingApprovals[0].id as string;
    expect((await first.client.post(`/cases/${caseId}/approvals/${approvalId}/approve`, {})).status).toBe(403);
    await second.client.get(`/cases/${caseId}`);
    expect((await second.client.post(`/cases/${caseId}/approvals/${approvalId}/approve`, {})).status).toBe(303);
    const applied = await caseOf(caseId);
    expect(applied.awaitingSecondReview).toBe(false);
    expect(applied.score).toBeLessThan(score);
    expect(
      applied.events.find((event: { action: string }) => event.action === 'case.verification_recorded').data,
    ).toMatchObject({ indicator: 'sanc_sdn_name', outcome: 'passed', disposition: 'cleared_by_check' });
    // A check that did not pass is recorded at once: only clearing waits.
    const other = await screenListed();
    await first.client.get(`/cases/${other.caseId}`);
    const inconclusive = await first.client.post(`/cases/${other.caseId}/verifications`, {
      indicator: 'sanc_sdn_name',
      outcome: 'inconclusive',
      note: 'The applicant did not answer yet.',
    });
    expect(inconclusive.location).toBe(`/cases/${other.caseId}?done=verified#finding-sanc_sdn_name`);
    expect(await caseOf(other.caseId)).toMatchObject({ awaitingSecondReview: false });
  });
});
