// Sanctions list versions on real PostgreSQL: the real OFAC files imported, counts stored, atomic switches, failed
// imports that leave the active version, and running instances that pick up a new version without restart.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { createLogger } from '../../src/logger';
import {
  createActiveSanctionsList,
  sanctionsListHealth,
  type ActiveSanctions,
  type ActiveSanctionsList,
} from '../../src/sanctions/active-list';
import { builtInSanctionsEntries } from '../../src/sanctions/builtin-list';
import { importOfacDirectories, SanctionsCommandError } from '../../src/sanctions/import-command';
import { PROBLEM_SAMPLE_SIZE, SanctionsStore } from '../../src/sanctions/sanctions-store';
import { cloneDatabase, dropDatabase, makeReachableTempDir, uniqueDatabaseName } from '../support/test-database';
import { testPool } from '../support/test-pool';

// The real files, read where they are (never copied into the repository).
const ofacData = path.resolve(__dirname, '..', '..', '..', 'shared', 'data', 'ofac');
const dirs = {
  sdn2024: path.join(ofacData, 'sdn-2024-05-03_jackdwyer'),
  moov2025: path.join(ofacData, 'tfidf-2025-12-24_moov-watchman'),
  excerpt: path.join(ofacData, 'sdn-2026-04-23_excerpt_Sentinel-RAG'),
  cons: path.join(ofacData, 'cons_moov-watchman'),
};
const fullList = [dirs.sdn2024, dirs.moov2025, dirs.excerpt, dirs.cons];

const logger = createLogger('silent');
const importedBy = 'test:sanctions-lists';

