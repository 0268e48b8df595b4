// The checkpoint of an import: the file's hash, the run and the last finished row, written after each row so that an
// interrupted import resumes where it stopped (and only for the same bytes).
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { FileFacts, ImportFormat } from './import-rows';

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

/** A problem that stops the import before or while it runs; exitCode 2 = bad usage or input, 1 = failed. */
export class ImportCommandError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
  }
}

export function emptyCounts(): ImportCounts {
  return { read: 0, screened: 0, newCases: 0, rescreened: 0, replayed: 0, rejected: 0, bands: {} };
}

export function readCheckpoint(checkpointPath: string): Checkpoint | null {
  let text: string;
  try {
    text = fs.readFileSync(checkpointPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ImportCommandError(`Cannot read the checkpoint ${checkpointPath}: ${(error as Error).message}`, 2);
  }
  try {
    const parsed = JSON.parse(text) as Checkpoint;
    if (parsed.version !== 1 || typeof parsed.lastRow !== 'number' || typeof parsed.sha256 !== 'string')
      throw new Error('not an import checkpoint');
    return parsed;
  } catch (error) {
    throw new ImportCommandError(
      `${checkpointPath} is not an import checkpoint (${(error as Error).message}); remove it or pass --restart`,
      2,
    );
  }
}

// Written to a temporary file and renamed: a kill leaves the previous checkpoint or the new one, never half of one.
export function writeCheckpoint(checkpointPath: string, checkpoint: Checkpoint): void {
  checkpoint.updatedAt = new Date().toISOString();
  const temporary = `${checkpointPath}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(checkpoint, null, 2)}\n`);
  fs.renameSync(temporary, checkpointPath);
}

export interface CheckpointRequest {
  /** The file's resolved path, and its name as the user gave it (for messages). */
  file: string;
  displayName: string;
  format: ImportFormat;
  resume?: boolean;
  restart?: boolean;
}

/** The checkpoint to run from: the stored one (--resume, same bytes only) or a new run; refuses to repeat an unfinished run silently. */
export function openCheckpoint(checkpointPath: string, facts: FileFacts, request: CheckpointRequest): Checkpoint {
  const previous = request.restart ? null : readCheckpoint(checkpointPath);
  if (request.resume) {
    if (!previous)
      throw new ImportCommandError(
        `No checkpoint at ${checkpointPath}: nothing to resume (run without --resume to start)`,
        2,
      );
    if (previous.sha256 !== facts.sha256) {
      throw new ImportCommandError(
        `${request.displayName} changed since the checkpoint was written (its SHA-256 differs): resuming would skip or repeat the wrong rows; pass --restart to import it from the start`,
        2,
      );
    }
    return previous;
  }
  if (previous && previous.sha256 === facts.sha256 && !previous.completedAt) {
    throw new ImportCommandError(
      `An import of ${request.displayName} stopped after row ${previous.lastRow} of ${previous.totalRows} (checkpoint ${checkpointPath}): pass --resume to continue it, or --restart to import the whole file again`,
      2,
    );
  }
  const now = new Date().toISOString();
  return {
    version: 1,
    file: request.file,
    sha256: facts.sha256,
    format: request.format,
    runId: crypto.randomUUID(),
    totalRows: facts.totalRows,
    lastRow: 0,
    counts: emptyCounts(),
    startedAt: now,
    updatedAt: now,
    completedAt: null,
  };
}
