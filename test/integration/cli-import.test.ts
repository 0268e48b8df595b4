import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { formatCsvRow } from '../../src/cli/csv';
import { cleanApplicant, riskyApplicant, uniqueId } from '../support/applicants';
import { childEnv, runCli } from '../support/processes';
import { rowCounts } from '../support/row-counts';
import { makeReachableTempDir } from '../support/test-database';
import { startTestServer, type TestServer } from '../support/test-server';

let dir: string;
let server: TestServer;
beforeAll(async () => {
  dir = makeReachableTempDir('cli-import');
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function file(name: string, content: string): string {
  const target = path.join(dir, name);
  fs.writeFileSync(target, content);
  return target;
}

const env = () => ({ DATABASE_URL: server.databaseUrl });
const jsonl = (rows: unknown[]) => `${rows.map((row) => JSON.stringify(row)).join('\n')}\n`;

// Screenings of the applicant (the system's link rescorings of earlier cases are not imports).
async function casesWithSource(
  source: string,
): Promise<{ id: string; externalId: string | null; band: string; screenings: number }[]> {
  const rows = await server.services.db.case.findMany({
    where: { source },
    include: { _count: { select: { screenings: { where: { requestedBy: { not: { startsWith: 'system:' } } } } } } },
    orderBy: { externalId: 'asc' },
  });
  return rows.map((row) => ({
    id: row.id,
    externalId: row.externalId,
    band: row.band,
    screenings: row._count.screenings,
  }));
}

describe('npm run cli -- import FILE (CSV)', () => {
  const header = [
    'externalId',
    'person.legalName',
    'person.email',
    'person.otherNames',
    'claimedLocation.country',
    'payment.method',
    'payment.accountHolderName',
    'sessions.0.ip',
    'sessions.0.at',
    'sessions.0.kind',
    'position.remote',
  ];

  it('screens each good row like the API, names the row and field of each bad one, and exits 2 with a summary', async () => {
    const source = 'csv-import-a';
    const rows = [
      header,
      [
        'a-1',
        'Jane Doe',
        'jane.a1@example.com',
        'J. Doe;Jane D.',
        'US',
        'bank_transfer',
        'Jane Doe',
        '73.10.20.30',
        '2026-11-20T15:04:05Z',
        'application',
        'true',
      ],
      [
        'a-2',
        'Kim "KJ" Lee',
        'kj.a2@example.com',
        '',
        'US',
        'crypto',
        'Chen Wei',
        '36.110.0.1',
        '2026-11-20T15:04:05Z',
        'interview',
        'yes',
      ],
      ['a-3', 'Broken Row', 'not-an-email', '', 'US', '', '', '999.1.1.1', '', '', 'perhaps'],
      ['a-1', 'Jane Doe', 'jane.a1@example.com', '', 'US', 'bank_transfer', 'Jane Doe', '73.10.20.30', '', '', ''],
    ];
    const input = file('applicants.csv', `\uFEFF${rows.map((row) => formatCsvRow(row)).join('')}`);
    const errors = path.join(dir, 'errors.csv');
    const result = await runCli(['import', input, '--source', source, '--errors', errors], env());

    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/4 of 4 row\(s\) read, 3 screened \(2 new case\(s\), 1 rescreened\), 1 rejected/);
    expect(result.stdout).toMatch(/bands: low \d, medium \d, high \d, critical \d/);
    expect(result.stdout).toContain(`rejected rows and their fields: ${errors}`);
    expect(fs.readFileSync(errors, 'utf8').split('\r\n')).toEqual([
      'row,line,field,message',
      '3,4,position.remote,"must be true or false, not text"',
      '3,4,person.email,must be an e-mail address',
      '3,4,sessions.0.ip,must be an IPv4 or IPv6 address',
      '',
    ]);
    const cases = await casesWithSource(source);
    expect(cases.map((c) => [c.externalId, c.screenings])).toEqual([
      ['a-1', 2],
      ['a-2', 1],
    ]);
    expect(cases.find((c) => c.externalId === 'a-2')!.band).toMatch(/high|critical/);
    const stored = await server.services.db.case.findFirstOrThrow({
      where: { source, externalId: 'a-2' },
      include: { screenings: true, events: true },
    });
    expect(stored.subjectName).toBe('Kim "KJ" Lee');
    expect(stored.screenings[0]!.requestedBy).toBe('cli:import');
    expect(stored.events.map((event) => event.action)).toEqual(['case.created']);
  });

  it('refuses a header column that is not a field of the contract before storing anything (exit 2)', async () => {
    const before = await rowCounts(server.services.db);
    const input = file('bad-header.csv', 'externalId,person.legalName,person.nmae\nx-1,Jane Doe,Jane\n');
    const result = await runCli(['import', input], env());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('column 3 "person.nmae": "person" has no field "nmae" of the applicant contract');
    expect(await rowCounts(server.services.db)).toEqual(before);
  });

  it('names the line of broken CSV quoting and stores nothing (exit 2)', async () => {
    const before = await rowCounts(server.services.db);
    const input = file('bad-quotes.csv', 'externalId,person.legalName\nq-1,Jane Doe\nq-2,"Never closed\n');
    const result = await runCli(['import', input], env());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/line 3: a quoted field is not closed/);
    expect(await rowCounts(server.services.db)).toEqual(before);
  });
});

