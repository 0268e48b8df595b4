import pg from 'pg';
import { builtInSanctionsEntries } from '../../src/sanctions/builtin-list';
import { SanctionsStore } from '../../src/sanctions/sanctions-store';
import type { SanctionsEntry } from '../../src/sanctions/types';
import { RescoreCandidateStore } from '../../src/cases/rescore-candidate-store';
import { RescoringStore } from '../../src/cases/rescoring-store';
import { RuleRescorer } from '../../src/screening/rescore-rules';
import { createScorer } from '../../src/screening/scorer';
import { signedInUser } from '../browser/web-client';
import { cleanApplicant, riskyApplicant } from '../support/applicants';
import { waitForLinkJobs } from '../support/link-jobs';
import { startTestServer, type TestServer } from '../support/test-server';
import { testPool } from '../support/test-pool';

let server: TestServer;
let pool: pg.Pool;
let reviewer: string;
let secondReviewer: string;
let recruiter: string;

beforeAll(async () => {
  server = await startTestServer({ webhookWorker: { concurrency: 1 } });
  pool = testPool(server.databaseUrl, 2);
  reviewer = await server.createKey('reviewer');
  secondReviewer = await server.createKey('reviewer');
  recruiter = await server.createKey('recruiter');
});
afterAll(async () => {
  await pool.end();
  await server.close();
});

type Finding = { indicator: string; points: number; message: string; evidence: Record<string, any> };
type Answer = { caseId: string; band: string; score: number; sanctionsStatus: string; findings: Finding[] };

// Made-up designations (the test needs names that are in no real list).
const listed = (uid: string, entNum: number, name: string): SanctionsEntry => ({
  ...builtInSanctionsEntries[0]!,
  uid,
  list: 'SDN',
  entNum,
  name,
  type: 'individual',
  programs: ['DPRK3'],
  aliases: [],
  addresses: [],
  datesOfBirth: ['03 Mar 1988'],
  identifiers: [],
  linkedTo: [],
  remarks: null,
});

async function activate(entries: SanctionsEntry[]): Promise<string> {
  const version = await new SanctionsStore(pool).saveVersion({
    source: 'test',
    importedBy: 'test',
    files: [],
    stats: {},
    problems: [],
    entries,
  });
  await server.services.sanctions.refresh();
  return version.id;
}

const rescreen = async (versionId: string) =>
  server.services.sanctionsRescreener.rescreenAll(versionId, () => server.services.sanctions.current());

function named(legalName: string, overrides: Record<string, unknown> = {}) {
  const base = cleanApplicant();
  return cleanApplicant({
    person: { ...base.person, legalName, otherNames: [], dateOfBirth: undefined },
    identityDocument: undefined,
    payment: { ...base.payment, accountHolderName: legalName },
    shipping: undefined,
    ...overrides,
  });
}

async function screen(body: Record<string, unknown>): Promise<Answer> {
  const answer = await server.request('POST', '/api/v1/screenings', { key: reviewer, body });
  expect(answer.status).toBe(201);
  return answer.body;
}

const caseOf = async (id: string) => (await server.request('GET', `/api/v1/cases/${id}`, { key: reviewer })).body;
const mark = (caseId: string, indicator: string, body: unknown, key = reviewer) =>
  server.request('POST', `/api/v1/cases/${caseId}/findings/${indicator}/disposition`, { key, body });
const findingOf = (findings: Finding[], indicator: string) =>
  findings.find((finding) => finding.indicator === indicator);

