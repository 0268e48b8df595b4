import pg from 'pg';
import { builtInSanctionsEntries } from '../../src/sanctions/builtin-list';
import { SanctionsStore } from '../../src/sanctions/sanctions-store';
import type { SanctionsEntry } from '../../src/sanctions/types';
import { cleanApplicant } from '../support/applicants';
import { startTestServer, type TestServer } from '../support/test-server';
import { testPool } from '../support/test-pool';

let server: TestServer;
let pool: pg.Pool;
let reviewer: string;

beforeAll(async () => {
  server = await startTestServer();
  pool = testPool(server.databaseUrl, 2);
  reviewer = await server.createKey('reviewer');
});
afterAll(async () => {
  await pool.end();
  await server.close();
});

// A person designated after they applied (made up: the test needs a designation that is not in any real list).
const newlyListed: SanctionsEntry = {
  ...builtInSanctionsEntries[0]!,
  uid: 'SDN-990001',
  list: 'SDN',
  entNum: 990001,
  name: 'HAN, Tae Song',
  type: 'individual',
  programs: ['DPRK3'],
  aliases: [],
  addresses: [],
  datesOfBirth: ['11 Feb 1985'],
  identifiers: [],
  linkedTo: [],
  remarks: null,
};

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

async function screen(legalName: string, dateOfBirth?: string) {
  const base = cleanApplicant();
  const body = cleanApplicant({
    person: { ...base.person, legalName, otherNames: [], dateOfBirth },
    identityDocument: undefined,
    payment: { ...base.payment, accountHolderName: legalName },
    shipping: undefined,
  });
  const answer = await server.request('POST', '/api/v1/screenings', { key: reviewer, body });
  expect(answer.status).toBe(201);
  return answer.body as { caseId: string; band: string; score: number; sanctionsStatus: string };
}

describe('continuous sanctions screening', () => {
  it('raises an existing case the day its applicant is designated, once per list version, and leaves decided cases alone', async () => {
    // The applicant gave the date of birth the new designation lists (the stored screening keeps its year).
    const applied = await screen('Han Tae Song', '1985-02-11');
    expect(applied).toMatchObject({ band: 'low', sanctionsStatus: 'clear' });
    const decided = await screen('Tae Song Han');
    await server.services.db.case.update({ where: { id: decided.caseId }, data: { status: 'confirmed_fraud' } });
    const bystander = await screen('Mary Jones');

    const versionId = await activate([...builtInSanctionsEntries, newlyListed]);
    const source = () => server.services.sanctions.current();
    const stats = await server.services.sanctionsRescreener.rescreenAll(versionId, source);
    expect(stats).toMatchObject({ versionId, examined: 2, changed: 1, bands: { critical: 1 } });

    const raised = (await server.request('GET', `/api/v1/cases/${applied.caseId}`, { key: reviewer })).body;
    expect(raised).toMatchObject({ band: 'critical', sanctionsStatus: 'confirmed_match' });
    expect(raised.events.at(-1)).toMatchObject({
      actor: 'system:sanctions',
      action: 'case.sanctions_rescreened',
      data: { sanctionsListVersion: versionId, matches: ['SDN-990001'], before: { band: 'low' } },
    });
    expect(raised.screenings[0].findings.map((f: { indicator: string }) => f.indicator)).toContain('sanc_sdn_name');
    expect(
      (await server.request('GET', `/api/v1/cases/${bystander.caseId}`, { key: reviewer })).body.screenings,
    ).toHaveLength(1);
    expect(
      (await server.request('GET', `/api/v1/cases/${decided.caseId}`, { key: reviewer })).body.screenings,
    ).toHaveLength(1);

    // The same version is not done twice (another instance, or a restart, finds it done).
    expect(await server.services.sanctionsRescreener.rescreenAll(versionId, source)).toBeNull();

    // A later version without the entry (a delisting) takes the finding away again, with its own audit event.
    const delisted = await activate([...builtInSanctionsEntries]);
    expect(await server.services.sanctionsRescreener.rescreenAll(delisted, source)).toMatchObject({ changed: 1 });
    const after = (await server.request('GET', `/api/v1/cases/${applied.caseId}`, { key: reviewer })).body;
    expect(after).toMatchObject({ band: 'low', sanctionsStatus: 'clear' });
  });

  it('on a new list version, a same-named applicant with nothing to compare becomes a potential match and stays low; one born years apart is cleared', async () => {
    const nameOnly = await screen('Tae Song Han');
    const bornApart = await screen('Han Tae-song', '1960-07-01');
    const versionId = await activate([
      ...builtInSanctionsEntries,
      { ...newlyListed, uid: 'SDN-990002', entNum: 990002 },
    ]);
    await server.services.sanctionsRescreener.rescreenAll(versionId, () => server.services.sanctions.current());
    const potential = (await server.request('GET', `/api/v1/cases/${nameOnly.caseId}`, { key: reviewer })).body;
    expect(potential).toMatchObject({ band: 'low', score: nameOnly.score, sanctionsStatus: 'potential_match' });
    expect(potential.screenings[0]).toMatchObject({
      sanctionsStatus: 'potential_match',
      findings: expect.arrayContaining([expect.objectContaining({ indicator: 'sanc_sdn_name_possible', points: 0 })]),
    });
    const cleared = (await server.request('GET', `/api/v1/cases/${bornApart.caseId}`, { key: reviewer })).body;
    expect(cleared).toMatchObject({ band: 'low', sanctionsStatus: 'cleared_by_comparison' });
    const filtered = (
      await server.request('GET', '/api/v1/cases?sanctionsStatus=potential_match&limit=200', { key: reviewer })
    ).body;
    expect(filtered.items.map((item: { id: string }) => item.id)).toContain(nameOnly.caseId);
    expect(
      filtered.items.every((item: { sanctionsStatus: string }) => item.sanctionsStatus === 'potential_match'),
    ).toBe(true);
  });

  it('tells /readyz which list screens', async () => {
    const ready = await server.request('GET', '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.sanctions).toMatchObject({ list: 'full', entries: expect.any(Number) });
  });
});
