import { signedInUser } from '../browser/web-client';
import { cleanApplicant, riskyApplicant, uniqueId } from '../support/applicants';
import { startTestServer, type TestServer } from '../support/test-server';
import { topReasons } from '../../src/cases/triage';

let server: TestServer;
let key: string;

beforeAll(async () => {
  server = await startTestServer();
  key = await server.createKey('reviewer');
});
afterAll(() => server.close());

const screen = async (body: Record<string, unknown>) => {
  const answer = await server.request('POST', '/api/v1/screenings', { key, body });
  expect(answer.status).toBe(201);
  return answer.body as {
    caseId: string;
    band: string;
    findings: { indicator: string; points: number; message: string; evidence: Record<string, unknown> }[];
  };
};
const escaped = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

describe('the queue for triage', () => {
  it('says why each case was flagged in words, on the page and in the CSV', async () => {
    const source = uniqueId('reasons').slice(0, 30);
    const risky = await screen(riskyApplicant({ source, externalId: uniqueId() }));
    const expected = topReasons(risky.findings as never);
    expect(expected.length).toBe(3);
    const { client } = await signedInUser(server, 'reviewer');
    const queue = await client.get(`/queue?source=${source}&status=all`);
    expect(queue.status).toBe(200);
    expect(queue.text).toContain('<th scope="col">Why flagged</th>');
    for (const reason of expected)
      expect(queue.text).toContain(escaped(reason.length > 90 ? [...reason].slice(0, 89).join('') : reason));
    // The heaviest finding comes first.
    const heaviest = [...risky.findings].sort((a, b) => b.points - a.points)[0]!;
    expect(expected[0]).toBe(heaviest.message);

    const csv = await client.get(`/queue.csv?source=${source}&status=all`);
    const row = csv.text
      .trim()
      .split('\r\n')
      .find((line) => line.startsWith(risky.caseId))!;
    expect(row).toContain(expected.map((reason) => reason.replace(/"/g, '""')).join('; '));
  });

  it('matches Source in any letter case, and offers saved views as links', async () => {
    const source = `greenhouse${Math.floor(Math.random() * 1e9)}`;
    const risky = await screen(riskyApplicant({ source, externalId: uniqueId() }));
    const { client } = await signedInUser(server, 'reviewer');
    // Sources are stored in lower case; people type them as the vendor spells its name.
    for (const typed of [source, `G${source.slice(1)}`, source.toUpperCase()]) {
      expect((await client.get(`/queue?source=${typed}&status=all`)).text).toContain(`href="/cases/${risky.caseId}"`);
    }
    const queue = await client.get('/queue');
    for (const [label, query] of [
      ['Mine', 'assignee=me'],
      ['Unassigned critical', 'band=critical&amp;assignee=none'],
      ['Over review time', 'overdue=1&amp;sort=createdAt'],
      ['Sanctions matches', 'sanctions=hit'],
      ['Farms and linked cases', 'linked=1'],
    ]) {
      expect(queue.text).toContain(`<a href="/queue?${query}">${label}</a>`);
    }
  });

  it('the overdue, sanctions and linked views find what they say; contradicting filters are said in words', async () => {
    const source = uniqueId('views').slice(0, 30);
    const old = await screen(riskyApplicant({ source, externalId: uniqueId() }));
    const fresh = await screen(riskyApplicant({ source, externalId: uniqueId() }));
    await server.services.pool.query("UPDATE cases SET created_at = now() - interval '3 days' WHERE id = $1", [
      old.caseId,
    ]);
    const { client } = await signedInUser(server, 'reviewer');
    const overdue = await client.get(`/queue?source=${source}&overdue=1`);
    expect(overdue.text).toContain(`href="/cases/${old.caseId}"`);
    expect(overdue.text).not.toContain(`href="/cases/${fresh.caseId}"`);

    // Two applicants with one phone: linked to each other.
    const phone = `+1 512 555 ${String(Math.floor(Math.random() * 10000)).padStart(4, '0')}`;
    const base = riskyApplicant();
    const first = await screen(riskyApplicant({ source, externalId: uniqueId(), person: { ...base.person, phone } }));
    const second = await screen(
      riskyApplicant({
        source,
        externalId: uniqueId(),
        person: { ...base.person, legalName: 'Other Person', email: `${uniqueId()}@example.com`, phone },
      }),
    );
    expect(second.findings.some((finding) => finding.indicator.startsWith('x_'))).toBe(true);
    const linked = await client.get(`/queue?source=${source}&linked=1&status=all`);
    expect(linked.text).toContain(`href="/cases/${second.caseId}"`);
    expect(linked.text).not.toContain(`href="/cases/${fresh.caseId}"`);
    void first;

    const contradicting = await client.get(`/queue?source=${source}&band=low&sanctions=confirmed_match`);
    expect(contradicting.text).toContain('These filters contradict each other');
    expect(contradicting.text).toContain('A confirmed sanctions match is always in the critical band');
    const decidedOverdue = await client.get(`/queue?source=${source}&status=cleared&overdue=1`);
    expect(decidedOverdue.text).toContain('Only cases not decided yet can be over the review time');
    expect((await client.get(`/queue?source=${source}&band=critical`)).text).not.toContain('contradict');
  });

  it('cuts a 300-character unbroken name in the queue and keeps the whole of it in the title', async () => {
    const longName = `A${'b'.repeat(299)}`;
    const source = uniqueId('long').slice(0, 30);
    const body = riskyApplicant({ source, externalId: uniqueId() });
    const made = await screen(body);
    // Longer than the contract allows (200): the queue must hold whatever a stored name is.
    await server.services.pool.query('UPDATE cases SET subject_name = $2 WHERE id = $1', [made.caseId, longName]);
    const { client } = await signedInUser(server, 'reviewer');
    const queue = await client.get(`/queue?source=${source}&status=all`);
    expect(queue.text).toContain(
      `<a href="/cases/${made.caseId}"><span class="cut" title="${longName}">${longName.slice(0, 59)}…</span></a>`,
    );
    expect(queue.text).toContain('<div class="table-scroll">');
  });
});

describe('closing cases with no findings at intake', () => {
  it('closes a low-band case with no finding (audited, off the queue and its clock), reopens it when a later screening finds something, and lets a reviewer reopen it', async () => {
    const externalId = uniqueId();
    const source = uniqueId('intake').slice(0, 30);
    const clean = await screen(cleanApplicant({ source, externalId }));
    expect(clean).toMatchObject({ band: 'low', findings: [] });
    const closed = (await server.request('GET', `/api/v1/cases/${clean.caseId}`, { key })).body;
    expect(closed.status).toBe('no_findings');
    expect(closed.events.map((event: { action: string }) => event.action)).toEqual([
      'case.created',
      'case.auto_closed',
    ]);
    expect(closed.events[1]).toMatchObject({ actor: 'system:triage', data: { before: 'open', after: 'no_findings' } });

    const { client } = await signedInUser(server, 'reviewer');
    expect((await client.get(`/queue?source=${source}`)).text).not.toContain(`href="/cases/${clean.caseId}"`);
    const listed = await client.get(`/queue?source=${source}&status=no_findings`);
    expect(listed.text).toContain(`href="/cases/${clean.caseId}"`);
    expect(listed.text).toContain('Closed: no findings');
    expect(listed.text).toMatch(/\(decided\)/);

    // The same applicant again, now from a country they do not claim: something found, open again.
    const risky = await screen(riskyApplicant({ source, externalId }));
    expect(risky.caseId).toBe(clean.caseId);
    const reopened = (await server.request('GET', `/api/v1/cases/${clean.caseId}`, { key })).body;
    expect(reopened.status).toBe('open');
    expect(reopened.events.at(-1)).toMatchObject({ action: 'case.auto_reopened', actor: 'system:triage' });

    // A reviewer reopens another closed case by hand.
    const other = await screen(cleanApplicant({ source, externalId: uniqueId() }));
    const byHand = await server.request('PATCH', `/api/v1/cases/${other.caseId}`, {
      key,
      body: { status: 'in_review' },
    });
    expect(byHand.status).toBe(200);
    expect(byHand.body.status).toBe('in_review');
    // A low-band case with a finding stays open.
    const withFinding = await screen(
      cleanApplicant({
        source,
        externalId: uniqueId(),
        person: { ...cleanApplicant().person, email: `x.${uniqueId()}@mailinator.com` },
      }),
    );
    expect(withFinding.findings.length).toBeGreaterThan(0);
    expect((await server.request('GET', `/api/v1/cases/${withFinding.caseId}`, { key })).body.status).toBe('open');
  });
});
