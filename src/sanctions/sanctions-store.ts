// Sanctions list versions in PostgreSQL: save a version with its entries and activate it in ONE transaction,
// find the active version, load its entries. Plain SQL on the pool (batched inserts of JSONB, see below).
import type pg from 'pg';
import { inTransaction, type Queryable } from '../db/prisma-client';
import type { OfacProblem } from './ofac-csv';
import type { SanctionsEntry } from './types';

/** One file read for a version: its hash, and how many of its rows were used. */
export interface SanctionsFileRecord {
  /** "<directory>/<file>" as the parser names it in problems, e.g. "sdn-2024-05-03_jackdwyer/sdn.csv". */
  name: string;
  sha256: string;
  bytes: number;
  rows: number;
  used: number;
  rejected: number;
  /** Problems reported for this file, rejected rows and rows that reference an entry no file lists. */
  problems: number;
}

export interface NewSanctionsVersion {
  /** What was imported: the directories, or the download URL. */
  source: string;
  importedBy: string;
  files: SanctionsFileRecord[];
  /** The parser's merge statistics. */
  stats: object;
  problems: OfacProblem[];
  entries: SanctionsEntry[];
}

export interface SanctionsVersionInfo {
  id: string;
  source: string;
  files: SanctionsFileRecord[];
  stats: Record<string, unknown>;
  problemCount: number;
  problemSample: OfacProblem[];
  entryCount: number;
  importedBy: string;
  importedAt: Date;
  activatedAt: Date | null;
  isActive: boolean;
}

/** Inactive versions whose entries are kept (to go back to with `activate`); older ones keep only their row. */
export const DEFAULT_KEEP_INACTIVE = 3;
/** How many problems a version keeps as examples (problemCount has them all). */
export const PROBLEM_SAMPLE_SIZE = 50;
// Entries per INSERT: one JSON array parameter, expanded by jsonb_array_elements (about 1 MB per batch).
const INSERT_BATCH = 1_000;
// Serialises activations: two imports finishing together must not both deactivate the old version.
const ACTIVATION_LOCK = 0x5a4e4354; // "ZNCT"

// Selected under SanctionsVersionInfo's names, in its order: a row is the info as it is.
const versionColumns = `id, source, files, stats, problem_count AS "problemCount", problem_sample AS "problemSample",
  entry_count AS "entryCount", imported_by AS "importedBy", imported_at AS "importedAt", activated_at AS "activatedAt",
  is_active AS "isActive"`;

export class SanctionsStore {
  constructor(private readonly pool: pg.Pool) {}

  /**
   * Stores a version and its entries and (by default) makes it the active one, all in one transaction: a
   * failure at any point leaves the previously active version active and stores nothing.
   */
  async saveVersion(version: NewSanctionsVersion, options: { activate?: boolean } = {}): Promise<SanctionsVersionInfo> {
    const activate = options.activate ?? true;
    return inTransaction(this.pool, async (client) => {
      const inserted = await client.query<SanctionsVersionInfo>(
        `INSERT INTO sanctions_list_versions (id, source, files, stats, problem_count, problem_sample, entry_count, imported_by)
         VALUES (gen_random_uuid(), $1, $2::jsonb, $3::jsonb, $4, $5::jsonb, $6, $7) RETURNING ${versionColumns}`,
        [
          version.source,
          JSON.stringify(version.files),
          JSON.stringify(version.stats),
          version.problems.length,
          JSON.stringify(version.problems.slice(0, PROBLEM_SAMPLE_SIZE)),
          version.entries.length,
          version.importedBy,
        ],
      );
      const row = inserted.rows[0]!;
      await insertEntries(client, row.id, version.entries);
      if (!activate) return row;
      return activateIn(client, row.id);
    });
  }

  /** Makes an existing version the active one (e.g. to go back to an earlier import). */
  async activate(versionId: string): Promise<SanctionsVersionInfo> {
    return inTransaction(this.pool, (client) => activateIn(client, versionId));
  }

