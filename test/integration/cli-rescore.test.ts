import { catalogue } from '../../src/scoring/catalogue';
import { bandFor } from '../../src/scoring/score-applicant';
import { buildRuleSet, DEFAULT_RULE_SET_VERSION } from '../../src/scoring/rule-set';
import { bands, type Band, type Finding } from '../../src/scoring/types';
import { fraudScenarios } from '../scenarios/fraud-scenarios';
import { legitimateScenarios } from '../scenarios/legitimate-scenarios';
import { runCli } from '../support/processes';
import { waitForLinkJobs } from '../support/link-jobs';
import { rowCounts } from '../support/row-counts';
import { startTestServer, type TestServer } from '../support/test-server';

// Thresholds raised: scores stay, bands move (down) except where a decisive finding forces critical.
const RULES = { thresholds: { medium: 30, high: 60, critical: 90 } };
const ruleSet = buildRuleSet(
  RULES,
  catalogue.map((indicator) => indicator.id),
);
const decisive = new Set(catalogue.filter((indicator) => indicator.isDecisive).map((indicator) => indicator.id));

let server: TestServer;
let clearedCaseId: string;

beforeAll(async () => {
  server = await startTestServer({ webhookWorker: { concurrency: 1 } });
  const key = await server.createKey('reviewer');
  const scenarios = [...fraudScenarios, ...legitimateScenarios];
  for (const [index, scenario] of scenarios.entries()) {
    const answer = await server.request('POST', '/api/v1/screenings', {
      key,
      body: { ...scenario.applicant, externalId: `scenario-${index}` },
    });
    expect(answer.status).toBe(201);
  }
  // A decided case keeps the score it was decided on, unless --include-closed.
  const decided = await server.request('POST', '/api/v1/screenings', {
    key,
    body: { ...fraudScenarios[0]!.applicant, externalId: 'decided' },
  });
  clearedCaseId = decided.body.caseId;
  // A critical case is cleared with a second reviewer's approval (four eyes).
  const held = await server.request('PATCH', `/api/v1/cases/${clearedCaseId}`, {
    key,
    body: { status: 'cleared', reason: 'verified in person' },
  });
  expect(held.status).toBe(202);
  expect(
    (
      await server.request('POST', `/api/v1/cases/${clearedCaseId}/approvals/${held.body.approval.id}/approve`, {
        key: await server.createKey('reviewer'),
        body: {},
      })
    ).status,
  ).toBe(200);
  // Scenarios share values (the same farm address, wallet): their backward links are settled by the queued jobs.
  await waitForLinkJobs(server.services.pool);
});
afterAll(() => server.close());

const env = (rules?: object) => ({
  DATABASE_URL: server.databaseUrl,
  SCORING_RULES: rules ? JSON.stringify(rules) : undefined,
});

function parseMatrix(stdout: string): Record<Band, Record<Band, number>> {
  const lines = stdout.split('\n');
  const start = lines.findIndex((line) => line.startsWith('before \\ after'));
  expect(lines[start]!.split(/\s+/).slice(3)).toEqual([...bands]);
  return Object.fromEntries(
    bands.map((from, index) => {
      const cells = lines[start + 1 + index]!.trim().split(/\s+/);
      expect(cells[0]).toBe(from);
      return [from, Object.fromEntries(bands.map((to, column) => [to, Number(cells[column + 1])]))];
    }),
  ) as Record<Band, Record<Band, number>>;
}

async function openCases(): Promise<{ id: string; score: number; band: Band; findings: Finding[] }[]> {
  const rows = await server.services.db.case.findMany({
    where: { status: 'open' },
    include: { screenings: { orderBy: { createdAt: 'desc' }, take: 1 } },
  });
  return rows.map((row) => ({
    id: row.id,
    score: row.score,
    band: row.band as Band,
    findings: row.screenings[0]!.findings as unknown as Finding[],
  }));
}

async function expectedMatrix(): Promise<Record<Band, Record<Band, number>>> {
  const matrix = Object.fromEntries(
    bands.map((from) => [from, Object.fromEntries(bands.map((to) => [to, 0]))]),
  ) as Record<Band, Record<Band, number>>;
  for (const c of await openCases()) {
    const after = c.findings.some((finding) => decisive.has(finding.indicator))
      ? 'critical'
      : bandFor(c.score, ruleSet);
    matrix[c.band][after] += 1;
  }
  return matrix;
}

