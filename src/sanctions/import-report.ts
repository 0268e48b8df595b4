// What `sanctions import`, `sanctions update` and `sanctions status` print.
import { builtInDesignationDates, builtInSanctionsEntries } from './builtin-list';
import { describeProblems, type ImportOutcome } from './import-command';
import type { SanctionsFileRecord, SanctionsVersionInfo } from './sanctions-store';

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
