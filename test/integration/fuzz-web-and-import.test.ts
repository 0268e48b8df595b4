// Property-based fuzzing of the two other ways in: the recruiters' candidate form (signed in, CSRF-checked) and the CLI
// `import` of CSV and JSON lines. Hostile input is screened or refused naming the field, never a 5xx or a crash, and
// what is refused stores nothing.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { CsvReader, formatCsvRow } from '../../src/cli/csv';
import { ImportCommandError, importApplicants } from '../../src/cli/import-command';
import { wasNewCase } from '../../src/cases/case-events-store';
import { signedInUser, WebClient } from '../browser/web-client';
import { cleanApplicant, riskyApplicant } from '../support/applicants';
import {
  brokenJsonText,
  deepJsonText,
  fuzzOptions,
  hostileString,
  injectionStrings,
  jsonText,
  mutatedApplicantText,
  oddUnicode,
  sendRaw,
  urlPiece,
} from '../support/fuzz-inputs';
import { runCli } from '../support/processes';
import { rowCounts } from '../support/row-counts';
import { makeReachableTempDir } from '../support/test-database';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
let dir: string;

beforeAll(async () => {
  server = await startTestServer();
  dir = makeReachableTempDir('fuzz-import');
});
afterAll(async () => {
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const counts = () => rowCounts(server.services.db);
const same = (a: object, b: object) => JSON.stringify(a) === JSON.stringify(b);
/** The page's main content, without markup: what a failure message shows. */
const mainText = (html: string) =>
  (html.split('<main')[1] ?? html)
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .slice(0, 400);

// The form's field names (src/web/applicant-form.ts), plus near misses and hostile names.
const formFields = [
  'person.legalName',
  'person.email',
  'person.phone',
  'person.dateOfBirth',
  'person.previousEmails',
  'claimedLocation.country',
  'claimedLocation.city',
  'sessions.0.ip',
  'sessions.0.kind',
  'sessions.0.at',
  'shipping.address.line1',
  'shipping.address.country',
  'shipping.changes',
  'payment.method',
  'payment.accountHolderName',
  'payment.accountNumber',
  'interview.videoOn',
  'employment.0.employer',
  'employment.1.start',
  'externalId',
  'formNonce',
];
const formName = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...formFields) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '__proto__',
      'constructor.prototype.x',
      'sessions.999999.ip',
      'person',
      'person.legalName.x',
      '_csrf',
    ),
  },
  { weight: 1, arbitrary: hostileString },
);
const formValue = fc.oneof(
  hostileString,
  fc.constantFrom('US', 'us', 'Jane Doe', '36.110.0.1', 'crypto', 'true', 'false', '2019-13', '1e309', '-1'),
);

describe('the candidate form under fuzzing', () => {
  let client: WebClient;
  beforeAll(async () => {
    client = (await signedInUser(server, 'recruiter')).client;
    await client.get('/candidates/new');
  });

  it('screens (303) or shows the form again naming each problem (400), never a 5xx; a 400 stores nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(formName, formValue), { maxLength: 12 }),
        fc.boolean(),
        async (pairs, hasName) => {
          // No prototype: a field named "__proto__" is just a name here too.
          const fields = Object.create(null) as Record<string, string[]>;
          if (hasName) fields['person.legalName'] = ['Fuzz Candidate'];
          for (const [name, value] of pairs) (fields[name] ??= []).push(value);
          const before = await counts();
          const answer = await client.post('/candidates', fields);
          if (answer.status >= 500)
            throw new Error(`form ${JSON.stringify(fields).slice(0, 300)} answered ${answer.status}`);
          if (answer.status === 400) {
            // Each problem is listed in the summary at the top (and beside its field when the form has one).
            if (!/There (is a problem|are \d+ problems)/.test(answer.text))
              throw new Error(`a 400 naming no problem: ${mainText(answer.text)}`);
            if (!same(await counts(), before)) throw new Error('a refused form stored rows');
          } else if (answer.status === 403 && fields._csrf) {
            // A second _csrf field spoils the token: refused, and nothing stored.
            if (!same(await counts(), before)) throw new Error('a form refused for its CSRF token stored rows');
          } else if (answer.status !== 303) {
            throw new Error(`form answered ${answer.status}`);
          }
        },
      ),
      fuzzOptions(50),
    );
  });

  it('refuses raw hostile bodies and forged or missing CSRF tokens without a 5xx, storing nothing', async () => {
    const csrf = fc.oneof(
      fc.constant(null),
      fc.constant('valid'),
      fc.stringMatching(/^[A-Za-z0-9_-]{0,60}$/),
      urlPiece,
    );
    const body = fc.oneof(
      fc
        .array(fc.tuple(urlPiece, urlPiece), { maxLength: 8 })
        .map((pairs) => pairs.map(([name, value]) => `${name}=${value}`).join('&')),
      fc.constantFrom(
        'a[b][c][d][e][f][g][h]=1',
        '__proto__[x]=1',
        'constructor[prototype][x]=1',
        '%',
        '&&&==&',
        'person.legalName=%E0%A4%A',
      ),
    );
    const contentType = fc.constantFrom(
      'application/x-www-form-urlencoded',
      'application/x-www-form-urlencoded; charset=latin1',
      'application/json',
      'text/plain',
      'multipart/form-data; boundary=x',
    );
    await fc.assert(
      fc.asyncProperty(csrf, body, contentType, async (token, raw, type) => {
        const cookie = [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
        const prefix = token === null ? '' : `_csrf=${token === 'valid' ? encodeURIComponent(client.csrf) : token}&`;
        const before = await counts();
        const answer = await sendRaw(server.baseUrl, 'POST', '/candidates', `${prefix}${raw}`, {
          cookie,
          'content-type': type,
        });
        if (answer.status >= 500)
          throw new Error(`raw form ${type} ${prefix}${raw} answered ${answer.status}: ${mainText(answer.text)}`);
        if (answer.status !== 303 && !same(await counts(), before))
          throw new Error(`a refused form (${answer.status}) stored rows`);
        if (token !== 'valid' && (answer.status < 400 || answer.status >= 500))
          throw new Error(`a form without its CSRF token answered ${answer.status}`);
      }),
      fuzzOptions(50),
    );
  });
});

