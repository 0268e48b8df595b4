// The work behind `sanctions import`: read OFAC's CSV directories, then store and activate them as one version
// (ofac-update.ts downloads them first for `sanctions update`; import-report.ts words the outcome).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { builtInSanctionsEntries } from './builtin-list';
import { readOfacDirectory } from './load-ofac';
import type { MergeStats, OfacProblem } from './ofac-csv';
import { mergeOfacSources } from './ofac-merge';
import type { SanctionsFileRecord, SanctionsStore, SanctionsVersionInfo } from './sanctions-store';
import type { SanctionsEntry } from './types';

/** An import or update that did not change the active version; exitCode 2 for bad usage, 1 otherwise. */
export class SanctionsCommandError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
    this.name = 'SanctionsCommandError';
  }
}

export interface ParsedOfacFiles {
  entries: SanctionsEntry[];
  problems: OfacProblem[];
  stats: MergeStats;
  files: SanctionsFileRecord[];
  parseMs: number;
}

export interface ImportOptions {
  importedBy: string;
  /** Stored with the version; defaults to the directories. */
  source?: string;
  /** Activate even when the new list is much smaller than the active one, or has no SDN entries. */
  force?: boolean;
  /** Inactive versions whose entries are kept; default DEFAULT_KEEP_INACTIVE. */
  keepInactive?: number;
}

export interface ImportOutcome {
  version: SanctionsVersionInfo;
  parsed: ParsedOfacFiles;
  storeMs: number;
  /** Built-in designations the imported list lacks (an old edition of the SDN list?). */
  missingBuiltIn: SanctionsEntry[];
  previous: SanctionsVersionInfo | null;
  /** Entries of old inactive versions deleted after the import. */
  prunedEntries: number;
}

/** A new list smaller than this share of the active one is refused without --force (a truncated download?). */
export const MIN_SHARE_OF_ACTIVE = 0.5;

export function sha256(file: string): { sha256: string; bytes: number } {
  const bytes = fs.readFileSync(file);
  return { sha256: crypto.createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
}

/** Every directory must exist and hold at least one of OFAC's CSV files; otherwise a usage error (exit 2). */
export function checkDirectories(directories: string[]): void {
  if (directories.length === 0) throw new SanctionsCommandError('name at least one directory of OFAC CSV files', 2);
  for (const directory of directories) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(directory);
    } catch {
      throw new SanctionsCommandError(`${directory}: no such directory`, 2);
    }
    if (!stat.isDirectory()) throw new SanctionsCommandError(`${directory}: not a directory`, 2);
  }
}

/**
 * Parses and merges the directories as loadOfacDirectories does (later directories add to or replace rows of
 * earlier ones), keeping per-file row counts and the SHA-256 of every file read.
 */
export function parseOfacFiles(directories: string[]): ParsedOfacFiles {
  checkDirectories(directories);
  const started = Date.now();
  const read = directories.map((directory) => ({ directory, ...readOfacDirectory(directory) }));
  const merged = mergeOfacSources(read.flatMap((one) => one.sources));
  const problems = [...read.flatMap((one) => one.problems), ...merged.problems];
  const problemsByFile = new Map<string, number>();
  for (const problem of problems) problemsByFile.set(problem.file, (problemsByFile.get(problem.file) ?? 0) + 1);

  const files: SanctionsFileRecord[] = [];
  for (const one of read) {
    const counts = Object.assign({}, ...one.sources.map((source) => source.files)) as Record<
      string,
      { rows: number; used: number; rejected: number }
    >;
    const names = Object.keys(counts);
    if (names.length === 0) {
      throw new SanctionsCommandError(
        `${one.directory}: no OFAC CSV files (sdn.csv, alt.csv, add.csv, sdn_comments.csv, cons_prim.csv, ...)`,
        2,
      );
    }
    for (const name of names.sort()) {
      const file = path.join(one.directory, path.basename(name));
      files.push({ name, ...sha256(file), ...counts[name]!, problems: problemsByFile.get(name) ?? 0 });
    }
  }
  return {
    entries: merged.entries,
    problems,
    stats: { ...merged.stats, problems: problems.length },
    files,
    parseMs: Date.now() - started,
  };
}

/** Parses the directories, stores them as one version and activates it; the active version is untouched on failure. */
export async function importOfacDirectories(
  store: SanctionsStore,
  directories: string[],
  options: ImportOptions,
): Promise<ImportOutcome> {
  const parsed = parseOfacFiles(directories);
  if (parsed.entries.length === 0) {
    throw new SanctionsCommandError(
      `no entries in ${directories.join(', ')} (${parsed.problems.length} problems, e.g. ${describeProblems(parsed.problems, 3).join('; ') || 'none'}); the active list is unchanged`,
      1,
    );
  }
  const previous = await store.activeVersion();
  if (!options.force) {
    if (parsed.stats.byList.SDN === 0) {
      throw new SanctionsCommandError(
        `no SDN entries in ${directories.join(', ')} (only the consolidated list?): this would replace the SDN list. Add the SDN directory, or --force; the active list is unchanged`,
        1,
      );
    }
    if (previous && parsed.entries.length < previous.entryCount * MIN_SHARE_OF_ACTIVE) {
      throw new SanctionsCommandError(
        `${parsed.entries.length} entries is less than half of the active version's ${previous.entryCount} (${previous.id}): truncated or partial files? Use --force to activate it anyway; the active list is unchanged`,
        1,
      );
    }
  }
  const started = Date.now();
  const version = await store.saveVersion({
    source: options.source ?? directories.map((directory) => path.resolve(directory)).join(', '),
    importedBy: options.importedBy,
    files: parsed.files,
    stats: parsed.stats,
    problems: parsed.problems,
    entries: parsed.entries,
  });
  const storeMs = Date.now() - started;
  const prunedEntries = await store.pruneEntries(options.keepInactive);
  const uids = new Set(parsed.entries.map((entry) => entry.uid));
  return {
    version,
    parsed,
    storeMs,
    missingBuiltIn: builtInSanctionsEntries.filter((entry) => !uids.has(entry.uid)),
    previous,
    prunedEntries,
  };
}

export function describeProblems(problems: OfacProblem[], count: number): string[] {
  return problems.slice(0, count).map((problem) => `${problem.file}:${problem.line}: ${problem.reason}`);
}
