// `import FILE`: screens every applicant of a CSV or JSON-lines file through the same use case as
// POST /api/v1/screenings, with a progress bar, a per-row error report, a summary and a checkpoint to resume from.
// Resuming never screens a row twice: the checkpoint records the last finished row after each row, and each row is
// sent with an idempotency key (file hash + run + row), so a row committed just before a kill is replayed, not redone.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { parseApplicant } from '../applicants/parse-applicant';
import { AppError, type FieldProblem } from '../errors';
import { wasNewCase } from '../cases/case-events-store';
import type { ScreeningService } from '../screening/screen-applicant';
import { bands } from '../scoring/types';
import { ColumnError, readHeader, rowToApplicant, type Column } from './applicant-columns';
import { CsvReader, CsvSyntaxError, formatCsvRow } from './csv';
import { createProgress, type ProgressStream } from './progress';

export type ImportFormat = 'csv' | 'jsonl';

export interface ImportOptions {
  file: string;
  format?: ImportFormat;
  /** Continue an interrupted import from its checkpoint. */
  resume?: boolean;
  /** Start over even though an unfinished checkpoint exists. */
  restart?: boolean;
  checkpointPath?: string;
  /** Write rejected rows' problems (row, line, field, message) to this CSV file instead of stderr. */
  errorsPath?: string;
  /** The applicant `source` for rows that do not give one (the contract's default otherwise: "api"). */
  source?: string;
  /** Who the screenings are recorded as requested by. */
  actor: string;
}

export interface ImportCounts {
  read: number;
  screened: number;
  newCases: number;
  rescreened: number;
  /** Rows committed by an interrupted run and answered from their idempotency record this time. */
  replayed: number;
  rejected: number;
  bands: Record<string, number>;
}

export interface Checkpoint {
  version: 1;
  file: string;
  sha256: string;
  format: ImportFormat;
  runId: string;
  totalRows: number;
  lastRow: number;
  counts: ImportCounts;
  startedAt: string;
  updatedAt: string;
  completedAt: string | null;
}

export interface ImportTarget {
  service: ScreeningService;
  pool: pg.Pool;
}

export interface ImportIo {
  out(line: string): void;
  err(line: string): void;
  progressStream?: ProgressStream;
}

/** A problem that stops the import before or while it runs; exitCode 2 = bad usage or input, 1 = failed. */
export class ImportCommandError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
  }
}

// Idempotency records are kept per API key; imports keep theirs under this fixed owner (no API key has this id).
export const IMPORT_IDEMPOTENCY_OWNER = '00000000-0000-4000-8000-0000000c11a0';

interface InputRow {
  row: number;
  line: number;
  value?: unknown;
  problems?: FieldProblem[];
}

interface FileFacts {
  sha256: string;
  totalRows: number;
  bytes: number;
}

export function formatOf(file: string, requested?: ImportFormat): ImportFormat {
  if (requested) return requested;
  const extension = path.extname(file).toLowerCase();
  if (extension === '.csv') return 'csv';
  if (extension === '.jsonl' || extension === '.ndjson' || extension === '.json') return 'jsonl';
  // Sniff: JSON lines start with an object.
  const head = Buffer.alloc(512);
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.readSync(fd, head, 0, head.length, 0);
    return head.subarray(0, size).toString('utf8').replace(/^\uFEFF/, '').trimStart().startsWith('{') ? 'jsonl' : 'csv';
  } finally {
    fs.closeSync(fd);
  }
}

function emptyCounts(): ImportCounts {
  return { read: 0, screened: 0, newCases: 0, rescreened: 0, replayed: 0, rejected: 0, bands: {} };
}

const isBlank = (line: string) => line.trim() === '';

/** Reads the file's rows, one at a time, with their row number and the line each starts on. */
async function* readRows(file: string, format: ImportFormat, onBytes: (bytes: number) => void): AsyncGenerator<InputRow> {
  const stream = fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 256 * 1024 });
  let row = 0;
  if (format === 'csv') {
    const reader = new CsvReader();
    let columns: Column[] | undefined;
    const toRows = function* (records: ReturnType<CsvReader['push']>): Generator<InputRow> {
      for (const record of records) {
        if (!columns) {
          columns = readHeader(record.fields);
          continue;
        }
        row += 1;
        const mapped = rowToApplicant(columns, record.fields);
        yield 'problems' in mapped ? { row, line: record.line, problems: mapped.problems } : { row, line: record.line, value: mapped.value };
      }
    };
    for await (const chunk of stream) {
      yield* toRows(reader.push(chunk as string));
      onBytes(stream.bytesRead);
    }
    yield* toRows(reader.end());
    if (!columns) throw new ColumnError('the file has no header row');
    return;
  }
  let rest = '';
  let line = 0;
  let isFirst = true;
  const toRows = function* (lines: string[]): Generator<InputRow> {
    for (const text of lines) {
      line += 1;
      if (isBlank(text)) continue;
      row += 1;
      try {
        yield { row, line, value: JSON.parse(text) as unknown };
      } catch (error) {
        yield { row, line, problems: [{ path: '(row)', message: `is not valid JSON (${(error as Error).message})` }] };
      }
    }
  };
  for await (const chunk of stream) {
    let text = rest + (chunk as string);
    if (isFirst) {
      text = text.replace(/^\uFEFF/, '');
      isFirst = false;
    }
    const lines = text.split('\n');
    rest = lines.pop()!;
    yield* toRows(lines);
    onBytes(stream.bytesRead);
  }
  yield* toRows([rest]);
}

