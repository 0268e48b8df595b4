import pg from 'pg';
import { erasePersonalData } from '../../src/cases/erasure-store';
import { cleanApplicant, riskyApplicant, uniqueId } from '../support/applicants';
import { runCli } from '../support/processes';
import { rowCounts } from '../support/row-counts';
import { startTestServer, type TestServer } from '../support/test-server';
import { testPool } from '../support/test-pool';

let server: TestServer;
let pool: pg.Pool;
let key: string;

// Every table that may hold an applicant's data, read whole as text (row-to-text covers every column).
const TABLES = [
  'cases',
  'screenings',
  'identifiers',
  'shared_identifiers',
  'idempotent_requests',
  'case_events',
  'webhook_deliveries',
];

async function rowsMentioning(text: string): Promise<Record<string, number>> {
  const found: Record<string, number> = {};
  for (const table of TABLES) {
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${table} t WHERE t::text ILIKE '%' || $1 || '%'`,
      [text],
    );
    if (rows[0]!.n > 0) found[table] = rows[0]!.n;
  }
  return found;
}

async function screen(body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<string> {
  const answer = await server.request('POST', '/api/v1/screenings', { key, body, headers });
  expect(answer.status).toBe(201);
  return answer.body.caseId;
}

async function decide(caseId: string, status: string, daysAgo: number): Promise<void> {
  expect(
    (
      await server.request('PATCH', `/api/v1/cases/${caseId}`, {
        key,
        body: { status, reason: 'checked with the hiring manager' },
      })
    ).status,
  ).toBe(200);
  await pool.query(`UPDATE cases SET updated_at = now() - make_interval(days => $2) WHERE id = $1`, [caseId, daysAgo]);
}

beforeAll(async () => {
  server = await startTestServer();
  pool = testPool(server.databaseUrl, 2);
  key = await server.createKey('reviewer');
});
afterAll(async () => {
  await pool.end();
  await server.close();
});

describe('npm run cli -- purge --older-than DAYS', () => {
  it('erases the personal data of old closed cases everywhere it lives, and keeps decisions, scores and the audit trail', async () => {
    const name = 'Zebulon Quartermaine';
    const email = `zebulon.${uniqueId('q')}@example.org`;
    const farm = { line1: '4410 Linkage Road', city: 'Phoenix', region: 'AZ', postalCode: '85001', country: 'US' };
    const old = await screen(
      riskyApplicant({ person: { legalName: name, email }, shipping: { address: farm, recipientName: name } }),
      { 'Idempotency-Key': uniqueId('idem') },
    );
    // Screened after it, sharing its shipping address: this other case's link findings name the applicant.
    const linked = await screen(
      riskyApplicant({
        person: { legalName: 'Other Person', email: `other.${uniqueId('o')}@example.org` },
        shipping: { address: farm, recipientName: 'Other Person' },
      }),
    );
    expect(
      JSON.stringify((await pool.query(`SELECT findings FROM screenings WHERE case_id = $1`, [linked])).rows),
    ).toContain(name);
    await decide(old, 'confirmed_fraud', 400);
    const recentlyClosed = await screen(cleanApplicant({ person: { legalName: 'Recent Closure' } }));
    await decide(recentlyClosed, 'cleared', 10);
    const oldButOpen = await screen(cleanApplicant({ person: { legalName: 'Still Open' } }));
    // A clean case is closed at intake (no findings); this one is under review, so retention leaves it alone.
    await pool.query(`UPDATE cases SET status = 'in_review', updated_at = now() - interval '400 days' WHERE id = $1`, [
      oldButOpen,
    ]);

    expect(Object.keys(await rowsMentioning(name))).toEqual(
      expect.arrayContaining(['cases', 'screenings', 'idempotent_requests']),
    );
    const before = (
      await pool.query(`SELECT score, band::text, status::text, rule_set_version FROM cases WHERE id = $1`, [old])
    ).rows[0];
    const eventsBefore = (
      await pool.query(`SELECT id, action, data FROM case_events WHERE case_id = $1 ORDER BY id`, [old])
    ).rows;

    const counts = await rowCounts(server.services.db);
    const dry = await runCli(['purge', '--older-than', '365', '--dry-run'], { DATABASE_URL: server.databaseUrl });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(
      /^1 closed case\(s\) last updated before .* \(365 days\) with personal data: confirmed_fraud 1\nDry run: nothing was erased/,
    );
    expect(await rowCounts(server.services.db)).toEqual(counts);
    expect(Object.keys(await rowsMentioning(name)).length).toBeGreaterThan(0);

    const result = await runCli(['purge', '--older-than', '365'], { DATABASE_URL: server.databaseUrl });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /Erased the personal data of 1 case\(s\): \d+ screening\(s\) emptied, [1-9]\d* link identifier\(s\) deleted, 1 stored answer\(s\) deleted/,
    );

    // Nothing of the applicant is left in any table: not the name, the e-mail (both theirs alone)...
    for (const trace of [name, 'Zebulon', email])
      expect({ trace, left: await rowsMentioning(trace) }).toEqual({ trace, left: {} });
    // ...nor, in their own case, the address, the IP or the payee (which the linked case also gave, in its own rows).
    const own = (
      await pool.query(
        `SELECT s::text AS text FROM screenings s WHERE case_id = $1 UNION ALL SELECT c::text FROM cases c WHERE id = $1`,
        [old],
      )
    ).rows
      .map((row) => row.text)
      .join('\n');
    for (const trace of ['4410 Linkage Road', '36.110.0.1', 'Chen Wei', 'Phoenix']) expect(own).not.toContain(trace);
    expect((await pool.query(`SELECT count(*)::int AS n FROM identifiers WHERE case_id = $1`, [old])).rows[0].n).toBe(
      0,
    );
    expect(
      (
        await pool.query(
          `SELECT input_snapshot FROM screenings WHERE case_id = $1 AND requested_by NOT LIKE 'system:%'`,
          [old],
        )
      ).rows,
    ).toEqual([{ input_snapshot: { personalDataErased: true } }]);

    // Kept: the decision, the score and band, every finding's indicator and points, the whole audit trail plus one event.
    expect(
      (await pool.query(`SELECT score, band::text, status::text, rule_set_version FROM cases WHERE id = $1`, [old]))
        .rows[0],
    ).toEqual(before);
    const findings = (
      await pool.query(`SELECT findings FROM screenings WHERE case_id = $1 ORDER BY created_at LIMIT 1`, [old])
    ).rows[0].findings;
    expect(findings.length).toBeGreaterThan(0);
    expect(findings[0]).toEqual(
      expect.objectContaining({
        indicator: expect.any(String),
        points: expect.any(Number),
        evidence: {},
        message: 'Details erased with the personal data',
      }),
    );
    const eventsAfter = (
      await pool.query(`SELECT id, action, data FROM case_events WHERE case_id = $1 ORDER BY id`, [old])
    ).rows;
    expect(eventsAfter.slice(0, -1)).toEqual(eventsBefore);
    expect(eventsAfter.map((event) => event.action)).toContain('case.decided');
    expect(eventsAfter.at(-1)).toMatchObject({
      action: 'case.personal_data_erased',
      data: { reason: 'retention: closed and not updated for more than 365 days' },
    });

    // The API shows the erased case; the other cases are as they were.
    const detail = await server.request('GET', `/api/v1/cases/${old}`, { key });
    expect(detail.body).toMatchObject({
      subjectName: '[erased]',
      externalId: null,
      status: 'confirmed_fraud',
      band: before.band,
      personalDataErasedAt: expect.stringMatching(/^\d{4}-/),
    });
    const untouched = (
      await pool.query(
        `SELECT count(*)::int AS n FROM cases WHERE id = ANY($1::uuid[]) AND personal_data_erased_at IS NULL AND subject_name <> '[erased]'`,
        [[linked, recentlyClosed, oldButOpen]],
      )
    ).rows[0].n;
    expect(untouched).toBe(3);

    // The audit hash chain still verifies, and a second purge finds nothing left to erase.
    expect((await runCli(['audit', 'verify'], { DATABASE_URL: server.databaseUrl })).code).toBe(0);
    const again = await runCli(['purge', '--older-than', '365'], { DATABASE_URL: server.databaseUrl });
    expect(again.stdout).toMatch(/^0 closed case\(s\)/);
  });

  it('exits 2 without --older-than or with a bad number of days', async () => {
    for (const args of [['purge'], ['purge', '--older-than', '0'], ['purge', '--older-than', 'ten']]) {
      const result = await runCli(args, { DATABASE_URL: server.databaseUrl });
      expect({ args, code: result.code }).toEqual({ args, code: 2 });
    }
  });
});

describe('erasePersonalData(db, caseId, actor, reason)', () => {
  it('is idempotent, says when there is no such case, and joins a transaction the caller rolls back', async () => {
    const caseId = await screen(cleanApplicant({ person: { legalName: 'Rolled Back' } }));

    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      expect(await erasePersonalData(client, caseId, 'test', 'inside a transaction')).toMatchObject({
        status: 'erased',
      });
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    expect((await pool.query(`SELECT subject_name FROM cases WHERE id = $1`, [caseId])).rows[0].subject_name).toBe(
      'Rolled Back',
    );

    const first = await erasePersonalData(pool, caseId, 'ats:greenhouse', 'candidate_anonymized');
    expect(first).toMatchObject({ status: 'erased', erasedAt: expect.any(String), counts: { screenings: 1 } });
    const events = await rowCounts(server.services.db);
    expect(await erasePersonalData(pool, caseId, 'ats:greenhouse', 'candidate_anonymized')).toEqual({
      status: 'already_erased',
      erasedAt: (first as { erasedAt: string }).erasedAt,
    });
    expect(await rowCounts(server.services.db)).toEqual(events);
    expect(await erasePersonalData(pool, '00000000-0000-4000-8000-000000000000', 'x', 'y')).toEqual({
      status: 'not_found',
    });
    expect(await erasePersonalData(pool, 'not-a-uuid', 'x', 'y')).toEqual({ status: 'not_found' });
  });
});