/** Rows a refused page form must leave alone: the screening tables and what the admin pages create. */
const pageRows = async () => ({
  ...(await counts()),
  users: await server.services.db.user.count(),
  apiKeys: await server.services.db.apiKey.count(),
  sources: await server.services.db.webhookSource.count(),
  judgements: await server.services.db.findingDisposition.count(),
  knownAddresses: await server.services.db.knownAddress.count(),
  activeKnownAddresses: await server.services.db.knownAddress.count({ where: { removedAt: null } }),
});

/** A 4xx page says what is wrong: an error summary, an error beside a field, or the error page's notice. */
function expectClearPage(answer: { status: number; text: string }, what: string): void {
  if (answer.status >= 500) throw new Error(`${what} answered ${answer.status}: ${mainText(answer.text)}`);
  if (answer.status >= 400 && !/class="(error-summary|error-text|notice)"/.test(answer.text))
    throw new Error(`${what}: a ${answer.status} page naming no problem: ${mainText(answer.text)}`);
}

describe('the other page forms under fuzzing (cases, admin, account, sign-in and out)', () => {
  let admin: WebClient;
  let caseId: string;
  let indicators: string[];
  beforeAll(async () => {
    admin = (await signedInUser(server, 'admin')).client;
    const created = await server.request('POST', '/api/v1/screenings', {
      key: await server.createKey('admin'),
      body: riskyApplicant(),
    });
    caseId = created.body.caseId;
    indicators = created.body.findings.map((finding: { indicator: string }) => finding.indicator);
    await admin.get(`/cases/${caseId}`);
  });

  // Each form's own field names and values it expects, so that many posts are accepted and the rest refused by field.
  const forms = (id: string, indicator: string, other: string) => [
    { path: `/cases/${id}/assign`, fields: { assignee: ['analyst@example.com', ''] } },
    {
      path: `/cases/${id}/status`,
      fields: {
        form: ['decide', 'status'],
        status: ['in_review', 'escalated', 'cleared', 'confirmed_fraud', 'open', 'hired'],
        reason: ['Checked with the hiring manager', ''],
      },
    },
    { path: `/cases/${id}/notes`, fields: { text: ['Called the previous employer.', ''] } },
    { path: `/cases/${id}/reveal`, fields: {} },
    {
      path: `/cases/${id}/verifications`,
      fields: {
        indicator: [indicator, 'net_geo_cn_ru_la_kp', 'nope'],
        outcome: ['passed', 'failed', 'inconclusive', 'maybe'],
        note: ['Video call from home', ''],
      },
    },
    {
      path: `/cases/${id}/findings/${indicator}/disposition`,
      fields: {
        disposition: ['false_positive', 'confirmed', 'cleared_by_check'],
        reason: ['The account is hers', ''],
        subject: [''],
      },
    },
    {
      path: '/admin/users',
      fields: { email: ['new.user@example.com', 'not-an-email', ''], role: ['recruiter', 'reviewer', 'admin', 'root'] },
    },
    { path: `/admin/users/${other}/reset`, fields: {} },
    { path: `/admin/users/${other}/disable`, fields: {} },
    { path: `/admin/users/${other}/enable`, fields: {} },
    { path: '/admin/api-keys', fields: { name: ['ci', ''], role: ['recruiter', 'admin', 'root'] } },
    { path: `/admin/api-keys/${other}/revoke`, fields: {} },
    {
      path: '/admin/webhook-sources',
      fields: {
        vendor: ['greenhouse', 'lever', 'generic', 'ashby', 'smartrecruiters', 'workday'],
        name: ['acme', ''],
        secret: ['', 'lever-token-0123456789'],
      },
    },
    { path: `/admin/webhook-sources/${other}/disable`, fields: {} },
    { path: `/admin/webhook-sources/${other}/secret`, fields: {} },
    {
      path: '/admin/known-addresses',
      fields: {
        label: ['Austin office', ''],
        kind: ['office', 'depot', 'staffing_partner', 'warehouse'],
        'address.line1': ['500 Congress Ave', ''],
        'address.city': ['Austin', ''],
        'address.country': ['US', 'Narnia'],
      },
    },
    { path: `/admin/known-addresses/${other}/remove`, fields: {} },
    {
      path: '/account/password',
      fields: {
        currentPassword: ['wrong password here'],
        newPassword: ['correct horse battery staple 2'],
        confirmPassword: ['correct horse battery staple 2', 'other'],
      },
    },
  ];
  const formCount = forms('', '', '').length;

  it('answers every signed-in form with 2xx/303 or a 4xx page naming the problem, never a 5xx; a refused form changes no row', async () => {
    const post = fc.record({
      form: fc.nat({ max: formCount - 1 }),
      isKnownCase: fc.boolean(),
      other: fc.oneof(
        fc.uuid(),
        urlPiece.filter((piece) => !['', '.', '..'].includes(piece)),
        fc.stringMatching(/^[a-z0-9]{10}$/),
      ),
      indicatorPick: fc.nat(),
      // Per field of the form: its expected value, a hostile one, or left out; plus stray fields.
      picks: fc.array(
        fc.oneof(
          { weight: 3, arbitrary: fc.nat() },
          { weight: 1, arbitrary: hostileString },
          { weight: 1, arbitrary: fc.constant(null) },
        ),
        { minLength: 3, maxLength: 3 },
      ),
      extra: fc.array(fc.tuple(formName, formValue), { maxLength: 3 }),
      csrf: fc.oneof(
        { weight: 8, arbitrary: fc.constant('valid') },
        { weight: 1, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{0,60}$/) },
      ),
    });
    const seen = new Set<number>();
    await fc.assert(
      fc.asyncProperty(post, async ({ form, isKnownCase, other, indicatorPick, picks, extra, csrf }) => {
        const id = isKnownCase ? caseId : other;
        const chosen = forms(id, indicators[indicatorPick % indicators.length]!, other)[form]!;
        const fields = Object.create(null) as Record<string, string[]>;
        Object.entries(chosen.fields).forEach(([name, values], index) => {
          const pick = picks[index % picks.length];
          if (pick === null) return;
          fields[name] = [typeof pick === 'number' ? values[pick % values.length]! : pick];
        });
        for (const [name, value] of extra) if (name !== '_csrf') (fields[name] ??= []).push(value);
        const before = await pageRows();
        const answer = await admin.post(chosen.path, fields, csrf === 'valid' ? admin.csrf : csrf);
        seen.add(answer.status);
        const what = `POST ${chosen.path} ${JSON.stringify(fields).slice(0, 300)} csrf=${csrf}`;
        expectClearPage(answer, what);
        if (answer.status >= 400 && JSON.stringify(await pageRows()) !== JSON.stringify(before))
          throw new Error(`${what}: refused with ${answer.status} but rows changed`);
        // Without its token a form is refused (403), unless its path is not even percent-encoded UTF-8 (400, the router's).
        if (
          csrf !== 'valid' &&
          answer.status !== 403 &&
          !(answer.status === 400 && /could not be read/.test(answer.text))
        )
          throw new Error(`${what}: a form without its CSRF token answered ${answer.status}`);
        if (![200, 201, 303, 400, 403, 404, 409].includes(answer.status))
          throw new Error(`${what} answered ${answer.status}`);
      }),
      fuzzOptions(80),
    );
    // Not vacuous: forms were accepted and refused, and the session survived them all.
    expect([...seen]).toEqual(expect.arrayContaining([303, 400, 403, 404]));
    expect((await admin.get('/queue')).status).toBe(200);
  });

  it("signs out only with the session's CSRF token: forged or missing tokens and hostile bodies are refused and the session stays", async () => {
    const reviewer = (await signedInUser(server, 'reviewer')).client;
    await reviewer.get('/queue');
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constant(null), fc.stringMatching(/^[A-Za-z0-9_-]{0,60}$/), urlPiece),
        fc.array(fc.tuple(formName, formValue), { maxLength: 4 }),
        async (token, extra) => {
          const fields = Object.create(null) as Record<string, string[]>;
          for (const [name, value] of extra) if (name !== '_csrf') (fields[name] ??= []).push(value);
          const answer = await reviewer.post('/logout', fields, token === reviewer.csrf ? `${token}x` : token);
          expectClearPage(answer, `logout csrf=${token}`);
          if (answer.status !== 403) throw new Error(`logout with a forged token answered ${answer.status}`);
        },
      ),
      fuzzOptions(15),
    );
    expect((await reviewer.get('/queue')).status).toBe(200);
    expect((await reviewer.post('/logout', {})).status).toBe(303);
    expect((await reviewer.get('/queue')).status).toBe(303);
  });

  // Last in this file: wrong passwords from this address start the sign-in throttle (429 is a clear answer too).
  it('answers hostile sign-ins with 400/401/403/429 pages, never a 5xx and never a session', async () => {
    const field = fc.oneof(
      hostileString,
      fc.constantFrom('admin@example.com', '', 'a@b', 'x'.repeat(300), '\u0000', 'a\u0000@example.com'),
    );
    await fc.assert(
      fc.asyncProperty(
        field,
        field,
        fc.option(urlPiece),
        fc.oneof(
          { weight: 3, arbitrary: fc.constant('valid') },
          { weight: 1, arbitrary: fc.constant(null) },
          { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{0,60}$/) },
        ),
        async (email, password, next, csrf) => {
          const client = new WebClient(server.baseUrl);
          await client.get('/login');
          const fields: Record<string, string> = { email, password };
          if (next !== null) fields.next = next;
          const answer = await client.post('/login', fields, csrf === 'valid' ? client.csrf : csrf);
          expectClearPage(answer, `login ${JSON.stringify(fields).slice(0, 200)}`);
          if (![400, 401, 403, 429].includes(answer.status) || client.cookies.has('hfrc_session'))
            throw new Error(`login ${JSON.stringify(fields).slice(0, 200)} answered ${answer.status}`);
        },
      ),
      fuzzOptions(25),
    );
  });
});

