// Pages over real HTTP and PostgreSQL: the candidate form (same use case and validation as the API), the result,
// the queue and its CSV, the case page's actions, the dashboard, admin pages and the user CLI.
import { startTestServer, type TestServer } from '../support/test-server';
import { runCli } from '../support/processes';
import { signedInUser, WebClient } from '../browser/web-client';
import { signLike } from '../../src/crypto/signatures';
import { cleanApplicant, openApplicant, riskyApplicant } from '../support/applicants';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const riskyForm = (legalName: string, extra: Record<string, string> = {}) => ({
  'person.legalName': legalName,
  'person.email': `${legalName.toLowerCase().replace(/\W+/g, '.')}@example.com`,
  'claimedLocation.country': 'us',
  'claimedLocation.city': 'Austin',
  'sessions.0.ip': '36.110.0.1',
  'sessions.0.kind': 'interview',
  'shipping.address.line1': '77 Elm Street',
  'shipping.address.city': 'Phoenix',
  'shipping.address.country': 'US',
  'payment.method': 'crypto',
  'payment.accountHolderName': 'Chen Wei',
  'interview.videoOn': 'false',
  ...extra,
});

describe('the candidate form', () => {
  it('shows each server-side error beside its field, keeps what was typed, then screens through the same use case as the API', async () => {
    const { client, user } = await signedInUser(server, 'recruiter');
    const form = await client.get('/candidates/new');
    expect(form.status).toBe(200);
    for (const legend of [
      'Person',
      'Where the candidate says they are',
      'Home address and laptop shipping',
      'Payment',
      'Identity document',
      'Work and education history',
      'Online profiles',
      'Interview',
    ]) {
      expect(form.text).toContain(`<legend>${legend}</legend>`);
    }
    expect(form.text).toContain('<label for="f-person-legalName">Legal name');

    const nonce = /name="formNonce" value="([^"]+)"/.exec(form.text)![1]!;
    const wrong = await client.post('/candidates', {
      formNonce: nonce,
      'person.email': 'not-an-email',
      'claimedLocation.country': 'Atlantis',
      'employment.1.employer': 'Acme',
      'employment.1.start': '2019-13',
      'person.previousEmails': 'ok@example.com\nbroken',
      'shipping.changes': 'twice',
    });
    expect(wrong.status).toBe(400);
    const errorOf = (name: string) =>
      new RegExp(`id="f-${name.replace(/\./g, '-')}-error"><span class="visually-hidden">Error: </span>([^<]+)<`).exec(
        wrong.text,
      )?.[1];
    expect(errorOf('person.legalName')).toBe('is required');
    expect(errorOf('person.email')).toBe('must be an e-mail address');
    expect(errorOf('claimedLocation.country')).toBe('choose a country from the list');
    // The second employment row is the contract's first item: the error still lands on row 2.
    expect(errorOf('employment.1.start')).toMatch(/date/);
    expect(errorOf('employment.1.start')).not.toMatch(/ISO/);
    expect(errorOf('person.previousEmails')).toBe('line 2 must be an e-mail address');
    expect(errorOf('shipping.changes')).toBe('must be a number, not text');
    expect(wrong.text).toContain('aria-invalid="true"');
    expect(wrong.text).toContain('<a href="#f-person-email">E-mail address: must be an e-mail address</a>');
    expect(wrong.text).toContain('value="not-an-email"');
    expect(wrong.text).toContain('>ok@example.com\nbroken</textarea>');
    expect(await server.services.db.case.count()).toBe(0);

    const sent = await client.post('/candidates', { formNonce: nonce, ...riskyForm('Jonas Weber') });
    expect(sent.status).toBe(303);
    const caseId = /^\/submissions\/([0-9a-f-]{36})\?screened=1$/.exec(sent.location!)![1]!;
    // A double click: the same form (nonce) gives the same screening, not a second case.
    expect((await client.post('/candidates', { formNonce: nonce, ...riskyForm('Jonas Weber') })).location).toBe(
      sent.location,
    );
    const stored = await server.request('GET', `/api/v1/cases/${caseId}`, { key: await server.createKey('reviewer') });
    expect(stored.body).toMatchObject({ source: 'web', subjectName: 'Jonas Weber', createdBy: `user:${user.id}` });
    expect(stored.body.screenings).toHaveLength(1);
    expect(stored.body.screenings[0].inputSnapshot).toMatchObject({
      claimedLocation: { country: 'US', city: 'Austin' },
      interview: { videoOn: false },
      sessions: [{ ip: '36.110.0.1', kind: 'interview' }],
    });

    const result = await client.get(sent.location!);
    expect(result.status).toBe(200);
    expect(result.text).toContain(`<div class="score">${stored.body.score}<`);
    expect(result.text).toContain(`band-${stored.body.band}`);
    const finding = stored.body.screenings[0].findings.find(
      (f: { indicator: string }) => f.indicator === 'net_geo_cn_ru_la_kp',
    );
    expect(finding).toBeDefined();
    // The stored message names codes ("came from CN ... in US"); the page says it in words.
    expect(finding.message).toBe('1 session(s) came from CN while the applicant claims to be in US');
    expect(result.text).toContain('1 session came from China while the applicant claims to be in the United States');
    expect(result.text).toContain('<strong>Why it matters:</strong>');
    expect(result.text).toContain('<strong>What to check next:</strong>');
    expect(result.text).toContain('<dt>Stated country</dt><dd>United States</dd>');
    expect(result.text).toContain('Next step: Stop for now');
    expect(result.text).not.toMatch(/[{[]"/);
    expect((await client.get('/submissions')).text).toContain(`href="/submissions/${caseId}"`);
  });
});

describe('the security team', () => {
  it('filters the queue, exports it as CSV, assigns, notes and decides on the case page through the case rules of the API', async () => {
    const recruiter = await signedInUser(server, 'recruiter');
    await recruiter.client.get('/candidates/new');
    const risky = await recruiter.client.post(
      '/candidates',
      riskyForm('=HYPERLINK("x") Mara Silva', { 'person.email': 'mara.silva@example.com' }),
    );
    const riskyId = /([0-9a-f-]{36})/.exec(risky.location!)![1]!;
    await recruiter.client.post('/candidates', {
      'person.legalName': 'Calm Candidate',
      'claimedLocation.country': 'US',
    });

    const { client, email } = await signedInUser(server, 'reviewer');
    const queue = await client.get('/queue?band=critical&band=high&sort=-score');
    expect(queue.status).toBe(200);
    expect(queue.text).toContain(`href="/cases/${riskyId}"`);
    expect(queue.text).not.toContain('Calm Candidate');
    expect(queue.text).toMatch(/\d+ (min|h)[^<]*<span class="muted">\(\d+ (min|h|d \d+ h) left\)/);
    const bad = await client.get('/queue?from=yesterday&sort=sideways');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('must be a date, YYYY-MM-DD');
    const reversed = await client.get('/queue?from=2026-03-01&to=2026-02-01');
    expect(reversed.status).toBe(400);
    expect(reversed.text).toContain('is before the start date (2026-03-01)');
    expect((await client.get('/queue.csv?from=2026-03-01&to=2026-02-01')).status).toBe(400);

    const csv = await client.get('/queue.csv?band=critical&band=high');
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(
      /^attachment; filename="?review-queue-\d{4}-\d{2}-\d{2}\.csv"?$/,
    );
    // The body starts with a UTF-8 byte-order mark (fetch's text() drops it, so the raw bytes are read).
    const raw = Buffer.from(
      await (
        await fetch(`${server.baseUrl}/queue.csv?band=critical`, {
          headers: { cookie: [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
        })
      ).arrayBuffer(),
    );
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(raw.subarray(3, 10).toString()).toBe('Case ID');
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'Case ID,Candidate,Source,External ID,Band,Score,Top reasons,Sanctions check,Status,Assigned to,Created (UTC),Age (hours),Over review time',
    );
    expect(csv.text).not.toContain('Calm Candidate');
    // Band, score, the top reasons in words (quoted: they hold commas), the sanctions check, the status in words.
    expect(lines.slice(1).every((line) => /,(high|critical),\d+,"?[^,"][^"]*"?,[^,]*,Open,/.test(line))).toBe(true);
    // A name that a spreadsheet would run as a formula is defused.
    expect(lines.find((line) => line.startsWith(riskyId))).toContain(`${riskyId},"'=HYPERLINK(""x"") Mara Silva",web,`);

    const page = await client.get(`/cases/${riskyId}`);
    expect(page.status).toBe(200);
    for (const heading of [
      'Work this case',
      'Applicant as submitted',
      'Score history',
      'Findings of the latest screening',
      'Linked cases',
      'Audit timeline',
    ])
      expect(page.text).toContain(heading);
    expect(page.text).toMatch(/<svg viewBox="0 0 640 220"[^>]*role="img"/);
    // Contact details and street lines are masked until revealed, and each reveal is an audit event.
    expect(page.text).not.toContain('mara.silva@example.com');
    expect(page.text).toContain('m•••@example.com');
    expect(page.text).not.toContain('77 Elm Street');
    const revealed = await client.post(`/cases/${riskyId}/reveal`, {});
    expect(revealed.status).toBe(200);
    expect(revealed.text).toContain('mara.silva@example.com');
    expect(revealed.text).toContain('77 Elm Street');
    expect((await client.get(`/cases/${riskyId}`)).text).not.toContain('mara.silva@example.com');

    expect((await client.post(`/cases/${riskyId}/assign`, { assignee: email })).location).toBe(
      `/cases/${riskyId}?done=assigned`,
    );
    expect((await client.get(`/queue?assignee=me`)).text).toContain(`href="/cases/${riskyId}"`);
    expect((await client.get(`/queue?assignee=none`)).text).not.toContain(`href="/cases/${riskyId}"`);
    expect((await client.post(`/cases/${riskyId}/status`, { status: 'in_review' })).status).toBe(303);
    const emptyNote = await client.post(`/cases/${riskyId}/notes`, { text: '   ' });
    expect(emptyNote.status).toBe(400);
    expect(emptyNote.text).toContain('must not be empty');
    expect(
      (await client.post(`/cases/${riskyId}/notes`, { text: 'Asked for a live video call with the passport.' }))
        .location,
    ).toBe(`/cases/${riskyId}?done=note#timeline`);
    // A check done for a finding, with its outcome: kept with the case and shown under the finding.
    const unsaid = await client.post(`/cases/${riskyId}/verifications`, {
      indicator: 'net_geo_cn_ru_la_kp',
      outcome: 'failed',
      note: '',
    });
    expect(unsaid.status).toBe(400);
    expect(unsaid.text).toMatch(
      /id="verify-net_geo_cn_ru_la_kp-f-note-error"><span class="visually-hidden">Error: <\/span>must not be empty</,
    );
    expect(
      (
        await client.post(`/cases/${riskyId}/verifications`, {
          indicator: 'not_a_finding',
          outcome: 'failed',
          note: 'x',
        })
      ).status,
    ).toBe(400);
    const checked = await client.post(`/cases/${riskyId}/verifications`, {
      indicator: 'net_geo_cn_ru_la_kp',
      outcome: 'failed',
      note: 'Live video: the applicant could not show the claimed home.',
    });
    expect(checked.location).toBe(`/cases/${riskyId}?done=verified#finding-net_geo_cn_ru_la_kp`);
    const withCheck = await client.get(`/cases/${riskyId}`);
    expect(withCheck.text).toMatch(
      /id="finding-net_geo_cn_ru_la_kp"[\s\S]*Checks recorded:[\s\S]*Failed<\/span> Live video: the applicant could not show the claimed home\./,
    );
    const noReason = await client.post(`/cases/${riskyId}/status`, {
      form: 'decide',
      status: 'confirmed_fraud',
      reason: ' ',
    });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('is required for a decision (cleared or confirmed_fraud)');
    expect(noReason.text).toContain('The change was not saved');
    expect((await client.post(`/cases/${riskyId}/status`, { form: 'decide', reason: 'x' })).text).toContain(
      'choose Cleared or Confirmed fraud',
    );
    expect(
      (
        await client.post(`/cases/${riskyId}/status`, {
          form: 'decide',
          status: 'confirmed_fraud',
          reason: 'Camera refused twice; connection from CN.',
        })
      ).location,
    ).toBe(`/cases/${riskyId}?done=decided`);

    const detail = (
      await server.request('GET', `/api/v1/cases/${riskyId}`, { key: await server.createKey('reviewer') })
    ).body;
    expect(detail).toMatchObject({ status: 'confirmed_fraud', assignee: email });
    const actor = detail.events.at(-1).actor;
    expect(actor).toMatch(/^user:[0-9a-f-]{36}$/);
    expect(
      detail.events.map((event: { action: string; data: Record<string, unknown> }) => [
        event.action,
        event.data.text ?? event.data.after,
      ]),
    ).toEqual([
      ['case.created', expect.anything()],
      ['case.sensitive_revealed', undefined],
      ['case.assigned', email],
      ['case.status_changed', 'in_review'],
      ['case.note_added', 'Asked for a live video call with the passport.'],
      ['case.verification_recorded', undefined],
      // A failed check confirms its finding: the case is rescored at once (src/cases/finding-dispositions.ts).
      ['case.rescored', expect.anything()],
      ['case.decided', 'confirmed_fraud'],
    ]);
    const after = await client.get(`/cases/${riskyId}?done=decided`);
    expect(after.text).toContain('The decision was recorded.');
    expect(after.text).toContain('<q>Asked for a live video call with the passport.</q>');
    expect(after.text).toContain(`${email}<br>`);

    const dashboard = await client.get('/dashboard');
    expect(dashboard.status).toBe(200);
    expect(dashboard.text).toContain('Top indicators in the last 7 days');
    expect(dashboard.text).toContain(
      '<tr data-indicator="net_geo_cn_ru_la_kp"><td>Connections from China, Russia, Laos or North Korea</td>',
    );
    expect(dashboard.text).toContain('Oldest open case');
  });

  it('adds notes through the API too (reviewers only), as case.note_added audit events', async () => {
    const key = await server.createKey('reviewer');
    const recruiterKey = await server.createKey('recruiter');
    const created = await server.request('POST', '/api/v1/screenings', {
      key: recruiterKey,
      body: { person: { legalName: 'Api Note' } },
    });
    const caseId = created.body.caseId;
    const note = await server.request('POST', `/api/v1/cases/${caseId}/notes`, {
      key,
      body: { text: '  Checked references by phone.  ' },
    });
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({
      action: 'case.note_added',
      actor: expect.stringMatching(/^apikey:/),
      data: { text: 'Checked references by phone.' },
    });
    expect(
      (
        await server.request('POST', `/api/v1/cases/${caseId}/notes`, { key, body: { text: '', colour: 'red' } })
      ).body.error.fields
        .map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['colour', 'text']);
    expect(
      (
        await server.request('POST', '/api/v1/cases/7d3f1c9e-0000-4000-8000-000000000000/notes', {
          key,
          body: { text: 'x' },
        })
      ).status,
    ).toBe(404);
    expect(
      (await server.request('POST', `/api/v1/cases/${caseId}/notes`, { key: recruiterKey, body: { text: 'x' } }))
        .status,
    ).toBe(403);
  });
});

// The case ids of a queue page, in the order shown.
const idsOf = (text: string) =>
  [...text.matchAll(/<td><a href="\/cases\/([0-9a-f-]{36})">/g)].map((match) => match[1]!);
// The table row of one case.
const rowOf = (text: string, id: string) => text.split('<tr>').find((row) => row.includes(`href="/cases/${id}"`)) ?? '';
const nextPageOf = (text: string) =>
  /<a href="(\/queue\?[^"]+)">Next page<\/a>/.exec(text)?.[1]?.replace(/&amp;/g, '&');
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const HOUR = 3_600_000;

