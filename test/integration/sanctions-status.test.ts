// The sanctions status beside the band (issue 21), over real HTTP and PostgreSQL with the built-in list: a name alone is
// a potential match that moves no band; the missing date of birth, sent again under the same externalId, confirms or
// clears it on its own; the API filter, the queue, the case page and the CSV show it.
import { signedInUser } from '../browser/web-client';
import { cleanApplicant } from '../support/applicants';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
let reviewer: string;

beforeAll(async () => {
  server = await startTestServer();
  reviewer = await server.createKey('reviewer');
});
afterAll(() => server.close());

/** A US resident named like the listed JONG, In Chol (born 05 Jan 1979), with nothing else against them. */
function jongInChol(externalId: string, dateOfBirth?: string) {
  const applicant = cleanApplicant({ externalId });
  applicant.person = { ...applicant.person, legalName: 'Jong In Chol', otherNames: [], dateOfBirth };
  applicant.identityDocument = { ...applicant.identityDocument, nameOnDocument: 'Jong In Chol' };
  applicant.payment = { ...applicant.payment, accountHolderName: 'Jong In Chol' };
  applicant.shipping = { ...applicant.shipping, recipientName: 'Jong In Chol' };
  return applicant;
}

async function screen(body: unknown) {
  const answer = await server.request('POST', '/api/v1/screenings', { key: reviewer, body });
  expect(answer.status).toBe(201);
  return answer.body as {
    caseId: string;
    band: string;
    score: number;
    sanctionsStatus: string;
    findings: { indicator: string; points: number }[];
  };
}

describe('the sanctions status', () => {
  it('moves on its own when the missing date of birth arrives for the same externalId: potential match (low), then confirmed (critical)', async () => {
    const externalId = `sanctions-${Date.now()}`;
    const first = await screen(jongInChol(externalId));
    expect(first).toMatchObject({ band: 'low', score: 0, sanctionsStatus: 'potential_match' });
    expect(first.findings).toEqual([expect.objectContaining({ indicator: 'sanc_sdn_name_possible', points: 0 })]);

    const detail = (await server.request('GET', `/api/v1/cases/${first.caseId}`, { key: reviewer })).body;
    expect(detail).toMatchObject({
      band: 'low',
      sanctionsStatus: 'potential_match',
      screenings: [{ sanctionsStatus: 'potential_match' }],
    });

    const confirmed = await screen(jongInChol(externalId, '1979-01-05'));
    expect(confirmed).toMatchObject({ caseId: first.caseId, band: 'critical', sanctionsStatus: 'confirmed_match' });
    const after = (await server.request('GET', `/api/v1/cases/${first.caseId}`, { key: reviewer })).body;
    expect(after).toMatchObject({ band: 'critical', sanctionsStatus: 'confirmed_match' });
    expect(after.events.at(-1)).toMatchObject({
      action: 'case.rescreened',
      data: { before: { sanctionsStatus: 'potential_match' }, after: { sanctionsStatus: 'confirmed_match' } },
    });
  });

  it('clears the hit when the date of birth is years from the listed one, and the list filters by status (a wrong value is a 400 naming it)', async () => {
    const externalId = `sanctions-cleared-${Date.now()}`;
    expect(await screen(jongInChol(externalId))).toMatchObject({ sanctionsStatus: 'potential_match' });
    const cleared = await screen(jongInChol(externalId, '1995-03-03'));
    expect(cleared).toMatchObject({ band: 'low', sanctionsStatus: 'cleared_by_comparison' });
    expect(cleared.findings.map((finding) => finding.indicator)).toContain('sanc_sdn_name_cleared');

    const list = (
      await server.request('GET', '/api/v1/cases?sanctionsStatus=cleared_by_comparison,confirmed_match&limit=200', {
        key: reviewer,
      })
    ).body;
    expect(list.items.map((item: { id: string }) => item.id)).toContain(cleared.caseId);
    expect(
      list.items.every((item: { sanctionsStatus: string }) =>
        ['cleared_by_comparison', 'confirmed_match'].includes(item.sanctionsStatus),
      ),
    ).toBe(true);
    const wrong = await server.request('GET', '/api/v1/cases?sanctionsStatus=maybe', { key: reviewer });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields[0].path).toMatch(/^query\.sanctionsStatus/);
  });

  it('shows the open check on the queue (filter and column), the case page (comparison, recommended step) and the CSV', async () => {
    const potential = await screen(jongInChol(`sanctions-page-${Date.now()}`));
    const { client } = await signedInUser(server, 'reviewer');
    const queue = await client.get('/queue?sanctions=potential_match&status=all');
    expect(queue.status).toBe(200);
    expect(queue.text).toContain(`/cases/${potential.caseId}`);
    expect(queue.text).toContain('potential match: needs date of birth');
    expect(queue.text).toContain('<th scope="col">Sanctions check</th>');

    const page = await client.get(`/cases/${potential.caseId}`);
    expect(page.text).toContain('Sanctions check: potential match: needs date of birth');
    expect(page.text).toContain(
      'Collect the applicant&#39;s date of birth (and, where the law allows asking, the place of birth) before any offer',
    );
    expect(page.text).toContain('Incomplete: only the name was compared');
    // The applicant beside the listed entry: no date of birth given, the listed one shown, the result unknown.
    expect(page.text).toMatch(
      /<th scope="row">Date of birth<\/th><td><span class="muted">not given<\/span><\/td><td>05 Jan 1979<\/td><td><span class="unknown">Unknown<\/span>: no date of birth given/,
    );
    expect(page.text).toContain('North Korea sanctions (EO 13722)');

    const csv = await client.get('/queue.csv?sanctions=potential_match&status=all');
    const row = csv.text.split('\r\n').find((line) => line.startsWith(potential.caseId));
    // Band, score, the top reasons (the name-only match), then the sanctions check.
    expect(row).toMatch(/,low,0,[^\r\n]*,potential match: needs date of birth,/);
  });
});
