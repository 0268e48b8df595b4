// `export`: cases with their current score, band, status and latest decision, as CSV or JSON lines; the same fields
// the case list API answers with (no applicant snapshot, no findings), read in id order a batch at a time.
import fs from 'node:fs';
import path from 'node:path';
import type { ExportedCase, ExportFilter } from '../cases/case-export-store';
import { caseSummaryFields } from '../cases/case-types';
import { formatCsvRow } from './csv';

export type { ExportedCase, ExportFilter };

export type ExportFormat = 'csv' | 'jsonl';

/** The cases to export, read in id order a batch at a time (cases/case-export-store.ts). */
export type ExportedCases = (filter: ExportFilter) => AsyncIterable<ExportedCase>;

export const exportColumns: (keyof ExportedCase)[] = [...caseSummaryFields, 'decision', 'decidedBy', 'decidedAt'];

/**
 * Writes the export to `out` (a file: written beside it and renamed at the end, so a failed export leaves no
 * half-written file) or to stdout. Returns how many cases were written.
 */
export async function exportCases(
  exportedCases: ExportedCases,
  filter: ExportFilter,
  format: ExportFormat,
  out: string | undefined,
  onCase?: (done: number) => void,
): Promise<number> {
  const target = out ? path.resolve(out) : null;
  const temporary = target ? `${target}.${process.pid}.tmp` : null;
  const fd = temporary ? fs.openSync(temporary, 'w') : null;
  let count = 0;
  let buffer = '';
  // stdout may be a pipe: wait for each write to drain rather than fill memory or write synchronously to it.
  const flush = async () => {
    const text = buffer;
    buffer = '';
    if (!text) return;
    if (fd !== null) fs.writeSync(fd, text);
    else
      await new Promise<void>((resolve, reject) =>
        process.stdout.write(text, (error) => (error ? reject(error) : resolve())),
      );
  };
  try {
    if (format === 'csv') buffer += formatCsvRow(exportColumns);
    for await (const exported of exportedCases(filter)) {
      buffer +=
        format === 'csv'
          ? formatCsvRow(
              exportColumns.map((column) => exported[column]),
              { guardFormulas: true },
            )
          : `${JSON.stringify(exported)}\n`;
      count += 1;
      if (buffer.length > 64 * 1024) await flush();
      onCase?.(count);
    }
    await flush();
    if (fd !== null && temporary && target) {
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      fs.renameSync(temporary, target);
    }
    return count;
  } catch (error) {
    if (fd !== null && temporary) {
      fs.closeSync(fd);
      fs.rmSync(temporary, { force: true });
    }
    throw error;
  }
}