describe('a sanctions hit marked false positive', () => {
  it('takes the case below critical at once, audited, and stays so through a list rescreen and a new screening; a new listed entry counts', async () => {
    await activate([...builtInSanctionsEntries, listed('SDN-991001', 991001, 'RYANG, Chol Min')]);
    // The date of birth the entries list confirms the name (a name alone is only a potential match).
    const body = named('Ryang Chol Min');
    body.person.dateOfBirth = '1988-03-03';
    const applied = await screen(body);
    expect(applied.band).toBe('critical');
    const uids = findingOf(applied.findings, 'sanc_sdn_name')!.evidence.matches.map(
      (match: { uid: string }) => match.uid,
    );
    expect(uids).toContain('SDN-991001');

    // Reviewers and admins only; the body is checked field by field; the hit must be one of the finding's.
    expect(
      (await mark(applied.caseId, 'sanc_sdn_name', { disposition: 'false_positive', reason: 'x' }, recruiter)).status,
    ).toBe(403);
    const invalid = await mark(applied.caseId, 'sanc_sdn_name', { disposition: 'maybe', reason: ' ', extra: 1 });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.fields.map((field: { path: string }) => field.path).sort()).toEqual([
      'disposition',
      'extra',
      'reason',
    ]);
    const wrongHit = await mark(applied.caseId, 'sanc_sdn_name', {
      disposition: 'false_positive',
      reason: 'x',
      subject: 'SDN-1',
    });
    expect(wrongHit.status).toBe(400);
    expect(wrongHit.body.error.fields).toEqual([
      { path: 'subject', message: expect.stringContaining("is not one of this finding's hits") },
    ]);
    expect(
      (await mark(applied.caseId, 'no_such_indicator', { disposition: 'false_positive', reason: 'x' })).status,
    ).toBe(404);
    expect((await mark(applied.caseId, 'id_doc_forgery', { disposition: 'false_positive', reason: 'x' })).status).toBe(
      404,
    );
    expect(
      (
        await mark('00000000-0000-4000-8000-000000000000', 'sanc_sdn_name', {
          disposition: 'false_positive',
          reason: 'x',
        })
      ).status,
    ).toBe(404);

    // Four eyes: the false positive waits for a second reviewer; the score does not move before.
    const held = await mark(applied.caseId, 'sanc_sdn_name', {
      disposition: 'false_positive',
      reason: 'Date of birth and nationality differ from the entry',
    });
    expect(held.status).toBe(202);
    expect(await caseOf(applied.caseId)).toMatchObject({ band: 'critical', awaitingSecondReview: true });
    const approved = await server.request(
      'POST',
      `/api/v1/cases/${applied.caseId}/approvals/${held.body.approval.id}/approve`,
      { key: secondReviewer, body: {} },
    );
    expect(approved.status).toBe(200);
    const marked = { body: approved.body.applied.outcome };
    expect(marked.body).toMatchObject({
      disposition: 'false_positive',
      subjects: uids,
      before: { band: 'critical' },
      after: { band: 'low', score: 0 },
    });

    const detail = await caseOf(applied.caseId);
    expect(detail).toMatchObject({ band: 'low', score: 0 });
    expect(detail.screenings[0]).toMatchObject({ requestedBy: 'system:disposition' });
    const fp = findingOf(detail.screenings[0].findings, 'sanc_sdn_name')!;
    expect(fp.points).toBe(0);
    expect(fp.evidence.review).toMatchObject({
      originalPoints: 100,
      outcome: 'false_positive',
      marks: [{ subject: 'SDN-991001', note: expect.stringContaining('marked false positive by apikey:') }],
    });
    expect(detail.events.slice(-2)).toMatchObject([
      {
        action: 'case.finding_marked',
        actor: expect.stringMatching(/^apikey:/),
        data: {
          indicator: 'sanc_sdn_name',
          disposition: 'false_positive',
          subjects: uids,
          approvedBy: expect.stringMatching(/^apikey:/),
        },
      },
      {
        action: 'case.rescored',
        data: { reason: 'disposition', before: { band: 'critical' }, after: { band: 'low' } },
      },
    ]);

    // Rescoring under the rules (the rescore command) honours it too: nothing to change.
    const scorer = createScorer(undefined, () => server.services.sanctions.current());
    const rescorer = new RuleRescorer(
      new RescoreCandidateStore(server.services.pool),
      new RescoringStore(server.services.pool, scorer.ruleSet),
      scorer,
      server.services.links,
    );
    expect(await rescorer.preview(applied.caseId)).toMatchObject({
      after: { band: 'low', score: 0 },
      isChanged: false,
    });

    // A new list version with the same entry: the hit is still there, still judged; the case does not move.
    const same = await activate([
      ...builtInSanctionsEntries,
      listed('SDN-991001', 991001, 'RYANG, Chol Min'),
      listed('SDN-991009', 991009, 'PAK, Un Hee'),
    ]);
    await rescreen(same);
    expect((await caseOf(applied.caseId)).screenings).toHaveLength(detail.screenings.length);

    // The applicant screened again (same source and externalId): the judged hit stays at 0 points.
    const again = await screen(body);
    expect(again).toMatchObject({ caseId: applied.caseId, band: 'low', sanctionsStatus: 'cleared_by_comparison' });
    expect(findingOf(again.findings, 'sanc_sdn_name')).toMatchObject({
      points: 0,
      message: expect.stringContaining('marked false positive'),
    });

    // Another listed entry under the same name is a new hit: critical again.
    const newEntry = await activate([
      ...builtInSanctionsEntries,
      listed('SDN-991001', 991001, 'RYANG, Chol Min'),
      listed('SDN-991002', 991002, 'RYANG, Chol Min'),
    ]);
    await rescreen(newEntry);
    expect((await caseOf(applied.caseId)).band).toBe('critical');
  });
});