const csvColumns = [
  'externalId',
  'person.legalName',
  'person.email',
  'person.phone',
  'person.otherNames',
  'claimedLocation.country',
  'payment.method',
  'payment.accountHolderName',
  'sessions.0.ip',
  'sessions.0.at',
  'position.remote',
  'shipping.changes',
];
const cell = fc.oneof(
  { weight: 3, arbitrary: hostileString },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '',
      'US',
      'Jane Doe',
      'crypto',
      '36.110.0.1',
      'true',
      '3',
      '2026-11-20T15:04:05Z',
      '=cmd|" /C calc"!A0',
      '"',
      '""',
      '\r\n',
      ...oddUnicode,
      ...injectionStrings,
    ),
  },
);

let fileCounter = 0;
const writeFile = (extension: string, content: string) => {
  const file = path.join(dir, `fuzz-${++fileCounter}.${extension}`);
  fs.writeFileSync(file, content);
  return file;
};

/**
 * Imports the file in-process (the CLI's own function, the CLI's services): it ends with a summary or with exit code 2
 * for a file it cannot read as a whole, never anything else; every row is screened or rejected by row and field, and
 * only screened rows are stored.
 */
async function importAndCheck(file: string): Promise<void> {
  const before = await counts();
  const screeningsBefore = await server.services.db.screening.count({ where: { requestedBy: 'cli:fuzz' } });
  const errorsPath = `${file}.errors.csv`;
  const stderr: string[] = [];
  let checkpoint;
  try {
    checkpoint = await importApplicants(
      {
        service: server.services.screening,
        isNewCase: (caseId, screeningId) => wasNewCase(server.services.pool, caseId, screeningId),
      },
      { file, errorsPath, actor: 'cli:fuzz', source: 'fuzz' },
      { out: () => undefined, err: (line) => stderr.push(line) },
    );
  } catch (error) {
    if (error instanceof ImportCommandError && error.exitCode === 2) {
      if (!same(await counts(), before))
        throw new Error(`an import refused before starting (${error.message}) stored rows`, { cause: error });
      return;
    }
    throw new Error(`import of ${fs.readFileSync(file, 'utf8').slice(0, 400)} failed: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const c = checkpoint.counts;
  const screened =
    (await server.services.db.screening.count({ where: { requestedBy: 'cli:fuzz' } })) - screeningsBefore;
  if (c.read !== checkpoint.totalRows || c.screened + c.rejected !== c.read || screened !== c.screened) {
    throw new Error(
      `import counts do not add up: ${JSON.stringify(c)} of ${checkpoint.totalRows} rows, ${screened} screenings stored`,
    );
  }
  // Read with the CLI's own CSV reader: a field path quoted from a hostile key may hold commas and line breaks.
  const reader = new CsvReader();
  const records = [...reader.push(fs.readFileSync(errorsPath, 'utf8')), ...reader.end()];
  const rejectedRows = new Set(records.slice(1).map((record) => record.fields[0]));
  if (rejectedRows.size !== c.rejected)
    throw new Error(`${c.rejected} rejected rows but the error report names ${rejectedRows.size}`);
}

describe('the CLI import under fuzzing', () => {
  it('screens or rejects by row and field every line of a hostile CSV file (broken quoting, odd unicode, formulas), storing only what it screens', async () => {
    const header = fc.oneof(
      { weight: 5, arbitrary: fc.shuffledSubarray(csvColumns, { minLength: 1 }) },
      {
        weight: 1,
        arbitrary: fc.array(fc.oneof(fc.constantFrom(...csvColumns), hostileString), { minLength: 1, maxLength: 5 }),
      },
    );
    const rows = header.chain((columns) =>
      fc.tuple(
        fc.constant(columns),
        fc.array(fc.array(cell, { minLength: 0, maxLength: columns.length + 2 }), { maxLength: 6 }),
        fc.boolean(),
      ),
    );
    await fc.assert(
      fc.asyncProperty(rows, async ([columns, records, isQuoted]) => {
        // Quoted by the CSV writer, or joined raw (stray quotes, embedded newlines: broken CSV).
        const line = (fields: string[]) => (isQuoted ? formatCsvRow(fields) : `${fields.join(',')}\n`);
        await importAndCheck(writeFile('csv', [columns, ...records].map(line).join('')));
      }),
      fuzzOptions(30),
    );
  });

  it('screens or rejects by row and field every line of a hostile JSON-lines file', async () => {
    const line = fc.oneof(
      { weight: 3, arbitrary: mutatedApplicantText },
      { weight: 2, arbitrary: jsonText },
      { weight: 1, arbitrary: brokenJsonText },
      { weight: 1, arbitrary: deepJsonText.filter((text) => text.length < 20_000) },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 6 }), async (lines) => {
        await importAndCheck(writeFile('jsonl', `${lines.join('\n')}\n`));
      }),
      fuzzOptions(30),
    );
  });

  it('runs as the real CLI over a hostile file: exit 2 with the rejected rows named, the good rows screened', async () => {
    const lines = fc.sample(mutatedApplicantText, { seed: 1, numRuns: 8 });
    const file = writeFile(
      'jsonl',
      `${[JSON.stringify(cleanApplicant()), ...lines, '{"person":', '\u0000'].join('\n')}\n`,
    );
    const errors = `${file}.errors.csv`;
    const result = await runCli(['import', file, '--errors', errors], { DATABASE_URL: server.databaseUrl });
    expect(result.stderr).not.toMatch(/Error:|at .*\.ts:\d+/);
    expect(result.code).toBe(2);
    const summary = /(\d+) of (\d+) row\(s\) read, (\d+) screened .*, (\d+) rejected/.exec(result.stdout);
    expect(summary).not.toBeNull();
    const [, read, total, screened, rejected] = summary!.map(Number);
    expect(read).toBe(total);
    expect(screened! + rejected!).toBe(read);
    expect(screened).toBeGreaterThanOrEqual(1);
    expect(fs.readFileSync(errors, 'utf8')).toMatch(/^row,line,field,message\r\n(\d+,\d+,[^\r\n]+\r\n)+$/);
  });
});