describe('the review queue', () => {
  it('filters by status, source and a date range, sorts by age, pages with "Next page" and marks cases over the review time', async () => {
    const key = await server.createKey('reviewer');
    const source = `queue-test-${process.pid}`;
    const ids: string[] = [];
    // 27 cases of a source of their own: more than one page (25).
    // Each with one minor finding, so that none is closed at intake (no_findings) and all are open work.
    for (let index = 0; index < 27; index += 1) {
      const base = openApplicant();
      const answer = await server.request('POST', '/api/v1/screenings', {
        key,
        body: openApplicant({ source, person: { ...base.person, legalName: `Queue Person ${index}` } }),
      });
      expect(answer.status).toBe(201);
      ids.push(answer.body.caseId);
    }
    // Ages set in the database: case i is i * 3 + 1.5 hours old (half hours keep the shown whole hours stable), and the
    // first three are 40, 36 and 31 days old, the last at 23:30 UTC of its day (the "to" day counts whole).
    const now = Date.now();
    const createdAt = ids.map((_, index) => now - (index * 3 + 1.5) * HOUR);
    const startOfDay = (daysAgo: number) => Date.parse(`${dayOf(now - daysAgo * 24 * HOUR)}T00:00:00Z`);
    createdAt[0] = startOfDay(40) + 12 * HOUR;
    createdAt[1] = startOfDay(36) + 12 * HOUR;
    createdAt[2] = startOfDay(31) + 23.5 * HOUR;
    for (const [index, id] of ids.entries())
      await server.services.pool.query('UPDATE cases SET created_at = $2 WHERE id = $1', [
        id,
        new Date(createdAt[index]!),
      ]);
    expect(
      (await server.request('PATCH', `/api/v1/cases/${ids[3]}`, { key, body: { status: 'escalated' } })).status,
    ).toBe(200);
    expect(
      (
        await server.request('PATCH', `/api/v1/cases/${ids[4]}`, {
          key,
          body: { status: 'cleared', reason: 'References confirmed by phone.' },
        })
      ).status,
    ).toBe(200);
    const oldestFirst = [...ids].sort((a, b) => createdAt[ids.indexOf(a)]! - createdAt[ids.indexOf(b)]!);

    const { client } = await signedInUser(server, 'reviewer');
    // Status: one status, the default (not decided yet), and any.
    expect(idsOf((await client.get(`/queue?source=${source}&status=escalated`)).text)).toEqual([ids[3]]);
    expect(idsOf((await client.get(`/queue?source=${source}&status=cleared`)).text)).toEqual([ids[4]]);
    const openFirst = await client.get(`/queue?source=${source}&sort=createdAt`);
    expect(idsOf(openFirst.text)).toEqual(oldestFirst.filter((id) => id !== ids[4]).slice(0, 25));

    // Source: only that source's cases (the other tests' cases are "web" and "api").
    expect((await client.get('/queue?source=no-such-source&status=all')).text).toContain(
      'No case matches these filters.',
    );
    const all = await client.get(`/queue?status=all&sort=createdAt&source=${source}`);
    expect(all.text).toContain(`value="${source}"`);
    expect(idsOf(all.text).every((id) => ids.includes(id))).toBe(true);

    // Sorted by age, both ways, and the second page through "Next page" (keyset paging: nothing twice, nothing lost).
    expect(idsOf(all.text)).toEqual(oldestFirst.slice(0, 25));
    const next = nextPageOf(all.text)!;
    expect(next).toContain('cursor=');
    expect(next).toContain(`source=${source}`);
    const second = await client.get(next);
    expect(idsOf(second.text)).toEqual(oldestFirst.slice(25));
    expect(nextPageOf(second.text)).toBeUndefined();
    expect(second.text).toMatch(/<a href="\/queue\?[^"]+">First page<\/a>/);
    const newest = await client.get(`/queue?status=all&sort=-createdAt&source=${source}`);
    expect(idsOf(newest.text)).toEqual([...oldestFirst].reverse().slice(0, 25));

    // Created from / to: whole days, both ends included.
    const range = await client.get(
      `/queue?status=all&source=${source}&sort=createdAt&from=${dayOf(createdAt[0]! + 24 * HOUR)}&to=${dayOf(createdAt[2]!)}`,
    );
    expect(range.status).toBe(200);
    expect(idsOf(range.text)).toEqual([ids[1], ids[2]]);
    expect(
      idsOf(
        (await client.get(`/queue?status=all&source=${source}&from=${dayOf(createdAt[0]!)}&to=${dayOf(createdAt[0]!)}`))
          .text,
      ),
    ).toEqual([ids[0]]);

    // Age against the 48 h review time: over it (open), within it, and decided cases are never overdue.
    expect(rowOf(all.text, ids[26]!)).toContain(
      '<span class="overdue">3 d 7 h: over the 48 h review time by 31 h</span>',
    );
    expect(rowOf(all.text, ids[16]!)).toContain(
      '<span class="overdue">2 d 1 h: over the 48 h review time by 1 h</span>',
    );
    expect(rowOf(newest.text, ids[5]!)).toContain('16 h <span class="muted">(31 h left)</span>');
    expect(rowOf(newest.text, ids[15]!)).toContain('46 h <span class="muted">(1 h left)</span>');
    expect(rowOf(second.text, ids[4]!)).toContain('<span class="muted">13 h (decided)</span>');
    expect(rowOf(second.text, ids[4]!)).not.toContain('overdue');
  });
});

