// `npm run cli -- sanctions import|status|update` as a user runs them, against a database of its own, the real
// OFAC files (read in ../shared/data/ofac), a loopback HTTP server that serves them, and an unreachable URL.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { runCli } from '../support/processes';
import {
  cloneDatabase,
  dropDatabase,
  freePort,
  makeReachableTempDir,
  uniqueDatabaseName,
} from '../support/test-database';

const ofacData = path.resolve(__dirname, '..', '..', '..', 'shared', 'data', 'ofac');
const dirs = {
  sdn2024: path.join(ofacData, 'sdn-2024-05-03_jackdwyer'),
  moov2025: path.join(ofacData, 'tfidf-2025-12-24_moov-watchman'),
  excerpt: path.join(ofacData, 'sdn-2026-04-23_excerpt_Sentinel-RAG'),
  cons: path.join(ofacData, 'cons_moov-watchman'),
};

// OFAC's download folder, served from the real files: /ofac/sdn.csv, /ofac/alt.csv, ... and /ofac/consolidated/cons_*.
const served: Record<string, string> = {
  '/ofac/sdn.csv': path.join(dirs.sdn2024, 'sdn.csv'),
  '/ofac/alt.csv': path.join(dirs.moov2025, 'alt.csv'),
  '/ofac/add.csv': path.join(dirs.moov2025, 'add.csv'),
  '/ofac/sdn_comments.csv': path.join(dirs.moov2025, 'sdn_comments.csv'),
  ...Object.fromEntries(
    ['cons_prim.csv', 'cons_alt.csv', 'cons_add.csv', 'cons_comments.csv'].map((file) => [
      `/ofac/consolidated/${file}`,
      path.join(dirs.cons, file),
    ]),
  ),
};