describe('npm run cli -- import FILE (JSON lines), resumable', () => {
  it('names the row, line and field of bad JSON lines and prints errors on stderr without --errors', async () => {
    const source = 'jsonl-import-b';
    const input = file(
      'b.jsonl',
      `${JSON.stringify(cleanApplicant({ source }))}\n\n{"person":\n${JSON.stringify({ source, person: { legalName: 'X Y' }, colour: 'red' })}\n`,
    );
    const result = await runCli(['import', input], env());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/row 2 \(line 3\): \(row\): is not valid JSON/);
    expect(result.stderr).toMatch(/row 3 \(line 4\): colour: is not a field of the applicant contract/);
    expect(result.stdout).toMatch(/3 of 3 row\(s\) read, 1 screened \(1 new case\(s\), 0 rescreened\), 2 rejected/);
  });

  it('exits 2 for a file that does not exist, and for bad options', async () => {
    const missing = await runCli(['import', path.join(dir, 'missing.csv')], env());
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Cannot read .*missing\.csv/);
    const format = await runCli(['import', 'x.csv', '--format', 'xml'], env());
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/Allowed choices are csv, jsonl/);
  });

  it('continues after a kill without screening any row twice, even rows committed after the last checkpoint', async () => {
    const source = 'jsonl-import-c';
    const applicants = Array.from({ length: 120 }, (_, index) =>
      (index % 5 === 0 ? riskyApplicant : cleanApplicant)({
        source,
        externalId: `c-${String(index).padStart(3, '0')}`,
      }),
    );
    const input = file('c.jsonl', jsonl(applicants));
    const checkpointPath = `${input}.checkpoint.json`;

    // A real kill, wherever it lands: SIGKILL once the checkpoint says a few rows are done.
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(__dirname, '../../src/cli/index.ts'), 'import', input],
      { cwd: path.join(__dirname, '../..'), env: childEnv(env()), stdio: 'ignore' },
    );
    const exited = new Promise((resolve) => child.on('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      const watch = () => {
        try {
          if (JSON.parse(fs.readFileSync(checkpointPath, 'utf8')).lastRow >= 3) return resolve();
        } catch {
          // not written yet, or being renamed
        }
        if (child.exitCode !== null) return reject(new Error('the import finished before it could be killed'));
        setTimeout(watch, 20);
      };
      watch();
    });
    child.kill('SIGKILL');
    await exited;
    const killedAt = JSON.parse(fs.readFileSync(checkpointPath, 'utf8'));
    expect(killedAt.completedAt).toBeNull();
    expect(killedAt.lastRow).toBeLessThan(120);

    // Without --resume, an unfinished import is not started over by accident.
    const again = await runCli(['import', input], env());
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/stopped after row \d+ of 120 .*--resume.*--restart/);

    // The worst moment to die: rows committed, checkpoint not yet written. Pretend rows after 2 were never recorded.
    fs.writeFileSync(
      checkpointPath,
      JSON.stringify({
        ...killedAt,
        lastRow: 2,
        counts: {
          ...killedAt.counts,
          read: 2,
          screened: 2,
          newCases: 2,
          rescreened: 0,
          bands: { low: 1, critical: 1 },
        },
      }),
    );
    const resumed = await runCli(['import', input, '--resume'], env());
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(
      /120 of 120 row\(s\) read, 120 screened \(120 new case\(s\), 0 rescreened\), 0 rejected/,
    );
    expect(resumed.stdout).toMatch(
      /resumed after row 2; [1-9]\d* row\(s\) committed before the interruption were recognised, not screened again/,
    );
    expect(resumed.stdout).toMatch(/bands: low 96, medium 0, high 0, critical 24/);

    const cases = await casesWithSource(source);
    expect(cases).toHaveLength(120);
    expect(cases.every((c) => c.screenings === 1)).toBe(true);
    expect(JSON.parse(fs.readFileSync(checkpointPath, 'utf8')).completedAt).not.toBeNull();
    // Three CLI starts and 120 rows: more than the default 30 s on a loaded two-core machine.
  }, 120_000);

  it('refuses to resume when the file changed since its checkpoint', async () => {
    const input = file('d.jsonl', jsonl([cleanApplicant({ source: 'jsonl-import-d', externalId: uniqueId() })]));
    const checkpointPath = path.join(dir, 'd-checkpoint.json');
    fs.writeFileSync(
      checkpointPath,
      JSON.stringify({
        version: 1,
        file: input,
        sha256: '0'.repeat(64),
        format: 'jsonl',
        runId: 'r',
        totalRows: 1,
        lastRow: 0,
        counts: {},
        startedAt: '',
        updatedAt: '',
        completedAt: null,
      }),
    );
    const result = await runCli(['import', input, '--resume', '--checkpoint', checkpointPath], env());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/changed since the checkpoint was written/);
    expect(await casesWithSource('jsonl-import-d')).toHaveLength(0);
  });
});