describe('the dashboard', () => {
  // A database of its own: the counts are exactly the cases this test makes.
  let own: TestServer;
  beforeAll(async () => {
    own = await startTestServer();
  });
  afterAll(() => own.close());

  it('counts open cases by band and status, names the oldest open case, and leaves findings older than 7 days out of the top indicators', async () => {
    const key = await own.createKey('reviewer');
    const made: { id: string; band: string; status: string; indicators: string[] }[] = [];
    const screen = async (body: Record<string, unknown>) => {
      const answer = await own.request('POST', '/api/v1/screenings', { key, body });
      expect(answer.status).toBe(201);
      // A low case with no finding at all is closed at intake: not open work.
      const isClosedAtIntake = answer.body.band === 'low' && answer.body.findings.length === 0;
      const item = {
        id: answer.body.caseId as string,
        band: answer.body.band as string,
        status: isClosedAtIntake ? 'no_findings' : 'open',
        indicators: (answer.body.findings as { indicator: string }[]).map((f) => f.indicator),
      };
      made.push(item);
      return item;
    };
    const base = () => cleanApplicant();
    // Each applicant its own wallet and address, so that no two link (a link would rescore the other's band).
    const interviewFromChina = (n: number) =>
      cleanApplicant({ sessions: [{ ip: `36.110.${n}.1`, at: '2026-11-20T15:04:05Z', kind: 'interview' }] });
    const paidInCrypto = (n: number) =>
      cleanApplicant({
        payment: {
          ...base().payment,
          method: 'crypto',
          accountHolderName: `Payee ${n}`,
          wallet: { chain: 'ETH', address: `0x${String(n).padStart(40, 'a')}` },
        },
      });
    // The laptop-farm pattern (China, crypto to a third party, laptop to another state), again each with its own identifiers.
    const laptopFarm = (n: number) =>
      riskyApplicant({
        sessions: [{ ip: `36.110.${10 + n}.1`, at: '2026-11-20T15:04:05Z', kind: 'interview' }],
        payment: {
          method: 'crypto',
          accountHolderName: `Farm Payee ${n}`,
          wallet: { chain: 'ETH', address: `0x${String(n).padStart(40, 'b')}` },
        },
        shipping: {
          address: { line1: `${70 + n} Elm Street`, city: 'Phoenix', region: 'AZ', postalCode: '85001', country: 'US' },
          recipientName: 'Jane Q. Doe',
          changes: 1,
        },
      });
    for (const body of [
      base(),
      base(),
      base(),
      interviewFromChina(1),
      interviewFromChina(2),
      paidInCrypto(1),
      paidInCrypto(2),
      paidInCrypto(3),
      laptopFarm(1),
      laptopFarm(2),
    ])
      await screen(body);
    // A case whose only screening is 8 days old: its findings are out of "the last 7 days".
    const stale = await screen(
      cleanApplicant({
        interview: { videoOn: false, cameraRefused: true, inPersonDone: false, livenessCheck: 'failed' },
      }),
    );
    await own.services.pool.query("UPDATE screenings SET created_at = now() - interval '8 days' WHERE case_id = $1", [
      stale.id,
    ]);
    expect(new Set(made.map((item) => item.band)).size).toBeGreaterThanOrEqual(3);

    // Statuses: some worked, two decided (not open any more).
    const setStatus = async (item: (typeof made)[number], status: string) => {
      expect(
        (
          await own.request('PATCH', `/api/v1/cases/${item.id}`, {
            key,
            body: {
              status,
              ...(['cleared', 'confirmed_fraud'].includes(status) ? { reason: 'Decided in a test.' } : {}),
            },
          })
        ).status,
      ).toBe(200);
      item.status = status;
    };
    await setStatus(made[1]!, 'in_review');
    await setStatus(made[3]!, 'escalated');
    await setStatus(made[5]!, 'in_review');
    await setStatus(made[2]!, 'cleared');
    await setStatus(made[6]!, 'confirmed_fraud');
    await setStatus(made[9]!, 'escalated');
    // The oldest open case is 5 days old; an older one is decided and does not count.
    await own.services.pool.query("UPDATE cases SET created_at = now() - interval '5 days 30 minutes' WHERE id = $1", [
      made[4]!.id,
    ]);
    await own.services.pool.query("UPDATE cases SET created_at = now() - interval '9 days' WHERE id = $1", [
      made[2]!.id,
    ]);
    // No screening changed another case's band (no links): the bands answered are the bands stored.
    const stored = await own.services.pool.query<{ id: string; band: string }>(
      'SELECT id::text, band::text FROM cases',
    );
    expect(Object.fromEntries(stored.rows.map((row) => [row.id, row.band]))).toEqual(
      Object.fromEntries(made.map((item) => [item.id, item.band])),
    );

    const { client } = await signedInUser(own, 'reviewer');
    const page = await client.get('/dashboard');
    expect(page.status).toBe(200);
    const open = made.filter((item) => ['open', 'in_review', 'escalated'].includes(item.status));
    expect(page.text).toContain(`<span class="stat">${open.length}</span>`);
    for (const band of ['low', 'medium', 'high', 'critical']) {
      for (const status of ['open', 'in_review', 'escalated']) {
        const shown = new RegExp(`href="/queue\\?band=${band}&(?:amp;)?status=${status}">(\\d+)</a>`).exec(
          page.text,
        )?.[1];
        expect({ band, status, count: Number(shown) }).toEqual({
          band,
          status,
          count: open.filter((item) => item.band === band && item.status === status).length,
        });
      }
      const allOpen = new RegExp(`href="/queue\\?band=${band}">(\\d+)</a>`).exec(page.text)?.[1];
      expect({ band, count: Number(allOpen) }).toEqual({
        band,
        count: open.filter((item) => item.band === band).length,
      });
    }

    const oldest = /<h2 id="oldest-title">Oldest open case<\/h2>\s*<p><a href="\/cases\/([0-9a-f-]{36})">/.exec(
      page.text,
    )?.[1];
    expect(oldest).toBe(made[4]!.id);
    expect(page.text).toContain('<p class="overdue">Open for 5 d 0 h (review time target: 48 h)</p>');

    // Top indicators: each recent indicator with the number of cases it fired on; the stale case's own ones absent.
    const top = page.text.slice(page.text.indexOf('id="top-title"'));
    const recent = made.filter((item) => item !== stale);
    const recentIndicators = new Set(recent.flatMap((item) => item.indicators));
    const onlyStale = stale.indicators.filter((indicator) => !recentIndicators.has(indicator));
    expect(onlyStale.length).toBeGreaterThan(0);
    for (const indicator of onlyStale) expect(top).not.toContain(`data-indicator="${indicator}"`);
    const shownIndicators = [
      ...top.matchAll(/<tr data-indicator="([a-z0-9_]+)"><td>[^<]+<\/td>[\s\S]*?<td class="num">(\d+)<\/td><\/tr>/g),
    ].map((match) => [match[1], Number(match[2])]);
    const expected = [...recentIndicators].map((indicator) => [
      indicator,
      recent.filter((item) => item.indicators.includes(indicator)).length,
    ]);
    // The page shows ten at most: this data stays under that, so every recent indicator must be there.
    expect(expected.length).toBeLessThanOrEqual(10);
    const byName = (rows: unknown[][]) => [...rows].sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(byName(shownIndicators)).toEqual(byName(expected));
    // Most cases first.
    expect(shownIndicators.map((row) => row[1])).toEqual(
      shownIndicators.map((row) => row[1]).sort((a, b) => Number(b) - Number(a)),
    );
  });
});