describe('npm run cli -- sanctions', () => {
  const name = uniqueDatabaseName('sanctions_cli');
  let env: Record<string, string>;
  let server: http.Server;
  let baseUrl: string;
  const requests: string[] = [];
  let scratch: string;

  beforeAll(async () => {
    // A copy of the run's migrated template: quick, and free of the migration's time under load.
    const url = await cloneDatabase(process.env.TEST_SERVER_URL!, process.env.TEST_TEMPLATE_DATABASE!, name);
    // The stand-in for OFAC is on loopback: allowed as an internal mirror would be.
    env = { DATABASE_URL: url, OUTBOUND_ALLOW_HOSTS: '127.0.0.1' };
    scratch = makeReachableTempDir('sanctions-cli');
    server = http.createServer((request, response) => {
      requests.push(request.url ?? '');
      const file = served[request.url ?? ''];
      if (!file) {
        response.writeHead(404).end('not found');
        return;
      }
      response.writeHead(200, { 'Content-Type': 'text/csv' });
      fs.createReadStream(file).pipe(response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ofac/`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await dropDatabase(process.env.TEST_SERVER_URL!, name);
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  const activeId = async () =>
    (await runCli(['sanctions', 'status'], env)).stdout.match(/^Active version: (\S+)$/m)?.[1] ?? null;

  it('status says that only the built-in list is there before any import', async () => {
    const result = await runCli(['sanctions', 'status'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^built-in list only \(13 entries\): import OFAC's files with `sanctions import`$/m);
  });

  it('import DIR... stores and activates one version of all directories, with counts per file, problems and the version id', async () => {
    const result = await runCli(['sanctions', 'import', dirs.sdn2024, dirs.moov2025, dirs.excerpt, dirs.cons], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^ {2}sdn-2024-05-03_jackdwyer\/sdn\.csv: 14965 rows, 14965 used, 0 rejected, 0 problems; sha256 [0-9a-f]{64} \(3909739 bytes\)$/m,
    );
    expect(result.stdout).toMatch(/^ {2}cons_moov-watchman\/cons_prim\.csv: 442 rows, 442 used/m);
    expect(result.stdout).toMatch(
      /^Problems: \d+, for example:\n {2}tfidf-2025-12-24_moov-watchman\/alt\.csv:\d+: alias row for ent_num \d+/m,
    );
    expect(result.stdout).toMatch(/^Entries: 15\d{3} \(SDN \d+, consolidated 442\)/m);
    const id = result.stdout.match(/^Version (\S+) is active \(was the built-in list\)/m)?.[1];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    const status = await runCli(['sanctions', 'status'], env);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(new RegExp(`^Active version: ${id}$`, 'm'));
    expect(status.stdout).toMatch(/^Imported at: \d{4}-\d\d-\d\dT.*Z by cli:/m);
    expect(status.stdout).toMatch(/^Entries: 15\d{3}$/m);
    expect(status.stdout).toMatch(
      /^ {2}sdn-2026-04-23_excerpt_Sentinel-RAG\/sdn_dprk_excerpt\.csv: 19 rows, 19 used, 0 rejected, 0 problems; sha256 [0-9a-f]{64}/m,
    );
  }, 60_000);

  it('refuses bad directories with exit 2 and a list that is much smaller with exit 1, leaving the active version', async () => {
    const before = await activeId();
    const missing = await runCli(['sanctions', 'import', path.join(scratch, 'missing')], env);
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringMatching(/missing: no such directory/) });
    const empty = fs.mkdtempSync(path.join(scratch, 'empty-'));
    const emptyResult = await runCli(['sanctions', 'import', empty], env);
    expect(emptyResult).toMatchObject({ code: 2, stderr: expect.stringMatching(/no OFAC CSV files/) });
    expect((await runCli(['sanctions', 'import'], env)).code).toBe(2);
    const smaller = await runCli(['sanctions', 'import', dirs.excerpt], env);
    expect(smaller).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/less than half of the active version's .*--force.*the active list is unchanged/),
    });
    expect(await activeId()).toBe(before);
  }, 60_000);

  it('update downloads the four SDN files from the given URL and imports them; identical files the next time change nothing', async () => {
    const before = await activeId();
    requests.length = 0;
    const result = await runCli(['sanctions', 'update', '--url', baseUrl], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(requests.sort()).toEqual(['/ofac/add.csv', '/ofac/alt.csv', '/ofac/sdn.csv', '/ofac/sdn_comments.csv']);
    expect(result.stdout).toMatch(/^ {2}sdn\/sdn\.csv: 14965 rows, 14965 used/m);
    // The 2024 SDN file lacks the 2025 designations; the import says so.
    expect(result.stdout).toMatch(
      /^Warning: \d+ of the built-in DPRK IT-worker designations are not in these files \(.*SDN-52289 JONG, In Chol/m,
    );
    const id = result.stdout.match(/^Version (\S+) is active \(was (\S+)\)/m);
    expect(id?.[2]).toBe(before);
    expect(await activeId()).toBe(id?.[1]);
    const status = await runCli(['sanctions', 'status'], env);
    expect(status.stdout).toMatch(new RegExp(`^Source: download from ${baseUrl.replace(/[/.]/g, '\\$&')}$`, 'm'));

    const again = await runCli(['sanctions', 'update', '--url', baseUrl], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(new RegExp(`identical to the active version's: version ${id?.[1]} stays active`));

    const withConsolidated = await runCli(['sanctions', 'update', '--url', baseUrl, '--consolidated'], env);
    expect(withConsolidated.code).toBe(0);
    expect(withConsolidated.stdout).toMatch(/^ {2}consolidated\/cons_prim\.csv: 442 rows/m);
    expect(withConsolidated.stdout).toMatch(/^Entries: \d+ \(SDN \d+, consolidated 442\)/m);
  }, 90_000);

  it('activate goes back to an earlier version; an unknown id is refused', async () => {
    const current = await activeId();
    const result = await runCli(['sanctions', 'update', '--url', baseUrl, '--force'], env);
    expect(result.code).toBe(0);
    expect(await activeId()).not.toBe(current);
    const back = await runCli(['sanctions', 'activate', current!], env);
    expect(back).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(new RegExp(`^Version ${current} \\(\\d+ entries, imported .*\\) is active$`, 'm')),
    });
    expect(await activeId()).toBe(current);
    expect(await runCli(['sanctions', 'activate', '00000000-0000-0000-0000-000000000000'], env)).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/does not exist/),
    });
    expect((await runCli(['sanctions', 'activate', 'latest'], env)).code).toBe(2);
    expect(await activeId()).toBe(current);
  }, 60_000);

  it('update says clearly when OFAC cannot be reached or a file is missing, exits 1 and leaves the active version', async () => {
    const before = await activeId();
    const closedPort = await freePort();
    const unreachable = await runCli(
      ['sanctions', 'update', '--url', `http://127.0.0.1:${closedPort}/ofac/`, '--timeout', '5'],
      env,
    );
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(
      /cannot download http:\/\/127\.0\.0\.1:\d+\/ofac\/sdn\.csv: .*ECONNREFUSED.*Is the network \(or OFAC\) reachable from here\? Nothing was imported; the active list is unchanged/,
    );
    const notFound = await runCli(['sanctions', 'update', '--url', baseUrl.replace('/ofac/', '/elsewhere/')], env);
    expect(notFound).toMatchObject({ code: 1, stderr: expect.stringMatching(/HTTP 404/) });
    expect((await runCli(['sanctions', 'update', '--url', 'not a url'], env)).code).toBe(2);
    // A server that accepts the connection and never answers: the timeout ends the wait.
    const silent = http.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const started = Date.now();
      const hung = await runCli(
        [
          'sanctions',
          'update',
          '--url',
          `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`,
          '--timeout',
          '1',
        ],
        env,
      );
      expect(hung).toMatchObject({ code: 1, stderr: expect.stringMatching(/sdn\.csv: timed out\. Is the network/) });
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
    expect(await activeId()).toBe(before);
  }, 60_000);
});