describe('a link marked false positive', () => {
  it('stays honoured after the linked applicant screens again, and a link to a new case counts', async () => {
    const phone = `+1 512 555 ${String(Math.floor(Math.random() * 10000)).padStart(4, '0')}`;
    const withPhone = (legalName: string) => {
      const base = named(legalName);
      return { ...base, person: { ...base.person, phone } };
    };
    // The first applicant is a recruiter's: they may read their case, never which cases it was judged against.
    const firstAnswer = await server.request('POST', '/api/v1/screenings', {
      key: recruiter,
      body: withPhone('Daniel Brooks'),
    });
    expect(firstAnswer.status).toBe(201);
    const first: Answer = firstAnswer.body;
    const secondBody = withPhone('Kyle Moreno');
    const second = await screen(secondBody);
    expect(findingOf(second.findings, 'x_shared_phone_or_email')).toBeDefined();
    await waitForLinkJobs(server.services.pool);
    const linked = await caseOf(first.caseId);
    expect(findingOf(linked.screenings[0].findings, 'x_shared_phone_or_email')!.points).toBeGreaterThan(0);

    const marked = await mark(first.caseId, 'x_shared_phone_or_email', {
      disposition: 'false_positive',
      reason: 'Shared office line, confirmed by the agency',
      subject: second.caseId,
    });
    expect(marked.status).toBe(201);
    expect(marked.body.after.score).toBeLessThan(marked.body.before.score);

    await screen(secondBody);
    await waitForLinkJobs(server.services.pool);
    const afterRescreen = await caseOf(first.caseId);
    expect(findingOf(afterRescreen.screenings[0].findings, 'x_shared_phone_or_email')!.points).toBe(0);
    expect(afterRescreen.score).toBe(marked.body.after.score);

    const recruiterView = await server.request('GET', `/api/v1/cases/${first.caseId}`, { key: recruiter });
    expect(recruiterView.status).toBe(200);
    const markedEvent = recruiterView.body.events.find(
      (event: { action: string }) => event.action === 'case.finding_marked',
    );
    expect(markedEvent.data).toEqual({
      indicator: 'x_shared_phone_or_email',
      disposition: 'false_positive',
      reason: 'Shared office line, confirmed by the agency',
      hits: 1,
    });
    expect(JSON.stringify(recruiterView.body)).not.toContain(second.caseId);

    await screen(withPhone('Owen Whitaker'));
    await waitForLinkJobs(server.services.pool);
    const thirdLinked = await caseOf(first.caseId);
    expect(findingOf(thirdLinked.screenings[0].findings, 'x_shared_phone_or_email')).toMatchObject({
      points: expect.any(Number),
      evidence: { review: { outcome: 'partly' } },
    });
    expect(findingOf(thirdLinked.screenings[0].findings, 'x_shared_phone_or_email')!.points).toBeGreaterThan(0);
  });
});

describe('a check recorded on the case page', () => {
  it('clears the finding it answers when passed, rescores at once, and the next screening of the applicant honours it', async () => {
    const body = riskyApplicant();
    const risky = await screen(body);
    const geo = findingOf(risky.findings, 'net_geo_cn_ru_la_kp')!;
    expect(geo.points).toBeGreaterThan(0);

    const { client } = await signedInUser(server, 'reviewer');
    await client.get(`/cases/${risky.caseId}`);
    const checked = await client.post(`/cases/${risky.caseId}/verifications`, {
      indicator: 'net_geo_cn_ru_la_kp',
      outcome: 'passed',
      note: 'Live video from Austin; the login was a travel week in Beijing, tickets seen.',
    });
    expect(checked.status).toBe(303);

    const detail = await caseOf(risky.caseId);
    expect(detail.score).toBe(risky.score - geo.points);
    expect(findingOf(detail.screenings[0].findings, 'net_geo_cn_ru_la_kp')!.points).toBe(0);
    expect(detail.events.slice(-2)).toMatchObject([
      {
        action: 'case.verification_recorded',
        actor: expect.stringMatching(/^user:/),
        data: { indicator: 'net_geo_cn_ru_la_kp', outcome: 'passed', disposition: 'cleared_by_check' },
      },
      { action: 'case.rescored', data: { reason: 'disposition' } },
    ]);
    const page = await client.get(`/cases/${risky.caseId}`);
    expect(page.text).toContain(`Not counted: was ${geo.points} points`);
    expect(page.text).toContain('cleared by a check by');

    const again = await screen(body);
    expect(again.score).toBe(detail.score);
    expect(findingOf(again.findings, 'net_geo_cn_ru_la_kp')).toMatchObject({
      points: 0,
      evidence: { review: { outcome: 'false_positive' } },
    });

    // The page's own form to mark a finding: a reason is required, named beside the field.
    const crypto = findingOf(again.findings, 'pay_crypto') ?? again.findings.find((finding) => finding.points > 0)!;
    const noReason = await client.post(`/cases/${risky.caseId}/findings/${crypto.indicator}/disposition`, {
      disposition: 'false_positive',
      reason: ' ',
    });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('must not be empty');
  });
});
