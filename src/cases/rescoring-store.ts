// The one rescoring store: what a rescoring starts from (the case, its latest screening and applicant snapshot, its
// reviewers' dispositions) and the screening the system adds when something outside the applicant changed (a new
// link, a new sanctions list, new rules, a reviewer's judgement): the new screening, the case's new score and an audit
// event with before and after, in one transaction. What is recomputed is the pure scoring/rescore.ts.
import type pg from 'pg';
import { applicantFromSnapshot } from '../applicants/snapshot';
import type { Applicant } from '../applicants/applicant-schema';
import { inTransaction, type Queryable } from '../db/prisma-client';
import { inSession, queryableOf, toSession, type DbSession } from '../db/session';
import type { ScreeningContext } from '../intel/gather-context';
import type { Disposition, DispositionKind } from '../scoring/dispositions';
import { isMaterialChange, rescore } from '../scoring/rescore';
import type { RuleSet } from '../scoring/rule-set';
import type { Finding, Indicator, ScoreResult } from '../scoring/types';
import { writeRescoredScreening } from './rescored-screening-store';

/** What a rescoring starts from: the case now, its latest screening, and the latest snapshot of the applicant. */
export interface RescoringBasis {
  caseId: string;
  score: number;
  band: string;
  status: string;
  /** The latest screening (a system rescore's too): its id, findings and rule-set version. */
  latestScreeningId: string;
  findings: Finding[];
  ruleSetVersion: string;
  /** The latest screening that saw the applicant (not one the system added), its snapshot and when it was taken. */
  snapshotId: string;
  inputSnapshot: Record<string, unknown>;
  snapshotAt: Date;
}

type BasisRow = {
  case_id: string;
  score: number;
  band: string;
  status: string;
  latest_id: string;
  findings: RescoringBasis['findings'];
  rule_set_version: string;
  snapshot_id: string;
  input_snapshot: Record<string, unknown>;
  snapshot_at: Date;
};

const BASES = `SELECT c.id::text AS case_id, c.score, c.band::text AS band, c.status::text AS status, latest.id::text AS latest_id, latest.findings,
            latest.rule_set_version, original.id::text AS snapshot_id, original.input_snapshot, original.created_at AS snapshot_at
     FROM cases c
     CROSS JOIN LATERAL (SELECT id, findings, rule_set_version FROM screenings WHERE case_id = c.id ORDER BY created_at DESC LIMIT 1) latest
     CROSS JOIN LATERAL (SELECT id, input_snapshot, created_at FROM screenings WHERE case_id = c.id AND requested_by NOT LIKE 'system:%' ORDER BY created_at DESC LIMIT 1) original
     WHERE c.id = ANY($1::uuid[]) AND c.personal_data_erased_at IS NULL`;

const toBasis = (row: BasisRow): RescoringBasis => ({
  caseId: row.case_id,
  score: row.score,
  band: row.band,
  status: row.status,
  latestScreeningId: row.latest_id,
  findings: row.findings,
  ruleSetVersion: row.rule_set_version,
  snapshotId: row.snapshot_id,
  inputSnapshot: row.input_snapshot,
  snapshotAt: row.snapshot_at,
});

/**
 * The basis for rescoring a case; null when it has no screening of the applicant or its personal data was erased
 * (nothing left to score). `lock` takes the case row FOR UPDATE (the caller's transaction).
 */
async function loadRescoringBasis(
  client: Queryable,
  caseId: string,
  options: { lock: boolean },
): Promise<RescoringBasis | null> {
  const { rows } = await client.query<BasisRow>(`${BASES}${options.lock ? ' FOR UPDATE OF c' : ''}`, [[caseId]]);
  return rows[0] ? toBasis(rows[0]) : null;
}

/** The bases of many cases in one statement (no locks), in no particular order. */
async function loadRescoringBases(client: Queryable, caseIds: string[]): Promise<RescoringBasis[]> {
  const { rows } = await client.query<BasisRow>(BASES, [caseIds]);
  return rows.map(toBasis);
}

type Client = Queryable;