describe('npm run cli -- rescore', () => {
  it('under unchanged rules, scores every case from its snapshot exactly as it was scored (nothing would change)', async () => {
    const before = await rowCounts(server.services.db);
    const result = await runCli(['rescore', '--dry-run'], env());
    expect(result.code).toBe(0);
    const matrix = parseMatrix(result.stdout);
    const open = await openCases();
    for (const from of bands) {
      for (const to of bands)
        expect(matrix[from][to]).toBe(from === to ? open.filter((c) => c.band === from).length : 0);
    }
    expect(result.stdout).toMatch(/Dry run: 0 case\(s\) would change score or band/);
    expect(await rowCounts(server.services.db)).toEqual(before);
  });

  it('--dry-run after a SCORING_RULES change prints how bands would move and writes nothing', async () => {
    const before = await rowCounts(server.services.db);
    const result = await runCli(['rescore', '--dry-run'], env(RULES));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Rule set ${ruleSet.version}: ${(await openCases()).length} case(s) examined`);
    const matrix = parseMatrix(result.stdout);
    expect(matrix).toEqual(await expectedMatrix());
    const moved = bands.reduce(
      (sum, from) => sum + bands.filter((to) => to !== from).reduce((n, to) => n + matrix[from][to], 0),
      0,
    );
    expect(moved).toBeGreaterThan(0);
    expect(result.stdout).toMatch(
      new RegExp(
        `Dry run: ${moved} case\\(s\\) would change score or band \\(${moved} of them band\\); nothing was written`,
      ),
    );
    expect(await rowCounts(server.services.db)).toEqual(before);
  });

  it('writes a new screening and an audit event for each case whose band moves, and leaves decided cases alone', async () => {
    const expected = await expectedMatrix();
    const open = await openCases();
    const cleared = await server.services.db.case.findUniqueOrThrow({ where: { id: clearedCaseId } });
    const result = await runCli(['rescore'], env(RULES));
    expect(result.code).toBe(0);
    expect(parseMatrix(result.stdout)).toEqual(expected);

    for (const c of open) {
      const after = c.findings.some((finding) => decisive.has(finding.indicator))
        ? 'critical'
        : bandFor(c.score, ruleSet);
      const stored = await server.services.db.case.findUniqueOrThrow({
        where: { id: c.id },
        include: { screenings: { orderBy: { createdAt: 'desc' } }, events: { orderBy: { id: 'desc' } } },
      });
      expect(stored.band).toBe(after);
      expect(stored.score).toBe(c.score);
      if (after === c.band) {
        expect(stored.screenings[0]!.requestedBy).not.toBe('system:rescore');
        continue;
      }
      expect(stored.ruleSetVersion).toBe(ruleSet.version);
      expect(stored.screenings[0]).toMatchObject({
        requestedBy: 'system:rescore',
        band: after,
        ruleSetVersion: ruleSet.version,
      });
      const lastSeen = stored.screenings.find((screening) => !screening.requestedBy.startsWith('system:'))!;
      expect(stored.screenings[0]!.inputSnapshot).toMatchObject({ reason: 'rule set', rescoredFrom: lastSeen.id });
      expect(stored.events[0]).toMatchObject({ action: 'case.rescored', actor: 'system:rescore' });
      expect(stored.events[0]!.data).toMatchObject({
        before: { band: c.band, score: c.score },
        after: { band: after, score: c.score },
        previousRuleSetVersion: DEFAULT_RULE_SET_VERSION,
        ruleSetVersion: ruleSet.version,
      });
    }
    expect(await server.services.db.case.findUniqueOrThrow({ where: { id: clearedCaseId } })).toEqual(cleared);

    const again = await runCli(['rescore', '--dry-run'], env(RULES));
    expect(again.stdout).toMatch(/Dry run: 0 case\(s\) would change score or band/);
  });

  it('--band and --since narrow the cases; bad values exit 2', async () => {
    const future = await runCli(['rescore', '--dry-run', '--since', '2999-01-01'], env(RULES));
    expect(future.code).toBe(0);
    expect(future.stdout).toMatch(/: 0 case\(s\) examined/);
    const critical = await runCli(['rescore', '--dry-run', '--band', 'critical'], env(RULES));
    const criticalCount = (await openCases()).filter((c) => c.band === 'critical').length;
    expect(critical.stdout).toMatch(new RegExp(`: ${criticalCount} case\\(s\\) examined`));

    const badBand = await runCli(['rescore', '--band', 'purple'], env());
    expect(badBand.code).toBe(2);
    expect(badBand.stderr).toMatch(/must be one or more of low, medium, high, critical/);
    const badDate = await runCli(['rescore', '--since', 'yesterday'], env());
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toMatch(/must be a date/);
  });
});
