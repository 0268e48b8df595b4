// Where the service keeps its local data (the embedded PostgreSQL, the link and secrets keys) when DATA_DIR is unset.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The first directory on the way to `target` that users other than its owner cannot enter, or null. */
export function closedAncestor(target: string): string | null {
  for (let dir = path.resolve(target); ; dir = path.dirname(dir)) {
    if (fs.existsSync(dir) && (fs.statSync(dir).mode & 0o001) === 0) return dir;
    if (path.dirname(dir) === dir) return null;
  }
}

const hasContent = (dir: string) => fs.existsSync(dir) && fs.readdirSync(dir).length > 0;

export interface DataDirChoice {
  dir: string;
  /** Why the default moved, for the start-up log; undefined when it is `./.data`. */
  movedBecause?: string;
}

/**
 * `./.data` under the working directory, unless the service runs as root with an embedded PostgreSQL from a folder
 * the `postgres` user cannot enter (a project in /root or a `mktemp -d`): then a folder of its own under
 * `/var/lib/hfrc`, named by a hash of the project's path so that every start finds the same data. A `./.data` that
 * already holds data is kept (its keys must not change), and an explicit DATA_DIR is never moved.
 */
export function defaultDataDir(options: {
  cwd: string;
  isRoot: boolean;
  embedded: boolean;
  baseDir?: string;
}): DataDirChoice {
  const local = path.resolve(options.cwd, '.data');
  if (!options.isRoot || !options.embedded || hasContent(local)) return { dir: local };
  const closed = closedAncestor(local);
  if (!closed) return { dir: local };
  const id = crypto.createHash('sha256').update(path.resolve(options.cwd)).digest('hex').slice(0, 16);
  return {
    dir: path.join(options.baseDir ?? '/var/lib/hfrc', id),
    movedBecause: `the postgres user cannot enter ${closed}, so ./.data cannot hold the embedded database`,
  };
}
