import fs from 'node:fs';
import path from 'node:path';
import { parseCsv } from '../../src/cli/csv';
import { exportColumns } from '../../src/cli/export-command';
import { cleanApplicant, riskyApplicant } from '../support/applicants';
import { runCli } from '../support/processes';
import { makeReachableTempDir } from '../support/test-database';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
let dir: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  dir = makeReachableTempDir('cli-export');
  const key = await server.createKey('reviewer');
  const screen = async (label: string, body: Record<string, unknown>) => {
    const answer = await server.request('POST', '/api/v1/screenings', { key, body });
    expect(answer.status).toBe(201);
    ids[label] = answer.body.caseId;
  };
  await screen('clean', cleanApplicant({ externalId: 'exp-clean' }));
  await screen('risky', riskyApplicant({ externalId: 'exp-risky' }));
  // A name a spreadsheet would run as a formula.
  await screen(
    'formula',
    cleanApplicant({ externalId: 'exp-formula', person: { legalName: '=HYPERLINK("http://evil.example","x")' } }),
  );
  expect(
    (
      await server.request('PATCH', `/api/v1/cases/${ids.risky}`, {
        key,
        body: { status: 'confirmed_fraud', reason: 'laptop farm confirmed' },
      })
    ).status,
  ).toBe(200);
});
afterAll(async () => {
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const env = () => ({ DATABASE_URL: server.databaseUrl });

describe('npm run cli -- export', () => {
  it('writes every case as CSV to a file: the list API fields plus the latest decision, formulas defused', async () => {
    const out = path.join(dir, 'cases.csv');
    const result = await runCli(['export', '--out', out], env());
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`3 case(s) exported to ${out}`);
    const [header, ...rows] = parseCsv(fs.readFileSync(out, 'utf8')).map((record) => record.fields);
    expect(header).toEqual(exportColumns);
    const byExternalId = Object.fromEntries(
      rows.map((row) => [row[2], Object.fromEntries(header!.map((column, index) => [column, row[index]]))]),
    );
    expect(Object.keys(byExternalId).sort()).toEqual(['exp-clean', 'exp-formula', 'exp-risky']);
    expect(byExternalId['exp-risky']).toMatchObject({
      id: ids.risky,
      status: 'confirmed_fraud',
      decision: 'confirmed_fraud',
      decidedBy: expect.stringMatching(/^apikey:/),
      band: 'critical',
      score: expect.stringMatching(/^\d+$/),
    });
    expect(byExternalId['exp-risky']!.decidedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(byExternalId['exp-clean']).toMatchObject({
      status: 'no_findings',
      decision: '',
      decidedBy: '',
      personalDataErasedAt: '',
    });
    expect(byExternalId['exp-formula']!.subjectName).toBe(`'=HYPERLINK("http://evil.example","x")`);
    // Nothing of the applicant beyond the list API's fields: no e-mail, phone, address or findings.
    expect(fs.readFileSync(out, 'utf8')).not.toMatch(/@example\.com|Main St|36\.110\.0\.1|Chen Wei/);
  });

  it('filters by band, status and creation date, and writes JSON lines to stdout', async () => {
    const result = await runCli(
      ['export', '--format', 'jsonl', '--status', 'no_findings', '--band', 'low,medium', '--since', '2000-01-01'],
      env(),
    );
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const expected = await server.services.db.case.findMany({
      where: { status: 'no_findings', band: { in: ['low', 'medium'] } },
      select: { id: true },
    });
    expect(expected.length).toBeGreaterThan(0);
    expect(lines.map((line) => line.id).sort()).toEqual(expected.map((c) => c.id).sort());
    expect(lines.map((line) => line.id)).not.toContain(ids.risky);
    expect(Object.keys(lines[0]!)).toEqual(exportColumns);
    const none = await runCli(['export', '--format', 'jsonl', '--since', '2999-01-01T00:00:00Z'], env());
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('0 case(s) exported');
  });

  it('exits 2 on bad options and leaves no file', async () => {
    const out = path.join(dir, 'never.csv');
    for (const args of [
      ['--format', 'xml'],
      ['--status', 'closed'],
      ['--since', '23/11/2026'],
    ]) {
      const result = await runCli(['export', '--out', out, ...args], env());
      expect({ args, code: result.code }).toEqual({ args, code: 2 });
    }
    expect(fs.existsSync(out)).toBe(false);
  });
});
