import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closedAncestor, defaultDataDir } from '../../src/db/data-dir';
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres';
import { createLogger } from '../../src/logger';

describe('embedded PostgreSQL as root', () => {
  let closed: string;
  beforeEach(() => {
    closed = fs.mkdtempSync(path.join(os.tmpdir(), 'hfrc-closed-'));
    fs.chmodSync(closed, 0o700);
  });
  afterEach(() => fs.rmSync(closed, { recursive: true, force: true }));

  it('finds the directory others cannot enter on the way to a path', () => {
    expect(closedAncestor(path.join(closed, 'project', '.data'))).toBe(closed);
    fs.chmodSync(closed, 0o755);
    expect(closedAncestor(path.join(closed, 'project', '.data'))).toBeNull();
  });

  it('keeps ./.data by default, and moves it only as root with an embedded database from a folder postgres cannot enter', () => {
    const project = path.join(closed, 'project');
    fs.mkdirSync(project);
    const moved = defaultDataDir({ cwd: project, isRoot: true, embedded: true, baseDir: '/var/lib/hfrc' });
    expect(moved.dir).toMatch(/^\/var\/lib\/hfrc\/[0-9a-f]{16}$/);
    expect(moved.movedBecause).toContain(closed);
    // The same project finds the same folder at every start; another project another one.
    expect(defaultDataDir({ cwd: project, isRoot: true, embedded: true }).dir).toBe(moved.dir);
    expect(defaultDataDir({ cwd: closed, isRoot: true, embedded: true }).dir).not.toBe(moved.dir);
    expect(defaultDataDir({ cwd: project, isRoot: false, embedded: true })).toEqual({
      dir: path.join(project, '.data'),
    });
    expect(defaultDataDir({ cwd: project, isRoot: true, embedded: false })).toEqual({
      dir: path.join(project, '.data'),
    });
    // A ./.data that already holds keys or a database is kept: moving it would change the keys.
    fs.mkdirSync(path.join(project, '.data'));
    fs.writeFileSync(path.join(project, '.data', 'link-key'), 'x');
    expect(defaultDataDir({ cwd: project, isRoot: true, embedded: true })).toEqual({
      dir: path.join(project, '.data'),
    });
    fs.chmodSync(closed, 0o755);
    fs.rmSync(path.join(project, '.data'), { recursive: true });
    expect(defaultDataDir({ cwd: project, isRoot: true, embedded: true })).toEqual({
      dir: path.join(project, '.data'),
    });
  });

  // Only root hands PostgreSQL to the `postgres` user; for anyone else the folder is theirs and the check is moot.
  (os.userInfo().uid === 0 ? it : it.skip)(
    'refuses a data folder the postgres user cannot reach, naming it and the ways out',
    async () => {
      const started = startEmbeddedPostgres({
        dataDir: path.join(closed, 'data'),
        port: 1,
        logger: createLogger('silent'),
        isOwner: true,
      });
      await expect(started).rejects.toThrow(new RegExp(`cannot enter ${closed}.*DATABASE_URL`));
    },
  );
});
