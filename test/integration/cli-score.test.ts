import fs from 'node:fs';
import path from 'node:path';
import { cleanApplicant, riskyApplicant, uniqueId } from '../support/applicants';
import { runCli } from '../support/processes';
import { makeReachableTempDir } from '../support/test-database';
import { startTestServer, type TestServer } from '../support/test-server';

let dir: string;
beforeAll(() => {
  dir = makeReachableTempDir('cli-score');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const target = path.join(dir, name);
  fs.writeFileSync(target, content);
  return target;
}

const lines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));

describe('npm run cli -- score FILE', () => {
  it('scores a JSON array without a database, one result per line with skipped cross-applicant checks', async () => {
    const result = await runCli(
      ['score', file('array.json', JSON.stringify([cleanApplicant(), riskyApplicant()]))],
      {},
    );
    expect(result.code).toBe(0);
    const results = lines(result.stdout);
    expect(results.map((r) => [r.record, r.band])).toEqual([
      [1, 'low'],
      [2, 'critical'],
    ]);
    expect(results[1]).toMatchObject({
      score: 90,
      ruleSetVersion: expect.any(String),
      findings: expect.any(Array),
      skipped: [expect.objectContaining({ family: 'links' }), expect.objectContaining({ family: 'sanctions' })],
    });
    expect(results[1]).not.toHaveProperty('caseId');
    expect(result.stderr).toMatch(/2 scored, 0 rejected/);
  });

  it('reads a single pretty-printed object, and JSON lines from stdin', async () => {
    const single = await runCli(['score', file('one.json', JSON.stringify(riskyApplicant(), null, 2))], {});
    expect(lines(single.stdout)).toHaveLength(1);
    const stdin = await runCli(
      ['score', '-'],
      {},
      `${JSON.stringify(cleanApplicant())}\n\n${JSON.stringify(riskyApplicant())}\n`,
    );
    expect(lines(stdin.stdout).map((r) => r.band)).toEqual(['low', 'critical']);
  });

  it('names the record, line and field of bad records, scores the rest and exits 2', async () => {
    const input = [
      JSON.stringify(cleanApplicant()),
      '{"person":',
      JSON.stringify({ person: { legalName: 'X Y', phone: '12' }, colour: 'red' }),
      JSON.stringify(riskyApplicant()),
    ].join('\n');
    const result = await runCli(['score', file('mixed.jsonl', input)], {});
    expect(result.code).toBe(2);
    expect(lines(result.stdout).map((r) => r.record)).toEqual([1, 4]);
    expect(result.stderr).toMatch(/record 2 \(line 2\): not valid JSON/);
    expect(result.stderr).toMatch(/record 3 \(line 3\): person\.phone: /);
    expect(result.stderr).toMatch(/record 3 \(line 3\): colour: is not a field/);
    expect(result.stderr).toMatch(/2 scored, 2 rejected/);
  });

  it('exits 2 with a clear message for a file that does not exist', async () => {
    const result = await runCli(['score', path.join(dir, 'missing.json')], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Cannot read .*missing\.json/);
  });

  describe('--save', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer();
    });
    afterAll(() => server.close());

    it('stores each screening through the same use case as the API', async () => {
      const externalId = uniqueId('cli');
      const result = await runCli(
        ['score', '--save', file('save.json', JSON.stringify(riskyApplicant({ externalId, source: 'cli-import' })))],
        { DATABASE_URL: server.databaseUrl },
      );
      expect(result.code).toBe(0);
      const [saved] = lines(result.stdout);
      expect(saved).toMatchObject({ caseId: expect.any(String), screeningId: expect.any(String), band: 'critical' });
      const stored = await server.services.db.case.findUniqueOrThrow({
        where: { id: saved.caseId },
        include: { events: true },
      });
      expect(stored).toMatchObject({ externalId, source: 'cli-import', band: 'critical' });
      expect(stored.events[0]!.actor).toMatch(/^cli:/);
    });
  });
});

describe('rescreening after hire', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('moves the band of the same case when post-hire evidence arrives, keeping the earlier screening', async () => {
    const key = await server.createKey('reviewer');
    const externalId = uniqueId('hire');
    const atOffer = await server.request('POST', '/api/v1/screenings', { key, body: cleanApplicant({ externalId }) });
    expect(atOffer.body.band).toBe('low');
    const afterHire = await server.request('POST', '/api/v1/screenings', {
      key,
      body: cleanApplicant({
        externalId,
        sessions: [
          { ip: '24.24.24.24', kind: 'work', at: '2026-11-20T03:00:00Z', managedDevice: false, vpnProvider: 'Astrill' },
        ],
        endpoint: { remoteAccessTools: ['AnyDesk', 'TeamViewer'], ipKvmDetected: true },
      }),
    });
    expect(afterHire.body.caseId).toBe(atOffer.body.caseId);
    expect(afterHire.body.band).toMatch(/high|critical/);
    const detail = await server.request('GET', `/api/v1/cases/${atOffer.body.caseId}`, { key });
    expect(detail.body.band).toBe(afterHire.body.band);
    expect(detail.body.screenings.map((s: { band: string }) => s.band)).toEqual([afterHire.body.band, 'low']);
  });
});
