// Benchmarks `cli import` end to end (the real command as a child process) on BENCH_ROWS applicants, as JSON lines
// and as CSV, into a throwaway database; prints rows per second, asserts nothing.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatCsvRow } from '../src/cli/csv';
import { applicantBody, withExternalId } from './applicant-bodies';
import {
  boundedInteger,
  createBenchDatabase,
  query,
  teardown,
  teardownOnSignals,
  teardownSteps,
} from './bench-support';

const root = path.resolve(__dirname, '..');

// Dotted paths as the CSV import reads them: lists of objects by position, lists of values joined with ";".
function flatten(value: unknown, prefix: string, into: Map<string, string>): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    if (value.every((item) => typeof item !== 'object' || item === null)) into.set(prefix, value.join(';'));
    else value.forEach((item, index) => flatten(item, `${prefix}.${index}`, into));
  } else if (typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, into);
  } else {
    into.set(prefix, String(value));
  }
}

function writeInputs(dir: string, rows: number): { jsonl: string; csv: string } {
  const applicants = Array.from(
    { length: rows },
    (_, n) => JSON.parse(withExternalId(applicantBody(n), `bench-${n}`)) as Record<string, unknown>,
  );
  const jsonl = path.join(dir, 'applicants.jsonl');
  fs.writeFileSync(jsonl, `${applicants.map((applicant) => JSON.stringify(applicant)).join('\n')}\n`);
  const flat = applicants.map((applicant) => {
    const cells = new Map<string, string>();
    flatten({ ...applicant, source: 'bench-csv' }, '', cells);
    return cells;
  });
  const columns = [...new Set(flat.flatMap((cells) => [...cells.keys()]))].sort();
  const csv = path.join(dir, 'applicants.csv');
  fs.writeFileSync(
    csv,
    formatCsvRow(columns) +
      flat.map((cells) => formatCsvRow(columns.map((column) => cells.get(column) ?? ''))).join(''),
  );
  console.log(
    `wrote ${rows} applicants: ${jsonl} (${(fs.statSync(jsonl).size / 1e6).toFixed(1)} MB), ${csv} (${columns.length} columns, ${(fs.statSync(csv).size / 1e6).toFixed(1)} MB)`,
  );
  return { jsonl, csv };
}

function runImport(
  databaseUrl: string,
  file: string,
): Promise<{ seconds: number; stdout: string; stderr: string; code: number | null }> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/index.ts'), 'import', file], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        LINK_KEY: process.env.LINK_KEY ?? 'b2'.repeat(32),
        LOG_LEVEL: 'warn',
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ seconds: Number(process.hrtime.bigint() - started) / 1e9, stdout, stderr, code }),
    );
  });
}

async function main(): Promise<void> {
  teardownOnSignals();
  const adminUrl = process.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';
  const rows = boundedInteger('BENCH_ROWS', 10_000, 10, 1_000_000);
  console.log(`machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-import-'));
  teardownSteps.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  const inputs = writeInputs(dir, rows);
  const databaseUrl = await createBenchDatabase(adminUrl, 'bench_import');

  for (const [label, file] of [
    ['JSON lines', inputs.jsonl],
    ['CSV', inputs.csv],
  ] as const) {
    const result = await runImport(databaseUrl, file);
    if (result.code !== 0) throw new Error(`import of ${label} exited ${result.code}:\n${result.stderr.slice(-2000)}`);
    const timing = /import: ([\d,]+) rows in ([\d.]+) s/.exec(result.stderr);
    const importSeconds = timing ? Number(timing[2]) : result.seconds;
    console.log(`\n${label}: ${rows} rows`);
    console.log(result.stdout.trim());
    console.log(
      `  wall time (process start to exit): ${result.seconds.toFixed(1)} s = ${(rows / result.seconds).toFixed(0)} rows/s`,
    );
    console.log(
      `  import loop (after start-up and the file check): ${importSeconds.toFixed(1)} s = ${(rows / importSeconds).toFixed(0)} rows/s`,
    );
  }
  const [counts] = await query<{ cases: number; screenings: number }>(
    databaseUrl,
    `SELECT (SELECT count(*)::int FROM cases) AS cases, (SELECT count(*)::int FROM screenings) AS screenings`,
  );
  console.log(`\ndatabase: ${counts!.cases} cases, ${counts!.screenings} screenings (system link rescorings included)`);
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => teardown());
