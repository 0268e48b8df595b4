// Reads every row the API stored and finds no date of birth, account number, IBAN or document number in plaintext.
import pg from 'pg';
import { cleanApplicant } from '../support/applicants';
import { waitForLinkJobs } from '../support/link-jobs';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
let client: pg.Client;

beforeAll(async () => {
  server = await startTestServer({ webhookWorker: { concurrency: 1 } });
  client = new pg.Client({ connectionString: server.databaseUrl });
  await client.connect();
});
afterAll(async () => {
  await client.end();
  await server.close();
});

const DATE_OF_BIRTH = '1991-08-27';
const ACCOUNT = '4400 7712 9934 5581';
const IBAN = 'DE89 3704 0044 0532 0130 00';

/** Each plaintext as it could be written, and as hex (how a bytea column prints). */
function spellings(): string[] {
  const plain = [
    DATE_OF_BIRTH,
    '27/08/1991',
    '08/27/1991',
    '19910827',
    ACCOUNT,
    ACCOUNT.replace(/ /g, ''),
    ACCOUNT.replace(/ /g, '').slice(0, 12),
    IBAN,
    IBAN.replace(/ /g, ''),
    IBAN.replace(/ /g, '').slice(0, 18),
  ];
  return [...plain, ...plain.map((text) => Buffer.from(text).toString('hex'))];
}

/** Every row of every table of the schema (and the job queue's), as JSON text. */
async function everyRow(): Promise<{ table: string; text: string }[]> {
  const { rows: tables } = await client.query<{ schema: string; name: string }>(
    `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
     WHERE table_schema IN ('public', 'graphile_worker') AND table_type = 'BASE TABLE' ORDER BY 1, 2`,
  );
  const found = [];
  for (const { schema, name } of tables) {
    const { rows } = await client.query<{ row: string }>(
      `SELECT row_to_json(t)::text AS row FROM "${schema}"."${name}" t`,
    );
    for (const { row } of rows) found.push({ table: `${schema}.${name}`, text: row.toLowerCase() });
  }
  return found;
}

describe('personal data at rest', () => {
  it('keeps no date of birth, account number or IBAN in any stored row, even through sanctions findings, links, re-screenings and stored answers', async () => {
    const key = await server.createKey('reviewer');
    const base = cleanApplicant();
    // A listed name with another date of birth: the sanctions finding compares the dates.
    const applicant = {
      ...base,
      person: { ...base.person, legalName: 'Jong In Chol', otherNames: [], dateOfBirth: DATE_OF_BIRTH },
      payment: { ...base.payment, accountNumber: ACCOUNT, iban: IBAN },
    };
    const first = await server.request('POST', '/api/v1/screenings', {
      key,
      body: applicant,
      headers: { 'idempotency-key': 'pd-1' },
    });
    expect(first.status).toBe(201);
    expect(first.body.findings.map((finding: { indicator: string }) => finding.indicator)).toContain(
      'sanc_sdn_name_cleared',
    );
    const again = await server.request('POST', '/api/v1/screenings', {
      key,
      body: { ...applicant, requestedRate: { amount: 140, currency: 'USD', per: 'hour' } },
    });
    expect(again.status).toBe(201);
    // Another applicant paid into the same account: linked through the account's keyed hash.
    const other = cleanApplicant();
    const linked = await server.request('POST', '/api/v1/screenings', {
      key,
      body: {
        ...other,
        person: { ...other.person, dateOfBirth: DATE_OF_BIRTH },
        payment: { ...other.payment, accountNumber: ACCOUNT, iban: IBAN },
      },
    });
    expect(linked.status).toBe(201);
    expect(linked.body.findings.some((finding: { family: string }) => finding.family === 'links')).toBe(true);

    // The first case is rescored for the new link by the queued job.
    await waitForLinkJobs(server.services.pool);
    const rows = await everyRow();
    // The first screening, its re-screening, the newcomer's, and the first case rescored for the new link.
    expect(rows.filter((row) => row.table === 'public.screenings')).toHaveLength(4);
    const leaks = rows.flatMap(({ table, text }) =>
      spellings()
        .filter((spelling) => text.includes(spelling.toLowerCase()))
        .map((spelling) => `${spelling} in ${table}`),
    );
    expect(leaks).toEqual([]);
    // What is kept instead: the birth year and the last four characters.
    const { rows: snapshots } = await client.query<{
      snapshot: { person: Record<string, unknown>; payment: Record<string, unknown> };
    }>(`SELECT input_snapshot AS snapshot FROM screenings WHERE case_id = $1 LIMIT 1`, [first.body.caseId]);
    expect(snapshots[0]!.snapshot.person).toMatchObject({ birthYear: 1991 });
    expect(snapshots[0]!.snapshot.person).not.toHaveProperty('dateOfBirth');
    expect(snapshots[0]!.snapshot.payment).toMatchObject({ accountNumber: '••••5581', iban: '••••3000' });
  });

  it('takes a document number only to compare it with sanctions entries at screening time, and stores none of it', async () => {
    const key = await server.createKey('reviewer');
    const applicant = cleanApplicant();
    const clean = await server.request('POST', '/api/v1/screenings', {
      key,
      body: { ...applicant, identityDocument: { ...applicant.identityDocument, number: 'X1234567' } },
    });
    expect(clean.status).toBe(201);
    // A listed person's name with another passport number of the listed kind and country: cleared by the number.
    const other = cleanApplicant();
    const listedName = await server.request('POST', '/api/v1/screenings', {
      key,
      body: {
        ...other,
        person: { ...other.person, legalName: 'Son Kyong Sik', otherNames: [], dateOfBirth: undefined },
        identityDocument: {
          type: 'passport',
          issuingCountry: 'KP',
          nameOnDocument: 'Son Kyong Sik',
          number: 'Y7654321',
        },
      },
    });
    expect(listedName.body).toMatchObject({ sanctionsStatus: 'cleared_by_comparison' });
    const rows = await everyRow();
    expect(rows.some(({ text }) => text.includes('x1234567') || text.includes('y7654321'))).toBe(false);
  });
});
