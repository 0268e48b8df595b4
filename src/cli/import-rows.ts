// The rows of an import file (CSV with a header of field paths, or JSON lines), read as a stream, and the facts
// checked before anything is written: the file's SHA-256, its row count, its header and syntax.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FieldProblem } from '../errors';
import { ColumnError, readHeader, rowToApplicant, type Column } from './applicant-columns';
import { CsvReader } from './csv';

export type ImportFormat = 'csv' | 'jsonl';

export interface InputRow {
  row: number;
  line: number;
  value?: unknown;
  problems?: FieldProblem[];
}

export interface FileFacts {
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
    return head
      .subarray(0, size)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trimStart()
      .startsWith('{')
      ? 'jsonl'
      : 'csv';
  } finally {
    fs.closeSync(fd);
  }
}

const isBlank = (line: string) => line.trim() === '';

/** Reads the file's rows, one at a time, with their row number and the line each starts on. */
export async function* readRows(
  file: string,
  format: ImportFormat,
  onBytes: (bytes: number) => void,
): AsyncGenerator<InputRow> {
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
        yield 'problems' in mapped
          ? { row, line: record.line, problems: mapped.problems }
          : { row, line: record.line, value: mapped.value };
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
export async function examine(file: string, format: ImportFormat): Promise<FileFacts> {
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