/** The file's hash and row count, and its CSV header and syntax checked, before anything is written. */
async function examine(file: string, format: ImportFormat): Promise<FileFacts> {
  const hash = crypto.createHash('sha256');
  let bytes = 0;
  const raw = fs.createReadStream(file);
  raw.on('data', (chunk) => {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  });
  let totalRows = 0;
  // Reading the rows on a second stream checks the syntax; the hash above covers the exact bytes.
  for await (const _row of readRows(file, format, () => undefined)) totalRows += 1;
  await new Promise<void>((resolve, reject) => {
    if (raw.closed) return resolve();
    raw.on('close', resolve).on('error', reject);
  });
  return { sha256: hash.digest('hex'), totalRows, bytes };
}

function readCheckpoint(checkpointPath: string): Checkpoint | null {
  let text: string;
  try {
    text = fs.readFileSync(checkpointPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ImportCommandError(`Cannot read the checkpoint ${checkpointPath}: ${(error as Error).message}`, 2);
  }
  try {
    const parsed = JSON.parse(text) as Checkpoint;
    if (parsed.version !== 1 || typeof parsed.lastRow !== 'number' || typeof parsed.sha256 !== 'string') throw new Error('not an import checkpoint');
    return parsed;
  } catch (error) {
    throw new ImportCommandError(`${checkpointPath} is not an import checkpoint (${(error as Error).message}); remove it or pass --restart`, 2);
  }
}

// Written to a temporary file and renamed: a kill leaves the previous checkpoint or the new one, never half of one.
function writeCheckpoint(checkpointPath: string, checkpoint: Checkpoint): void {
  checkpoint.updatedAt = new Date().toISOString();
  const temporary = `${checkpointPath}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(checkpoint, null, 2)}\n`);
  fs.renameSync(temporary, checkpointPath);
}

