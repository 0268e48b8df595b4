import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closedAncestor, startEmbeddedPostgres } from '../../src/db/embedded-postgres';
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

  // Only root hands PostgreSQL to the `postgres` user; for anyone else the folder is theirs and the check is moot.
  (os.userInfo().uid === 0 ? it : it.skip)('refuses a data folder the postgres user cannot reach, naming it and the ways out', async () => {
    const started = startEmbeddedPostgres({ dataDir: path.join(closed, 'data'), port: 1, logger: createLogger('silent'), isOwner: true });
    await expect(started).rejects.toThrow(new RegExp(`cannot enter ${closed}.*DATABASE_URL`));
  });
});
