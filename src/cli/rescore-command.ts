// `rescore`: after a rule change (SCORING_RULES), scores the matching cases again under the current rule set;
// --dry-run prints how bands would move (old band x new band) and writes nothing.
import type { RescoreFilter, RescoreOutcome, RuleRescorer } from '../screening/rescore-rules';
import { bands, type Band } from '../scoring/types';
import { createProgress, type ProgressStream } from './progress';

export interface RescoreOptions extends RescoreFilter {
  isDryRun: boolean;
  /** Who ran the command (recorded in each audit event). */
  runBy: string;
}

export interface RescoreSummary {
  examined: number;
  /** Cases whose score or band changes (dry run: would change). */
  changed: number;
  bandChanged: number;
  /** matrix[old][new] = cases. */
  matrix: Record<Band, Record<Band, number>>;
}

/** The band movement table: rows are bands before, columns after. */
export function formatMatrix(matrix: RescoreSummary['matrix']): string[] {
  const width = Math.max(
    ...bands.map((band) => band.length + 2),
    ...bands.flatMap((from) => bands.map((to) => String(matrix[from][to]).length + 2)),
  );
  const header = `${'before \\ after'.padEnd(16)}${bands.map((band) => band.padStart(width)).join('')}`;
  return [
    header,
    ...bands.map((from) => `${from.padEnd(16)}${bands.map((to) => String(matrix[from][to]).padStart(width)).join('')}`),
  ];
}

export async function runRescore(
  rescorer: RuleRescorer,
  options: RescoreOptions,
  io: { out(line: string): void; progressStream?: ProgressStream },
): Promise<RescoreSummary> {
  const matrix = Object.fromEntries(
    bands.map((from) => [from, Object.fromEntries(bands.map((to) => [to, 0]))]),
  ) as RescoreSummary['matrix'];
  const summary: RescoreSummary = { examined: 0, changed: 0, bandChanged: 0, matrix };
  const total = await rescorer.count(options);
  const progress = createProgress({
    label: options.isDryRun ? 'rescore (dry run)' : 'rescore',
    unit: 'cases',
    total,
    stream: io.progressStream,
  });
  let done = 0;
  for await (const caseId of rescorer.caseIds(options)) {
    const outcome: RescoreOutcome | null = options.isDryRun
      ? await rescorer.preview(caseId)
      : await rescorer.rescore(caseId, options.runBy);
    done += 1;
    progress.update(done);
    if (!outcome) continue;
    summary.examined += 1;
    matrix[outcome.before.band][outcome.after.band] += 1;
    if (outcome.isChanged) summary.changed += 1;
    if (outcome.before.band !== outcome.after.band) summary.bandChanged += 1;
  }
  progress.finish();
  io.out(`Rule set ${rescorer.ruleSetVersion}: ${summary.examined} case(s) examined`);
  for (const line of formatMatrix(matrix)) io.out(line);
  io.out(
    options.isDryRun
      ? `Dry run: ${summary.changed} case(s) would change score or band (${summary.bandChanged} of them band); nothing was written`
      : `${summary.changed} case(s) rescored (${summary.bandChanged} changed band), each with a new screening and a case.rescored audit event`,
  );
  return summary;
}
