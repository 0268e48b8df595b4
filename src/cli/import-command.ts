// `import FILE`: screens every applicant of a CSV or JSON-lines file through the same use case as
// POST /api/v1/screenings, with a progress bar, a per-row error report, a summary and a checkpoint to resume from.
// Resuming never screens a row twice: the checkpoint records the last finished row after each row, and each row is
// sent with an idempotency key (file hash + run + row), so a row committed just before a kill is replayed, not redone.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseApplicant } from '../applicants/parse-applicant';
import { AppError, type FieldProblem } from '../errors';
import type { ScreeningService } from '../screening/screen-applicant';
import { bands } from '../scoring/types';
import { ColumnError } from './applicant-columns';
import { CsvSyntaxError, formatCsvRow } from './csv';
import {
  ImportCommandError,
  openCheckpoint,
  writeCheckpoint,
  type Checkpoint,
  type ImportCounts,
} from './import-checkpoint';
import { examine, formatOf, readRows, type FileFacts, type ImportFormat, type InputRow } from './import-rows';
import { createProgress, type ProgressStream } from './progress';

export { ImportCommandError, formatOf };
export type { Checkpoint, ImportCounts, ImportFormat };

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

export interface ImportTarget {
  service: ScreeningService;
  /** Whether this screening made its case (a `case.created` event), rather than rescreening one (cases/case-events-store.ts). */
  isNewCase(caseId: string, screeningId: string): Promise<boolean>;
}

export interface ImportIo {
  out(line: string): void;
  err(line: string): void;
  progressStream?: ProgressStream;
}

// Idempotency records are kept per API key; imports keep theirs under this fixed owner (no API key has this id).
export const IMPORT_IDEMPOTENCY_OWNER = '00000000-0000-4000-8000-0000000c11a0';

interface ErrorReport {
  reject(input: InputRow, problems: FieldProblem[]): void;
  close(): void;
}

function requestHash(value: unknown): string {
  return crypto.createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

export function formatSummary(
  checkpoint: Checkpoint,
  options: { errorsPath?: string; resumedAfter?: number },
): string[] {
  const c = checkpoint.counts;
  const lines = [
    `${checkpoint.file}: ${c.read} of ${checkpoint.totalRows} row(s) read, ${c.screened} screened (${c.newCases} new case(s), ${c.rescreened} rescreened), ${c.rejected} rejected`,
    `bands: ${bands.map((band) => `${band} ${c.bands[band] ?? 0}`).join(', ')}`,
  ];
  if (options.resumedAfter)
    lines.push(
      `resumed after row ${options.resumedAfter}${c.replayed ? `; ${c.replayed} row(s) committed before the interruption were recognised, not screened again` : ''}`,
    );
  if (c.rejected > 0)
    lines.push(
      options.errorsPath
        ? `rejected rows and their fields: ${options.errorsPath}`
        : 'rejected rows and their fields: see above (stderr)',
    );
  return lines;
}

function checkIsFile(file: string, displayName: string): void {
  try {
    if (!fs.statSync(file).isFile()) throw new Error('not a file');
  } catch (error) {
    throw new ImportCommandError(`Cannot read ${displayName}: ${(error as Error).message}`, 2);
  }
}

/** The file's facts; a bad header or CSV syntax is bad input (exit 2). */
async function examineInput(file: string, format: ImportFormat, displayName: string): Promise<FileFacts> {
  try {
    return await examine(file, format);
  } catch (error) {
    if (error instanceof ColumnError || error instanceof CsvSyntaxError)
      throw new ImportCommandError(`${displayName}: ${error.message}`, 2);
    throw error;
  }
}

/** Rejected rows go to the --errors CSV file (appended to when resuming) or to stderr; each counts as rejected. */
function openErrorReport(
  errorsPath: string | undefined,
  isResume: boolean,
  counts: ImportCounts,
  io: ImportIo,
): ErrorReport {
  let fd: number | null = null;
  if (errorsPath) {
    const isAppending = isResume && fs.existsSync(errorsPath);
    try {
      fd = fs.openSync(errorsPath, isAppending ? 'a' : 'w');
    } catch (error) {
      throw new ImportCommandError(`Cannot write the error report ${errorsPath}: ${(error as Error).message}`, 2);
    }
    if (!isAppending) fs.writeSync(fd, formatCsvRow(['row', 'line', 'field', 'message']));
  }
  return {
    reject(input, problems) {
      for (const problem of problems) {
        if (fd !== null)
          fs.writeSync(
            fd,
            formatCsvRow([input.row, input.line, problem.path, problem.message], { guardFormulas: true }),
          );
        else io.err(`row ${input.row} (line ${input.line}): ${problem.path}: ${problem.message}`);
      }
      counts.rejected += 1;
    },
    close() {
      if (fd !== null) fs.closeSync(fd);
    },
  };
}

/** Screens one row under its idempotency key and counts the outcome; a row the contract refuses is rejected. */
async function screenRow(
  target: ImportTarget,
  options: ImportOptions,
  input: InputRow,
  key: string,
  counts: ImportCounts,
  report: ErrorReport,
): Promise<void> {
  const value =
    options.source &&
    typeof input.value === 'object' &&
    input.value !== null &&
    !Array.isArray(input.value) &&
    !('source' in input.value)
      ? { ...input.value, source: options.source }
      : input.value;
  try {
    const applicant = parseApplicant(value);
    const outcome = await target.service.screen(applicant, {
      actor: options.actor,
      mayAppendToAnyCase: true,
      idempotency: { apiKeyId: IMPORT_IDEMPOTENCY_OWNER, key, requestHash: requestHash(value) },
    });
    counts.screened += 1;
    if (outcome.isReplay) counts.replayed += 1;
    if (await target.isNewCase(outcome.body.caseId, outcome.body.screeningId)) counts.newCases += 1;
    else counts.rescreened += 1;
    counts.bands[outcome.body.band] = (counts.bands[outcome.body.band] ?? 0) + 1;
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'validation_failed') throw error;
    report.reject(input, error.details?.fields ?? [{ path: '(row)', message: error.message }]);
  }
}