async function waitFor<T>(probe: () => T | undefined | null | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('sanctions list versions', () => {
  // Activation is database-wide, so this file works on a database of its own.
  const name = uniqueDatabaseName('sanctions');
  let pool: pg.Pool;
  let store: SanctionsStore;
  let scratch: string;

  beforeAll(async () => {
    // A copy of the run's migrated template: quick, and free of the migration's time under load.
    const url = await cloneDatabase(process.env.TEST_SERVER_URL!, process.env.TEST_TEMPLATE_DATABASE!, name);
    pool = testPool(url, 4);
    // An idle connection ended by the server (a busy CI machine's restart, a forced drop) must not fail the file.
    pool.on('error', () => undefined);
    store = new SanctionsStore(pool);
    scratch = makeReachableTempDir('sanctions-lists');
  });
  afterAll(async () => {
    await pool.end();
    await dropDatabase(process.env.TEST_SERVER_URL!, name);
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  const activeRows = async () =>
    (await pool.query<{ id: string }>('SELECT id FROM sanctions_list_versions WHERE is_active')).rows.map(
      (row) => row.id,
    );
  const entryRows = async (versionId: string) =>
    Number(
      (await pool.query('SELECT count(*) AS n FROM sanctions_list_entries WHERE version_id = $1', [versionId])).rows[0]
        .n,
    );

  it('imports the real 2024 SDN, 2025 alt/add/comments, 2025 DPRK excerpt and consolidated files as one active version', async () => {
    expect(await store.activeVersion()).toBeNull();
    const outcome = await importOfacDirectories(store, fullList, { importedBy });
    const { version } = outcome;

    expect(version).toMatchObject({
      isActive: true,
      importedBy,
      activatedAt: expect.any(Date),
      entryCount: outcome.parsed.entries.length,
    });
    expect(version.entryCount).toBeGreaterThan(15_000);
    expect(version.stats).toMatchObject({ byList: { SDN: expect.any(Number), CONS: 442 } });
    expect(version.source).toContain('sdn-2024-05-03_jackdwyer');
    // Every file read, with its hash and counts; the hash is the file's bytes'.
    expect(version.files.map((file) => file.name)).toEqual(
      expect.arrayContaining([
        'sdn-2024-05-03_jackdwyer/sdn.csv',
        'tfidf-2025-12-24_moov-watchman/alt.csv',
        'sdn-2026-04-23_excerpt_Sentinel-RAG/sdn_dprk_excerpt.csv',
        'cons_moov-watchman/cons_prim.csv',
      ]),
    );
    expect(version.files).toHaveLength(11);
    const sdn = version.files.find((file) => file.name === 'sdn-2024-05-03_jackdwyer/sdn.csv')!;
    expect(sdn).toMatchObject({
      rows: 14_965,
      used: 14_965,
      rejected: 0,
      bytes: 3_909_739,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(
      version.files.find((file) => file.name === 'sdn-2026-04-23_excerpt_Sentinel-RAG/sdn_dprk_excerpt.csv'),
    ).toMatchObject({ rows: 19, used: 19 });
    // Rows of the 2025 alt/add files for entries the 2024 SDN file does not have are counted and sampled, not fatal.
    expect(version.problemCount).toBe(outcome.parsed.problems.length);
    expect(version.problemCount).toBeGreaterThan(PROBLEM_SAMPLE_SIZE);
    expect(version.problemSample).toHaveLength(PROBLEM_SAMPLE_SIZE);
    expect(version.problemSample[0]).toEqual({
      file: expect.any(String),
      line: expect.any(Number),
      reason: expect.any(String),
    });
    expect(outcome.missingBuiltIn).toEqual([]);

    // What was stored is what was parsed, in order, with the searchable columns filled.
    expect(await entryRows(version.id)).toBe(version.entryCount);
    const loaded = await store.loadEntries(version.id);
    expect(loaded.map((entry) => entry.uid)).toEqual(outcome.parsed.entries.map((entry) => entry.uid));
    expect(loaded.find((entry) => entry.uid === 'SDN-52282')).toEqual(
      outcome.parsed.entries.find((entry) => entry.uid === 'SDN-52282'),
    );
    const osong = await pool.query('SELECT list, name FROM sanctions_list_entries WHERE version_id = $1 AND uid = $2', [
      version.id,
      'SDN-52282',
    ]);
    expect(osong.rows).toEqual([{ list: 'SDN', name: 'KOREA OSONG SHIPPING CORPORATION' }]);
    expect(await activeRows()).toEqual([version.id]);
  }, 60_000);

  it('re-import makes a new version and switches to it in one step; the old one stays, inactive', async () => {
    const before = (await store.activeVersion())!;
    const outcome = await importOfacDirectories(store, [dirs.sdn2024, dirs.moov2025, dirs.excerpt], { importedBy });
    expect(outcome.version.id).not.toBe(before.id);
    expect(outcome.previous?.id).toBe(before.id);
    expect(await activeRows()).toEqual([outcome.version.id]);
    expect(await store.version(before.id)).toMatchObject({ isActive: false, entryCount: before.entryCount });
    expect(await entryRows(before.id)).toBe(before.entryCount);
    expect(outcome.version.stats).toMatchObject({ byList: { CONS: 0 } });

    // An older edition alone lacks the 2025 designations: the import says so.
    const old = await importOfacDirectories(store, [dirs.sdn2024], { importedBy });
    expect(old.missingBuiltIn.map((entry) => entry.uid)).toEqual(
      expect.arrayContaining(['SDN-52262', 'SDN-52289', 'SDN-54764']),
    );
    expect(old.missingBuiltIn.map((entry) => entry.uid)).not.toContain('SDN-43379');

    // Going back to an earlier version is one statement too.
    await store.activate(outcome.version.id);
    expect(await activeRows()).toEqual([outcome.version.id]);
  }, 60_000);

  it('leaves the active version when an import fails: missing or empty directory, no entries, a much smaller list, a failure while storing', async () => {
    const active = (await store.activeVersion())!;
    const versionCount = async () =>
      Number((await pool.query('SELECT count(*) AS n FROM sanctions_list_versions')).rows[0].n);
    const count = await versionCount();

    const empty = fs.mkdtempSync(path.join(scratch, 'empty-'));
    await expect(importOfacDirectories(store, [path.join(scratch, 'missing')], { importedBy })).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/no such directory/),
    });
    await expect(importOfacDirectories(store, [empty], { importedBy })).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/no OFAC CSV files/),
    });
    // Only alias rows: every row points at an entry no file lists.
    const aliasesOnly = fs.mkdtempSync(path.join(scratch, 'alt-only-'));
    fs.copyFileSync(
      path.join(dirs.excerpt, 'alt_dprk_excerpt_from_moov_2025-12-24.csv'),
      path.join(aliasesOnly, 'alt.csv'),
    );
    await expect(importOfacDirectories(store, [aliasesOnly], { importedBy })).rejects.toMatchObject({
      exitCode: 1,
      message: expect.stringMatching(/no entries/),
    });
    // 19 entries would replace about 15,000: refused without --force.
    await expect(importOfacDirectories(store, [dirs.excerpt], { importedBy })).rejects.toMatchObject({
      exitCode: 1,
      message: expect.stringMatching(/less than half/),
    });
    // The consolidated list alone would drop the SDN list.
    await expect(importOfacDirectories(store, [dirs.cons], { importedBy, force: false })).rejects.toBeInstanceOf(
      SanctionsCommandError,
    );

    // A failure in the middle of storing (a duplicate uid in the second batch) rolls everything back.
    const entries = await store.loadEntries(active.id);
    const broken = [...entries.slice(0, 1500), entries[0]!];
    await expect(
      store.saveVersion({ source: 'broken', importedBy, files: [], stats: {}, problems: [], entries: broken }),
    ).rejects.toThrow(/duplicate key/);

    expect(await versionCount()).toBe(count);
    expect(await activeRows()).toEqual([active.id]);
  }, 60_000);

  it('keeps one active version when two imports activate at the same time', async () => {
    const entries = builtInSanctionsEntries.map((entry) => ({ ...entry, list: 'SDN' as const }));
    const save = (source: string) =>
      store.saveVersion({ source, importedBy, files: [], stats: {}, problems: [], entries });
    const [first, second] = await Promise.all([save('concurrent 1'), save('concurrent 2')]);
    const active = await activeRows();
    expect(active).toHaveLength(1);
    expect([first.id, second.id]).toContain(active[0]);
    // The partial unique index refuses a second active row whatever the code does.
    await expect(pool.query('UPDATE sanctions_list_versions SET is_active = true WHERE NOT is_active')).rejects.toThrow(
      /sanctions_list_versions_one_active/,
    );
  });

  it('keeps the entries of the newest inactive versions only; older versions keep their row and cannot be activated', async () => {
    const versionsBefore = await store.listVersions(100);
    expect(versionsBefore.length).toBeGreaterThan(3);
    const outcome = await importOfacDirectories(store, [dirs.excerpt], { importedBy, force: true, keepInactive: 1 });
    expect(outcome.prunedEntries).toBeGreaterThan(0);
    const withEntries = (
      await pool.query<{ version_id: string }>('SELECT DISTINCT version_id FROM sanctions_list_entries')
    ).rows.map((row) => row.version_id);
    expect(withEntries.sort()).toEqual([outcome.version.id, versionsBefore[0]!.id].sort());
    expect(await store.listVersions(100)).toHaveLength(versionsBefore.length + 1);
    const pruned = versionsBefore.at(-1)!;
    await expect(store.activate(pruned.id)).rejects.toThrow(/has no entries/);
    expect(await activeRows()).toEqual([outcome.version.id]);
  });

  describe('ActiveSanctionsList', () => {
    let lists: ActiveSanctionsList[] = [];
    afterEach(async () => {
      await Promise.all(lists.map((list) => list.close()));
      lists = [];
    });
    const open = (pollIntervalMs: number) => {
      const list = createActiveSanctionsList({ store: new SanctionsStore(pool), logger, pollIntervalMs });
      lists.push(list);
      return list;
    };

    it('screens against the built-in list while no version is active, and says so', async () => {
      await pool.query('UPDATE sanctions_list_versions SET is_active = false');
      const list = open(0);
      expect(list.current().version).toEqual({
        id: null,
        importedAt: null,
        entryCount: builtInSanctionsEntries.length,
        isBuiltIn: true,
      });
      await list.ready();
      expect(list.current().version.isBuiltIn).toBe(true);
      expect(list.health()).toEqual({
        list: 'built-in',
        versionId: null,
        importedAt: null,
        entries: builtInSanctionsEntries.length,
      });
      expect(list.current().index.screenName('KOREA OSONG SHIPPING CORPORATION')[0]).toMatchObject({
        uid: 'SDN-52282',
        list: 'BUILTIN',
      });
    });

    it('a second running instance picks up a newly activated version without restart, keeping the old index until the new one is built', async () => {
      const serving = open(100);
      const other = open(100);
      await Promise.all([serving.ready(), other.ready()]);
      expect(serving.current().version.isBuiltIn).toBe(true);
      const changes: Array<[string | null, string | null]> = [];
      other.onVersionChange((next, previous) => {
        changes.push([previous.version.id, next.version.id]);
      });

      // Another process (here: the same database through the store) imports the full list.
      const imported = await importOfacDirectories(store, fullList, { importedBy, force: true });
      const started = Date.now();
      const picked = await waitFor(
        () => (other.current().version.id === imported.version.id ? other.current() : null),
        30_000,
      );
      const reloadMs = Date.now() - started;
      expect(picked.version).toEqual({
        id: imported.version.id,
        importedAt: imported.version.importedAt,
        entryCount: imported.version.entryCount,
        isBuiltIn: false,
      });
      await waitFor(() => serving.current().version.id === imported.version.id, 30_000);
      expect(changes).toEqual([[null, imported.version.id]]);
      expect(sanctionsListHealth(other)).toEqual({
        list: 'full',
        versionId: imported.version.id,
        importedAt: imported.version.importedAt.toISOString(),
        entries: imported.version.entryCount,
      });
      expect(other.current().index.screenName('JONG, In Chol')[0]).toMatchObject({ uid: 'SDN-52289', list: 'SDN' });
      console.log(
        `full list (${imported.version.entryCount} entries): imported in ${imported.parsed.parseMs} ms parse + ${imported.storeMs} ms store; picked up by a polling instance within ${reloadMs} ms`,
      );

      // While the next version loads, current() keeps answering with the previous index. Shown on an instance that does
      // not poll, so that only its refresh() moves it (the polling one may switch on its own before refresh is called).
      const still = open(0);
      await still.ready();
      expect(still.current().version.id).toBe(imported.version.id);
      const smaller = await importOfacDirectories(store, [dirs.excerpt], { importedBy, force: true });
      const during: ActiveSanctions[] = [];
      const refreshing = still.refresh();
      during.push(still.current());
      await refreshing;
      expect(during[0]!.version.id).toBe(imported.version.id);
      expect(still.current().version).toMatchObject({ id: smaller.version.id, entryCount: 19 });
      // The polling instance gets there on its own and says so once.
      await waitFor(() => other.current().version.id === smaller.version.id, 30_000);
      expect(changes.at(-1)).toEqual([imported.version.id, smaller.version.id]);

      // No version active any more: back to the built-in list.
      await pool.query('UPDATE sanctions_list_versions SET is_active = false');
      await other.refresh();
      expect(other.health()).toMatchObject({ list: 'built-in', versionId: null });
    }, 90_000);

    it('keeps the current index when the database is unreachable', async () => {
      const version = (await importOfacDirectories(store, [dirs.excerpt, dirs.moov2025], { importedBy, force: true }))
        .version;
      const brokenPool = new pg.Pool({
        connectionString: 'postgresql://postgres@127.0.0.1:1/none',
        connectionTimeoutMillis: 500,
      });
      const list = createActiveSanctionsList({ store: new SanctionsStore(brokenPool), logger, pollIntervalMs: 0 });
      lists.push(list);
      await list.ready();
      expect(list.current().version.isBuiltIn).toBe(true);
      await expect(list.refresh()).rejects.toThrow();
      expect(list.current().version.isBuiltIn).toBe(true);
      await brokenPool.end();

      const healthy = open(0);
      await healthy.ready();
      expect(healthy.current().version.id).toBe(version.id);
    });
  });
});