  /** The active version's id, or null when none is active (a cheap query: the partial unique index). */
  async activeVersionId(): Promise<string | null> {
    const result = await this.pool.query<{ id: string }>('SELECT id FROM sanctions_list_versions WHERE is_active');
    return result.rows[0]?.id ?? null;
  }

  async activeVersion(): Promise<SanctionsVersionInfo | null> {
    const result = await this.pool.query<SanctionsVersionInfo>(
      `SELECT ${versionColumns} FROM sanctions_list_versions WHERE is_active`,
    );
    return result.rows[0] ?? null;
  }

  async version(id: string): Promise<SanctionsVersionInfo | null> {
    const result = await this.pool.query<SanctionsVersionInfo>(
      `SELECT ${versionColumns} FROM sanctions_list_versions WHERE id = $1`,
      [id],
    );
    return result.rows[0] ?? null;
  }

  /** The newest versions first. */
  async listVersions(limit = 20): Promise<SanctionsVersionInfo[]> {
    const result = await this.pool.query<SanctionsVersionInfo>(
      `SELECT ${versionColumns} FROM sanctions_list_versions ORDER BY imported_at DESC, id LIMIT $1`,
      [limit],
    );
    return result.rows;
  }

  /**
   * Deletes the entries of inactive versions older than the newest `keepInactive` ones (about 18 MB per full
   * version); their version rows stay as history, and they can no longer be activated. Returns the entries deleted.
   */
  async pruneEntries(keepInactive = DEFAULT_KEEP_INACTIVE): Promise<number> {
    const result = await this.pool.query(
      `DELETE FROM sanctions_list_entries WHERE version_id IN (
         SELECT id FROM sanctions_list_versions WHERE NOT is_active ORDER BY imported_at DESC, id OFFSET $1)`,
      [keepInactive],
    );
    return result.rowCount ?? 0;
  }

  /** The entries of a version, in the order they were imported. */
  async loadEntries(versionId: string): Promise<SanctionsEntry[]> {
    const result = await this.pool.query<{ entry: SanctionsEntry }>(
      'SELECT entry FROM sanctions_list_entries WHERE version_id = $1 ORDER BY position',
      [versionId],
    );
    return result.rows.map((row) => row.entry);
  }
}

async function insertEntries(client: Queryable, versionId: string, entries: SanctionsEntry[]): Promise<void> {
  for (let start = 0; start < entries.length; start += INSERT_BATCH) {
    const batch = entries.slice(start, start + INSERT_BATCH);
    await client.query(
      `INSERT INTO sanctions_list_entries (version_id, uid, position, list, name, entry)
       SELECT $1, item.entry->>'uid', $2 + item.ordinal::int - 1, item.entry->>'list', item.entry->>'name', item.entry
       FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS item(entry, ordinal)`,
      [versionId, start, JSON.stringify(batch)],
    );
  }
}

async function activateIn(client: Queryable, versionId: string): Promise<SanctionsVersionInfo> {
  await client.query('SELECT pg_advisory_xact_lock($1)', [ACTIVATION_LOCK]);
  const stored = await client.query('SELECT 1 FROM sanctions_list_entries WHERE version_id = $1 LIMIT 1', [versionId]);
  if (stored.rowCount === 0)
    throw new Error(`sanctions list version ${versionId} does not exist or has no entries (pruned?)`);
  await client.query('UPDATE sanctions_list_versions SET is_active = false WHERE is_active AND id <> $1', [versionId]);
  const result = await client.query<SanctionsVersionInfo>(
    `UPDATE sanctions_list_versions SET is_active = true, activated_at = CASE WHEN is_active THEN activated_at ELSE now() END
     WHERE id = $1 RETURNING ${versionColumns}`,
    [versionId],
  );
  if (!result.rows[0]) throw new Error(`no sanctions list version ${versionId}`);
  return result.rows[0];
}