interface ImportRun {
  target: ImportTarget;
  options: ImportOptions;
  file: string;
  format: ImportFormat;
  facts: FileFacts;
  checkpoint: Checkpoint;
  checkpointPath: string;
  report: ErrorReport;
  signal?: AbortSignal;
  io: ImportIo;
}

/** Screens the rows after the checkpoint's last one, recording each finished row; a failure leaves the checkpoint to resume from. */
async function screenRows(run: ImportRun): Promise<void> {
  const { checkpoint, facts } = run;
  const progress = createProgress({
    label: 'import',
    unit: 'rows',
    total: facts.totalRows,
    stream: run.io.progressStream,
  });
  const keyPrefix = `import:${facts.sha256.slice(0, 32)}:${checkpoint.runId}`;
  let current = 0;
  try {
    for await (const input of readRows(run.file, run.format, () => undefined)) {
      current = input.row;
      if (input.row <= checkpoint.lastRow) continue;
      if (run.signal?.aborted)
        throw new ImportCommandError(
          `Interrupted after row ${checkpoint.lastRow} of ${facts.totalRows}: run again with --resume to continue`,
          1,
        );
      checkpoint.counts.read += 1;
      if (input.problems) run.report.reject(input, input.problems);
      else await screenRow(run.target, run.options, input, `${keyPrefix}:${input.row}`, checkpoint.counts, run.report);
      checkpoint.lastRow = input.row;
      writeCheckpoint(run.checkpointPath, checkpoint);
      progress.update(input.row);
    }
  } catch (error) {
    progress.finish('stopped');
    writeCheckpoint(run.checkpointPath, checkpoint);
    if (error instanceof ImportCommandError) throw error;
    throw new ImportCommandError(
      `Stopped at row ${current} of ${facts.totalRows} (rows up to ${checkpoint.lastRow} are done): ${(error as Error).message}. Run again with --resume to continue`,
      1,
    );
  }
  progress.finish();
}

/**
 * Runs the import. Returns the final checkpoint (its counts are the summary of the whole file, across resumed runs);
 * throws ImportCommandError for bad usage or input (2) and for a run that stopped (1, resumable).
 */
export async function importApplicants(
  target: ImportTarget,
  options: ImportOptions,
  io: ImportIo,
  signal?: AbortSignal,
): Promise<Checkpoint> {
  const file = path.resolve(options.file);
  if (options.resume && options.restart) throw new ImportCommandError('--resume and --restart exclude each other', 2);
  checkIsFile(file, options.file);
  const format = formatOf(file, options.format);
  const checkpointPath = path.resolve(options.checkpointPath ?? `${file}.checkpoint.json`);
  const facts = await examineInput(file, format, options.file);
  const checkpoint = openCheckpoint(checkpointPath, facts, {
    file,
    displayName: options.file,
    format,
    resume: options.resume,
    restart: options.restart,
  });
  const resumedAfter = options.resume ? checkpoint.lastRow : 0;
  writeCheckpoint(checkpointPath, checkpoint);

  const report = openErrorReport(options.errorsPath, options.resume === true, checkpoint.counts, io);
  try {
    await screenRows({ target, options, file, format, facts, checkpoint, checkpointPath, report, signal, io });
  } finally {
    report.close();
  }
  checkpoint.completedAt = new Date().toISOString();
  writeCheckpoint(checkpointPath, checkpoint);
  for (const line of formatSummary(checkpoint, { errorsPath: options.errorsPath, resumedAfter })) io.out(line);
  return checkpoint;
}