export interface DispositionRow {
  indicator: string;
  subject: string | null;
  disposition: DispositionKind;
  reason: string;
  actor: string;
  created_at: Date;
}

const COLUMNS = `d.indicator, d.subject, d.disposition::text AS disposition, d.reason, d.actor, d.created_at`;
export const toDisposition = (row: DispositionRow): Disposition => ({
  indicator: row.indicator,
  subject: row.subject,
  disposition: row.disposition,
  reason: row.reason,
  actor: row.actor,
  createdAt: row.created_at.toISOString(),
});

/** A case's dispositions, oldest first (the order applyDispositions expects). */
export async function dispositionsOfCase(client: Client, caseId: string): Promise<Disposition[]> {
  const { rows } = await client.query<DispositionRow>(
    `SELECT ${COLUMNS} FROM finding_dispositions d WHERE d.case_id = $1 ORDER BY d.id`,
    [caseId],
  );
  return rows.map(toDisposition);
}

/** The dispositions of many cases in one query, each case's oldest first. */
async function dispositionsOfCases(client: Client, caseIds: string[]): Promise<Map<string, Disposition[]>> {
  const { rows } = await client.query<DispositionRow & { case_id: string }>(
    `SELECT d.case_id::text AS case_id, ${COLUMNS} FROM finding_dispositions d WHERE d.case_id = ANY($1::uuid[]) ORDER BY d.id`,
    [caseIds],
  );
  const byCase = new Map<string, Disposition[]>();
  for (const row of rows) byCase.set(row.case_id, [...(byCase.get(row.case_id) ?? []), toDisposition(row)]);
  return byCase;
}

/** What one kind of rescoring recomputes and how it is recorded. */
export interface RescoringPlan {
  /** The indicators evaluated again; every other finding of the latest screening is kept. */
  recompute: readonly Indicator[];
  /** A fresh context for the snapshot (links as they stand now, a new sanctions list, ...). */
  context?(
    applicant: Applicant,
    basis: RescoringBasis,
    session: DbSession,
  ): ScreeningContext | Promise<ScreeningContext>;
  /** The contexts of many cases at once (rescoreMany), in the bases' order; otherwise context() one by one. */
  contexts?(applicants: Applicant[], bases: RescoringBasis[], session: DbSession): Promise<ScreeningContext[]>;
  /** Kept findings changed on the way (re-weighted under new rules). */
  carry?: (finding: Finding, basis: RescoringBasis) => Finding;
  /** Whether the result is worth a new screening; by default a change of score, band, or a finding's points or severity. */
  isChanged?: (basis: RescoringBasis, result: ScoreResult) => boolean;
  requestedBy: string;
  action: string;
  /** Why, kept in the new screening's snapshot and the audit event. */
  why: (
    basis: RescoringBasis,
    result: ScoreResult,
  ) => { snapshot: Record<string, unknown>; data: Record<string, unknown> };
}

export interface RescoringOutcome {
  basis: RescoringBasis;
  result: ScoreResult;
  isChanged: boolean;
  /** The screening written, when it was. */
  screeningId?: string;
}

