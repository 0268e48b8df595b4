// The work behind `sanctions import`, `sanctions status` and `sanctions update`: read OFAC's CSV directories,
// store and activate one version, report; download OFAC's current files first for `update`.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { builtInDesignationDates, builtInSanctionsEntries } from './builtin-list';
import { OutboundClient } from '../outbound/outbound-client';
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

function sha256(file: string): { sha256: string; bytes: number } {
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

function describeProblems(problems: OfacProblem[], count: number): string[] {
  return problems.slice(0, count).map((problem) => `${problem.file}:${problem.line}: ${problem.reason}`);
}

function formatFile(file: SanctionsFileRecord): string {
  return `  ${file.name}: ${file.rows} rows, ${file.used} used, ${file.rejected} rejected, ${file.problems} problems; sha256 ${file.sha256} (${file.bytes} bytes)`;
}

/** The lines `sanctions import` and `sanctions update` print. */
export function formatImportReport(outcome: ImportOutcome, exampleCount = 5): string[] {
  const { parsed, version } = outcome;
  const lines = ['Files:', ...parsed.files.map(formatFile)];
  lines.push(`Problems: ${parsed.problems.length}${parsed.problems.length ? ', for example:' : ''}`);
  lines.push(...describeProblems(parsed.problems, exampleCount).map((line) => `  ${line}`));
  const stats = parsed.stats;
  lines.push(
    `Entries: ${version.entryCount} (SDN ${stats.byList.SDN}, consolidated ${stats.byList.CONS}); ${stats.strongAliases} aliases, ${stats.weakAliases} weak aliases, ${stats.addresses} addresses`,
  );
  if (outcome.missingBuiltIn.length > 0) {
    const newest = outcome.missingBuiltIn
      .map((entry) => builtInDesignationDates[entry.uid] ?? '')
      .sort()
      .at(-1);
    lines.push(
      `Warning: ${outcome.missingBuiltIn.length} of the built-in DPRK IT-worker designations are not in these files (${outcome.missingBuiltIn.map((entry) => `${entry.uid} ${entry.name}`).join('; ')}): is the SDN file older than ${newest}?`,
    );
  }
  if (outcome.prunedEntries > 0)
    lines.push(`Deleted the ${outcome.prunedEntries} stored entries of older inactive versions (their history stays)`);
  lines.push(
    `Version ${version.id} is active (was ${outcome.previous ? outcome.previous.id : 'the built-in list'}); parsed in ${parsed.parseMs} ms, stored in ${outcome.storeMs} ms.`,
  );
  return lines;
}

/** The lines `sanctions status` prints. */
export function formatStatus(
  version: SanctionsVersionInfo | null,
  builtInCount = builtInSanctionsEntries.length,
): string[] {
  if (!version) return [`built-in list only (${builtInCount} entries): import OFAC's files with \`sanctions import\``];
  return [
    `Active version: ${version.id}`,
    `Imported at: ${version.importedAt.toISOString()} by ${version.importedBy}; active since ${version.activatedAt?.toISOString() ?? '?'}`,
    `Source: ${version.source}`,
    `Entries: ${version.entryCount}`,
    `Problems: ${version.problemCount}`,
    'Files:',
    ...version.files.map(formatFile),
  ];
}

export const DEFAULT_OFAC_URL = 'https://www.treasury.gov/ofac/downloads/';
export const OFAC_SDN_FILES = ['sdn.csv', 'alt.csv', 'add.csv', 'sdn_comments.csv'];
export const OFAC_CONSOLIDATED_FILES = ['cons_prim.csv', 'cons_alt.csv', 'cons_add.csv', 'cons_comments.csv'];

export interface DownloadOptions {
  baseUrl?: string;
  /** The outbound URL policy (OUTBOUND_ALLOW_HOSTS); default: public addresses only. */
  outbound?: OutboundClient;
  /** Also the consolidated (non-SDN) list, from `<base>consolidated/`. */
  consolidated?: boolean;
  /** Per file; default 60 s. */
  timeoutMs?: number;
}

function describeFetchError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if ((error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError') return 'timed out';
  return cause?.message ?? cause?.code ?? (error as Error).message;
}

/** Downloads OFAC's files into a new temporary directory; every file must arrive whole, or nothing is kept. */
export async function downloadOfacFiles(
  options: DownloadOptions = {},
): Promise<{ directories: string[]; cleanup: () => void }> {
  const base = new URL(options.baseUrl ?? DEFAULT_OFAC_URL);
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  const timeoutMs = options.timeoutMs ?? 60_000;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hfrc-ofac-'));
  const cleanup = () => fs.rmSync(root, { recursive: true, force: true });
  const wanted: Array<{ url: URL; file: string }> = OFAC_SDN_FILES.map((file) => ({
    url: new URL(file, base),
    file: path.join(root, 'sdn', file),
  }));
  if (options.consolidated)
    wanted.push(
      ...OFAC_CONSOLIDATED_FILES.map((file) => ({
        url: new URL(`consolidated/${file}`, base),
        file: path.join(root, 'consolidated', file),
      })),
    );
  try {
    for (const { url, file } of wanted) {
      let response: Response;
      let body: Buffer;
      try {
        // Each redirect is checked against the policy like the first URL.
        response = await (options.outbound ?? new OutboundClient()).fetch(url, {
          signal: AbortSignal.timeout(timeoutMs),
          redirect: 'follow',
        });
        body = Buffer.from(await response.arrayBuffer());
      } catch (error) {
        throw new SanctionsCommandError(
          `cannot download ${url.href}: ${describeFetchError(error)}. Is the network (or OFAC) reachable from here? Nothing was imported; the active list is unchanged`,
          1,
        );
      }
      if (!response.ok)
        throw new SanctionsCommandError(
          `cannot download ${url.href}: HTTP ${response.status}. Nothing was imported; the active list is unchanged`,
          1,
        );
      if (body.length === 0)
        throw new SanctionsCommandError(`${url.href} is empty. Nothing was imported; the active list is unchanged`, 1);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, body);
    }
  } catch (error) {
    cleanup();
    throw error;
  }
  const directories = [path.join(root, 'sdn'), ...(options.consolidated ? [path.join(root, 'consolidated')] : [])];
  return { directories, cleanup };
}

export type UpdateOutcome =
  { isUnchanged: true; version: SanctionsVersionInfo } | ({ isUnchanged: false } & ImportOutcome);

const fileKey = (files: SanctionsFileRecord[]) =>
  files
    .map((file) => `${path.basename(file.name)}=${file.sha256}`)
    .sort()
    .join(',');

/**
 * Downloads OFAC's current files and imports them as a new active version, unless the active version was made
 * from byte-identical files (then nothing changes; `force` imports anyway).
 */
export async function updateFromOfac(
  store: SanctionsStore,
  options: DownloadOptions & ImportOptions,
): Promise<UpdateOutcome> {
  const base = options.baseUrl ?? DEFAULT_OFAC_URL;
  const downloaded = await downloadOfacFiles(options);
  try {
    const active = await store.activeVersion();
    if (active && !options.force) {
      const parsedFiles = downloaded.directories.flatMap((directory) =>
        fs
          .readdirSync(directory)
          .map((name) => ({ name, ...sha256(path.join(directory, name)), rows: 0, used: 0, rejected: 0, problems: 0 })),
      );
      if (fileKey(parsedFiles) === fileKey(active.files)) return { isUnchanged: true, version: active };
    }
    const outcome = await importOfacDirectories(store, downloaded.directories, {
      ...options,
      source: options.source ?? `download from ${base}`,
    });
    return { isUnchanged: false, ...outcome };
  } finally {
    downloaded.cleanup();
  }
}
