// `purge --older-than DAYS`: the retention policy. Erases the personal data of closed cases (cleared, confirmed as
// fraud, withdrawn, closed at intake with no findings) not updated for DAYS days, one case per transaction (src/cases/erasure-store.ts);
// decisions, scores, bands and the audit trail stay. --dry-run counts them and writes nothing.
import type { ErasureCounts, ErasureOutcome, RetentionQuery } from '../cases/erasure-store';
import { createProgress, type ProgressStream } from './progress';

export const CLOSED_STATUSES = ['cleared', 'confirmed_fraud', 'withdrawn', 'no_findings'];

export interface PurgeOptions {
  olderThanDays: number;
  isDryRun: boolean;
  actor: string;
}

export interface PurgeSummary {
  cutoff: string;
  matching: number;
  byStatus: Record<string, number>;
  erased: number;
  totals: ErasureCounts;
}

const BATCH = 500;

/** What the purge reads and erases (cases/erasure-store.ts, bound to the pool by the composition). */
export interface RetentionStore {
  /** The database's now minus `days`. */
  cutoff(days: number): Promise<Date>;
  countDue(due: RetentionQuery): Promise<{ status: string; n: number }[]>;
  idsDue(due: RetentionQuery, afterId: string, limit: number): Promise<string[]>;
  /** Erases the case if it is still due, in its own transaction; null when it is not any more. */
  eraseIfStillDue(due: RetentionQuery, caseId: string, actor: string, reason: string): Promise<ErasureOutcome | null>;
}

export async function runPurge(
  store: RetentionStore,
  options: PurgeOptions,
  io: { out(line: string): void; progressStream?: ProgressStream },
): Promise<PurgeSummary> {
  const cutoff = await store.cutoff(options.olderThanDays);
  const due: RetentionQuery = { statuses: CLOSED_STATUSES, cutoff };
  const counted = await store.countDue(due);
  const byStatus = Object.fromEntries(counted.map((row) => [row.status, row.n]));
  const matching = counted.reduce((sum, row) => sum + row.n, 0);
  const totals: ErasureCounts = {
    screenings: 0,
    identifiers: 0,
    sharedIdentifiers: 0,
    idempotentAnswers: 0,
    webhookBodies: 0,
    otherCasesRedacted: 0,
  };
  const summary: PurgeSummary = { cutoff: cutoff.toISOString(), matching, byStatus, erased: 0, totals };
  const statusList =
    Object.entries(byStatus)
      .map(([status, n]) => `${status} ${n}`)
      .join(', ') || 'none';
  io.out(
    `${matching} closed case(s) last updated before ${summary.cutoff} (${options.olderThanDays} days) with personal data: ${statusList}`,
  );
  if (options.isDryRun || matching === 0) {
    if (options.isDryRun) io.out('Dry run: nothing was erased');
    return summary;
  }

  const reason = `retention: closed and not updated for more than ${options.olderThanDays} days`;
  const progress = createProgress({ label: 'purge', unit: 'cases', total: matching, stream: io.progressStream });
  let cursor = '00000000-0000-0000-0000-000000000000';
  let done = 0;
  for (;;) {
    const ids = await store.idsDue(due, cursor, BATCH);
    for (const id of ids) {
      const outcome = await store.eraseIfStillDue(due, id, options.actor, reason);
      done += 1;
      progress.update(done);
      if (outcome?.status !== 'erased') continue;
      summary.erased += 1;
      for (const key of Object.keys(totals) as (keyof ErasureCounts)[]) totals[key] += outcome.counts[key];
    }
    if (ids.length < BATCH) break;
    cursor = ids.at(-1)!;
  }
  progress.finish();
  io.out(
    `Erased the personal data of ${summary.erased} case(s): ${totals.screenings} screening(s) emptied, ${totals.identifiers} link identifier(s) deleted, ` +
      `${totals.idempotentAnswers} stored answer(s) deleted, ${totals.webhookBodies} webhook body(ies) cleared, ${totals.otherCasesRedacted} linked record(s) redacted; decisions, scores and the audit trail are kept`,
  );
  return summary;
}