function requestHash(value: unknown): string {
  return crypto.createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

export function formatSummary(checkpoint: Checkpoint, options: { errorsPath?: string; resumedAfter?: number }): string[] {
  const c = checkpoint.counts;
  const lines = [
    `${checkpoint.file}: ${c.read} of ${checkpoint.totalRows} row(s) read, ${c.screened} screened (${c.newCases} new case(s), ${c.rescreened} rescreened), ${c.rejected} rejected`,
    `bands: ${bands.map((band) => `${band} ${c.bands[band] ?? 0}`).join(', ')}`,
  ];
  if (options.resumedAfter) lines.push(`resumed after row ${options.resumedAfter}${c.replayed ? `; ${c.replayed} row(s) committed before the interruption were recognised, not screened again` : ''}`);
  if (c.rejected > 0) lines.push(options.errorsPath ? `rejected rows and their fields: ${options.errorsPath}` : 'rejected rows and their fields: see above (stderr)');
  return lines;
}

/**
 * Runs the import. Returns the final checkpoint (its counts are the summary of the whole file, across resumed runs);
 * throws ImportCommandError for bad usage or input (2) and for a run that stopped (1, resumable).
 */
export async function importApplicants(target: ImportTarget, options: ImportOptions, io: ImportIo, signal?: AbortSignal): Promise<Checkpoint> {
  const file = path.resolve(options.file);
  if (options.resume && options.restart) throw new ImportCommandError('--resume and --restart exclude each other', 2);
  try {
    if (!fs.statSync(file).isFile()) throw new Error('not a file');
  } catch (error) {
    throw new ImportCommandError(`Cannot read ${options.file}: ${(error as Error).message}`, 2);
  }
  const format = formatOf(file, options.format);
  const checkpointPath = path.resolve(options.checkpointPath ?? `${file}.checkpoint.json`);

  let facts: FileFacts;
  try {
    facts = await examine(file, format);
  } catch (error) {
    if (error instanceof ColumnError || error instanceof CsvSyntaxError) throw new ImportCommandError(`${options.file}: ${error.message}`, 2);
    throw error;
  }

  const previous = options.restart ? null : readCheckpoint(checkpointPath);
  let checkpoint: Checkpoint;
  if (options.resume) {
    if (!previous) throw new ImportCommandError(`No checkpoint at ${checkpointPath}: nothing to resume (run without --resume to start)`, 2);
    if (previous.sha256 !== facts.sha256) {
      throw new ImportCommandError(`${options.file} changed since the checkpoint was written (its SHA-256 differs): resuming would skip or repeat the wrong rows; pass --restart to import it from the start`, 2);
    }
    checkpoint = previous;
  } else {
    if (previous && previous.sha256 === facts.sha256 && !previous.completedAt) {
      throw new ImportCommandError(
        `An import of ${options.file} stopped after row ${previous.lastRow} of ${previous.totalRows} (checkpoint ${checkpointPath}): pass --resume to continue it, or --restart to import the whole file again`,
        2,
      );
    }
    const now = new Date().toISOString();
    checkpoint = { version: 1, file, sha256: facts.sha256, format, runId: crypto.randomUUID(), totalRows: facts.totalRows, lastRow: 0, counts: emptyCounts(), startedAt: now, updatedAt: now, completedAt: null };
  }
  const resumedAfter = options.resume ? checkpoint.lastRow : 0;
  writeCheckpoint(checkpointPath, checkpoint);

  let errorsFd: number | null = null;
  if (options.errorsPath) {
    const isAppending = options.resume && fs.existsSync(options.errorsPath);
    try {
      errorsFd = fs.openSync(options.errorsPath, isAppending ? 'a' : 'w');
    } catch (error) {
      throw new ImportCommandError(`Cannot write the error report ${options.errorsPath}: ${(error as Error).message}`, 2);
    }
    if (!isAppending) fs.writeSync(errorsFd, formatCsvRow(['row', 'line', 'field', 'message']));
  }
  const reject = (input: InputRow, problems: FieldProblem[]) => {
    for (const problem of problems) {
      if (errorsFd !== null) fs.writeSync(errorsFd, formatCsvRow([input.row, input.line, problem.path, problem.message], { guardFormulas: true }));
      else io.err(`row ${input.row} (line ${input.line}): ${problem.path}: ${problem.message}`);
    }
    checkpoint.counts.rejected += 1;
  };

  const progress = createProgress({ label: 'import', unit: 'rows', total: facts.totalRows, stream: io.progressStream });
  const keyPrefix = `import:${facts.sha256.slice(0, 32)}:${checkpoint.runId}`;
  let current = 0;
  try {
    for await (const input of readRows(file, format, () => undefined)) {
      current = input.row;
      if (input.row <= checkpoint.lastRow) continue;
      if (signal?.aborted) throw new ImportCommandError(`Interrupted after row ${checkpoint.lastRow} of ${facts.totalRows}: run again with --resume to continue`, 1);
      const counts = checkpoint.counts;
      counts.read += 1;
      if (input.problems) {
        reject(input, input.problems);
      } else {
        const value = options.source && typeof input.value === 'object' && input.value !== null && !Array.isArray(input.value) && !('source' in input.value) ? { ...input.value, source: options.source } : input.value;
        try {
          const applicant = parseApplicant(value);
          const outcome = await target.service.screen(applicant, {
            actor: options.actor,
            mayAppendToAnyCase: true,
            idempotency: { apiKeyId: IMPORT_IDEMPOTENCY_OWNER, key: `${keyPrefix}:${input.row}`, requestHash: requestHash(value) },
          });
          counts.screened += 1;
          if (outcome.isReplay) counts.replayed += 1;
          if (await wasNewCase(target.pool, outcome.body.caseId, outcome.body.screeningId)) counts.newCases += 1;
          else counts.rescreened += 1;
          counts.bands[outcome.body.band] = (counts.bands[outcome.body.band] ?? 0) + 1;
        } catch (error) {
          if (!(error instanceof AppError) || error.code !== 'validation_failed') throw error;
          reject(input, error.details?.fields ?? [{ path: '(row)', message: error.message }]);
        }
      }
      checkpoint.lastRow = input.row;
      writeCheckpoint(checkpointPath, checkpoint);
      progress.update(input.row);
    }
  } catch (error) {
    progress.finish('stopped');
    writeCheckpoint(checkpointPath, checkpoint);
    if (error instanceof ImportCommandError) throw error;
    throw new ImportCommandError(`Stopped at row ${current} of ${facts.totalRows} (rows up to ${checkpoint.lastRow} are done): ${(error as Error).message}. Run again with --resume to continue`, 1);
  } finally {
    if (errorsFd !== null) fs.closeSync(errorsFd);
  }
  progress.finish();
  checkpoint.completedAt = new Date().toISOString();
  writeCheckpoint(checkpointPath, checkpoint);
  for (const line of formatSummary(checkpoint, { errorsPath: options.errorsPath, resumedAfter })) io.out(line);
  return checkpoint;
}