describe('admin', () => {
  it('creates users with a one-time password and API keys from the pages; the CLI creates users too', async () => {
    const admin = await signedInUser(server, 'admin');
    await admin.client.get('/admin/users');
    const created = await admin.client.post('/admin/users', { email: 'New.Reviewer@example.com', role: 'reviewer' });
    expect(created.status).toBe(201);
    const password = /<span class="secret">([^<]+)<\/span>/.exec(created.text)![1]!;
    expect((await new WebClient(server.baseUrl).signIn('new.reviewer@example.com', password)).location).toBe(
      '/account/password',
    );
    expect(
      (await admin.client.post('/admin/users', { email: 'new.reviewer@example.com', role: 'reviewer' })).text,
    ).toContain('already has an account');
    expect((await admin.client.post('/admin/users', { email: 'x@example.com', role: 'owner' })).status).toBe(400);

    await admin.client.get('/admin/api-keys');
    const key = await admin.client.post('/admin/api-keys', { name: 'ats-sync', role: 'recruiter' });
    const secret = /<span class="secret">(hfrc_[^<]+)<\/span>/.exec(key.text)![1]!;
    expect((await server.request('GET', '/api/v1/cases', { key: secret })).status).toBe(200);
    const prefix = secret.split('_')[1]!;
    expect((await admin.client.post(`/admin/api-keys/${prefix}/revoke`, { confirm: 'yes' })).location).toBe(
      '/admin/api-keys?done=revoked',
    );

    const cli = await runCli(['user', 'create', '--email', 'cli.user@example.com', '--role', 'recruiter'], {
      DATABASE_URL: server.databaseUrl,
    });
    expect(cli.code).toBe(0);
    expect(cli.stdout.trim()).toMatch(/^[A-Za-z0-9]{20}$/);
    expect((await new WebClient(server.baseUrl).signIn('cli.user@example.com', cli.stdout.trim())).location).toBe(
      '/account/password',
    );
    const again = await runCli(['user', 'create', '--email', 'cli.user@example.com', '--role', 'recruiter'], {
      DATABASE_URL: server.databaseUrl,
    });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
  });
  it('manages webhook sources: shows a generated signing secret once, never lists secrets, disables, enables and replaces it', async () => {
    const admin = await signedInUser(server, 'admin');
    const empty = await admin.client.get('/admin/webhook-sources');
    expect(empty.status).toBe(200);
    expect(empty.text).toContain('No webhook source yet.');
    // A signed Greenhouse ping: 200 when a source's secret verifies it, 401 otherwise.
    const ping = (secret: string) => {
      const body = Buffer.from(JSON.stringify({ action: 'ping', payload: {} }));
      return server.request('POST', '/webhooks/greenhouse', {
        rawBody: body.toString('utf8'),
        headers: { 'content-type': 'application/json', ...signLike('greenhouse', secret, body) },
      });
    };
    const secretOf = (text: string) => /<span class="secret">([^<]+)<\/span>/.exec(text)?.[1];

    const created = await admin.client.post('/admin/webhook-sources', {
      vendor: 'greenhouse',
      name: 'greenhouse-acme',
      secret: '',
    });
    expect(created.status).toBe(201);
    const secret = secretOf(created.text)!;
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(created.text).toContain('shown only this once');
    expect(created.text).toContain('/webhooks/greenhouse');
    expect((await ping(secret)).body).toEqual({ received: true, ping: true });
    const generic = await admin.client.post('/admin/webhook-sources', {
      vendor: 'generic',
      name: 'careers site',
      secret: '',
    });
    const genericSecret = secretOf(generic.text)!;
    expect(genericSecret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);

    // Lever issues its token: it is required, stored, and not shown back.
    const noToken = await admin.client.post('/admin/webhook-sources', {
      vendor: 'lever',
      name: 'lever-acme',
      secret: '',
    });
    expect(noToken.status).toBe(400);
    expect(noToken.text).toMatch(
      /id="f-secret-error"><span class="visually-hidden">Error: <\/span>Lever issues the signing token: paste it here</,
    );
    expect(noToken.text).toContain('value="lever-acme"');
    const leverToken = 'lever-token-from-lever-0123456789';
    const lever = await admin.client.post('/admin/webhook-sources', {
      vendor: 'lever',
      name: 'lever-acme',
      secret: leverToken,
    });
    expect(lever.status).toBe(201);
    expect(lever.text).not.toContain(leverToken);
    expect(secretOf(lever.text)).toBeUndefined();

    // Bad input: 400 with the message beside the field; nothing stored.
    const bad = await admin.client.post('/admin/webhook-sources', {
      vendor: 'workday',
      name: ' /etc/passwd',
      secret: 'short',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(
      /id="f-vendor-error"><span class="visually-hidden">Error: <\/span>must be one of greenhouse, lever, ashby, smartrecruiters, generic</,
    );
    expect(bad.text).toMatch(/id="f-name-error"><span class="visually-hidden">Error: <\/span>must be 1-80 letters/);
    expect(bad.text).toMatch(
      /id="f-secret-error"><span class="visually-hidden">Error: <\/span>must be 16-500 characters</,
    );
    const taken = await admin.client.post('/admin/webhook-sources', {
      vendor: 'ashby',
      name: 'greenhouse-acme',
      secret: '',
    });
    expect(taken.status).toBe(400);
    expect(taken.text).toMatch(/id="f-name-error"><span class="visually-hidden">Error: <\/span>is taken</);
    expect((await server.services.webhooks.sources.list()).map((source) => source.name)).toEqual([
      'greenhouse-acme',
      'careers site',
      'lever-acme',
    ]);

    // The list, after any of these answers, never shows a secret.
    const list = await admin.client.get('/admin/webhook-sources');
    for (const name of ['greenhouse-acme', 'careers site', 'lever-acme'])
      expect(list.text).toContain(`<td class="nowrap">${name}</td>`);
    for (const hidden of [secret, genericSecret, genericSecret.slice(6), leverToken])
      expect(list.text).not.toContain(hidden);
    expect(list.text).not.toContain('class="secret"');

    const id = (await server.services.webhooks.sources.list()).find((source) => source.name === 'greenhouse-acme')!.id;
    expect((await admin.client.post(`/admin/webhook-sources/${id}/disable`, { confirm: 'yes' })).location).toBe(
      '/admin/webhook-sources?done=disabled',
    );
    expect((await ping(secret)).status).toBe(401);
    expect((await admin.client.get('/admin/webhook-sources?done=disabled')).text).toMatch(
      /<td class="nowrap">greenhouse-acme<\/td><td>Greenhouse<\/td>\s*<td><span class="overdue">disabled<\/span>/,
    );
    expect((await admin.client.post(`/admin/webhook-sources/${id}/enable`, {})).location).toBe(
      '/admin/webhook-sources?done=enabled',
    );
    expect((await ping(secret)).status).toBe(200);

    // A new secret: shown once, the old one stops verifying at once.
    const renewed = await admin.client.post(`/admin/webhook-sources/${id}/secret`, { confirm: 'yes' });
    expect(renewed.status).toBe(200);
    const newSecret = secretOf(renewed.text)!;
    expect(newSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(newSecret).not.toBe(secret);
    expect((await ping(secret)).status).toBe(401);
    expect((await ping(newSecret)).status).toBe(200);
    expect((await admin.client.get('/admin/webhook-sources')).text).not.toContain(newSecret);

    // Lever's new token is pasted in its row; an empty one is refused beside that row's field.
    const leverId = (await server.services.webhooks.sources.list()).find((source) => source.name === 'lever-acme')!.id;
    const emptyToken = await admin.client.post(`/admin/webhook-sources/${leverId}/secret`, { secret: '' });
    expect(emptyToken.status).toBe(400);
    expect(emptyToken.text).toMatch(
      new RegExp(
        `id="src-${leverId}-f-secret-error"><span class="visually-hidden">Error: </span>paste the new token Lever shows<`,
      ),
    );
    const replaced = await admin.client.post(`/admin/webhook-sources/${leverId}/secret`, {
      secret: 'a-new-lever-token-0123456789',
    });
    expect(replaced.status).toBe(200);
    expect(replaced.text).toContain('The Lever token of “lever-acme” was replaced.');
    expect(replaced.text).not.toContain('a-new-lever-token-0123456789');
    expect((await server.services.webhooks.sources.usable(leverId))?.secret).toBe('a-new-lever-token-0123456789');
    expect(
      (await admin.client.post('/admin/webhook-sources/7d3f1c9e-0000-4000-8000-000000000000/disable', {})).status,
    ).toBe(404);

    // SmartRecruiters makes its secret keys through its API: like Lever's token, required, pasted, never shown back.
    const noKey = await admin.client.post('/admin/webhook-sources', {
      vendor: 'smartrecruiters',
      name: 'sr-acme',
      secret: '',
    });
    expect(noKey.status).toBe(400);
    expect(noKey.text).toMatch(
      /id="f-secret-error"><span class="visually-hidden">Error: <\/span>SmartRecruiters issues the signing secret key: paste it here</,
    );
    const srKey = 'sr-secret-key-from-smartrecruiters-01';
    const sr = await admin.client.post('/admin/webhook-sources', {
      vendor: 'smartrecruiters',
      name: 'sr-acme',
      secret: srKey,
    });
    expect(sr.status).toBe(201);
    expect(sr.text).not.toContain(srKey);
    const srId = (await server.services.webhooks.sources.list()).find((source) => source.name === 'sr-acme')!.id;
    const srList = await admin.client.get('/admin/webhook-sources');
    expect(srList.text).toMatch(/<td class="nowrap">sr-acme<\/td><td>SmartRecruiters<\/td>/);
    expect(srList.text).toContain('New SmartRecruiters secret key for sr-acme');
    expect(srList.text).toContain('<code>/smartrecruiters</code>');
    const emptyKey = await admin.client.post(`/admin/webhook-sources/${srId}/secret`, { secret: '' });
    expect(emptyKey.status).toBe(400);
    expect(emptyKey.text).toMatch(
      new RegExp(
        `id="src-${srId}-f-secret-error"><span class="visually-hidden">Error: </span>paste the new secret key SmartRecruiters shows<`,
      ),
    );
    const srReplaced = await admin.client.post(`/admin/webhook-sources/${srId}/secret`, {
      secret: 'a-new-sr-secret-key-0123456789',
    });
    expect(srReplaced.text).toContain('The SmartRecruiters secret key of “sr-acme” was replaced.');
    expect((await server.services.webhooks.sources.usable(srId))?.secret).toBe('a-new-sr-secret-key-0123456789');
  });
});