export class RescoringStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly ruleSet: RuleSet,
  ) {}

  /** The basis of one case, its row locked in the session's transaction; null when there is nothing to score. */
  lockedBasis(session: DbSession, caseId: string): Promise<RescoringBasis | null> {
    return loadRescoringBasis(queryableOf(session), caseId, { lock: true });
  }

  /** The case rescored under the plan, nothing written (a dry run); null when there is nothing to score. */
  async preview(caseId: string, plan: RescoringPlan): Promise<RescoringOutcome | null> {
    const basis = await loadRescoringBasis(this.pool, caseId, { lock: false });
    return basis ? this.compute(toSession(this.pool), basis, plan, await dispositionsOfCase(this.pool, caseId)) : null;
  }

  /** Rescores the case in a transaction of its own (its row locked); writes a screening only when it changed. */
  rescore(caseId: string, plan: RescoringPlan, actor: string): Promise<RescoringOutcome | null> {
    return inSession(this.pool, (session) => this.rescoreIn(session, caseId, plan, actor));
  }

  /** As rescore(), in the caller's transaction; `always` writes the screening even when nothing changed. */
  async rescoreIn(
    session: DbSession,
    caseId: string,
    plan: RescoringPlan,
    actor: string,
    options: { always?: boolean } = {},
  ): Promise<RescoringOutcome | null> {
    const tx = queryableOf(session);
    const basis = await loadRescoringBasis(tx, caseId, { lock: true });
    if (!basis) return null;
    const outcome = await this.compute(session, basis, plan, await dispositionsOfCase(tx, caseId));
    if (!outcome.isChanged && !options.always) return outcome;
    return { ...outcome, screeningId: await this.write(tx, outcome, plan, actor) };
  }

  /**
   * Many cases under one plan, read together (a statement per question, not per case), each changed one written in a
   * transaction of its own once its row is locked, unless a newer screening came in meanwhile (which saw the same
   * tables). Returns how many were written.
   */
  async rescoreMany(caseIds: string[], plan: RescoringPlan, actor: string): Promise<number> {
    if (caseIds.length === 0) return 0;
    const bases = await loadRescoringBases(this.pool, caseIds);
    const dispositions = await dispositionsOfCases(this.pool, caseIds);
    const applicants = bases.map((basis) => applicantFromSnapshot(basis.inputSnapshot));
    const contexts = plan.contexts ? await plan.contexts(applicants, bases, toSession(this.pool)) : undefined;
    let written = 0;
    for (const [index, basis] of bases.entries()) {
      const context = contexts
        ? contexts[index]
        : plan.context
          ? await plan.context(applicants[index]!, basis, toSession(this.pool))
          : undefined;
      const outcome = this.outcomeOf(basis, plan, applicants[index]!, context, dispositions.get(basis.caseId) ?? []);
      if (!outcome.isChanged) continue;
      const isWritten = await inTransaction(this.pool, async (tx) => {
        const { rows } = await tx.query<{ latest: string }>(
          `SELECT (SELECT id::text FROM screenings WHERE case_id = c.id ORDER BY created_at DESC LIMIT 1) AS latest FROM cases c WHERE c.id = $1 FOR UPDATE`,
          [basis.caseId],
        );
        if (rows[0]?.latest !== basis.latestScreeningId) return false;
        await this.write(tx, outcome, plan, actor);
        return true;
      });
      if (isWritten) written += 1;
    }
    return written;
  }

  private async write(tx: Queryable, outcome: RescoringOutcome, plan: RescoringPlan, actor: string): Promise<string> {
    const { basis, result } = outcome;
    const { snapshot, data } = plan.why(basis, result);
    return writeRescoredScreening(tx, {
      caseId: basis.caseId,
      result,
      snapshot: { rescoredFrom: basis.snapshotId, ...snapshot },
      requestedBy: plan.requestedBy,
      actor,
      action: plan.action,
      before: { score: basis.score, band: basis.band },
      data,
    });
  }

  private async compute(
    session: DbSession,
    basis: RescoringBasis,
    plan: RescoringPlan,
    dispositions: Disposition[],
  ): Promise<RescoringOutcome> {
    const applicant = applicantFromSnapshot(basis.inputSnapshot);
    return this.outcomeOf(
      basis,
      plan,
      applicant,
      plan.context ? await plan.context(applicant, basis, session) : undefined,
      dispositions,
    );
  }

  private outcomeOf(
    basis: RescoringBasis,
    plan: RescoringPlan,
    applicant: Applicant,
    context: ScreeningContext | undefined,
    dispositions: Disposition[],
  ): RescoringOutcome {
    const result = rescore({
      applicant,
      context,
      previous: basis.findings,
      recompute: plan.recompute,
      carry: plan.carry && ((finding) => plan.carry!(finding, basis)),
      dispositions,
      ruleSet: this.ruleSet,
    });
    const isChanged = plan.isChanged ? plan.isChanged(basis, result) : isMaterialChange(basis, result);
    return { basis, result, isChanged };
  }
}
