// Rescoring after a rule change: each case's latest applicant snapshot scored again under the current rule set
// (SCORING_RULES), with its links read from the database as they stand; a changed score or band becomes a new
// screening requested by "system:rescore" with a `case.rescored` audit event, in one transaction per case.
import type pg from 'pg';
import type { Applicant } from '../applicants/applicant-schema';
import { withCaseDispositions } from '../cases/finding-dispositions';
import { loadRescoringBasis, writeRescoredScreening, type RescoringBasis } from '../cases/rescored-screening';
import { inTransaction } from '../db/prisma-client';
import type { LinkContext, LinkedCase } from '../intel/gather-context';
import { findLinkedCases, fingerprintsOfCase } from '../links/link-repository';
import { catalogue } from '../scoring/catalogue';
import { biographyDoesNotFit } from '../scoring/indicators/identity';
import { referredByFlaggedCase } from '../scoring/indicators/links';
import { withoutReview } from '../scoring/dispositions';
import { DEFAULT_RULE_SET_VERSION } from '../scoring/rule-set';
import { evaluateIndicators, summarise } from '../scoring/score-applicant';
import type { Band, Finding, ScoreResult } from '../scoring/types';
import type { Scorer } from './scorer';

// Findings the snapshot cannot reproduce are carried over from the latest screening, re-weighted:
// the date of birth is not kept (only the year), and a referral is judged by the referrer's band when it came.
const carriedIndicators = new Set([biographyDoesNotFit.id, referredByFlaggedCase.id]);
const recomputedIndicators = catalogue.filter((indicator) => !carriedIndicators.has(indicator.id));
const defaultPointsById = new Map(catalogue.map((indicator) => [indicator.id, indicator.points]));
const decisiveIds = new Set(catalogue.filter((indicator) => indicator.isDecisive).map((indicator) => indicator.id));

export interface RescoreFilter {
  bands?: Band[];
  /** Cases created at or after this time. */
  since?: Date;
  statuses: string[];
}

export interface RescoreOutcome {
  caseId: string;
  before: { score: number; band: Band };
  after: { score: number; band: Band };
  isChanged: boolean;
}

function toLinkContext(rows: { kind: string; caseId: string; subjectName: string; band: string; score: number; sharedCount: number }[]): LinkContext {
  const byKind: Partial<Record<string, LinkedCase[]>> = {};
  for (const row of rows) (byKind[row.kind] ??= []).push({ caseId: row.caseId, subjectName: row.subjectName, band: row.band, score: row.score, sharedCount: row.sharedCount });
  return { isChecked: true, byKind, referrer: null };
}

export class RuleRescorer {
  constructor(
    private readonly pool: pg.Pool,
    private readonly scorer: Scorer,
  ) {}

  get ruleSetVersion(): string {
    return this.scorer.ruleSet.version;
  }

  /** How many cases match the filter (erased cases are never rescored). */
  async count(filter: RescoreFilter): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases c WHERE ${this.where()}`, this.params(filter));
    return rows[0]!.n;
  }

  /** The ids of matching cases, in id order, a batch at a time. */
  async *caseIds(filter: RescoreFilter, batch = 500): AsyncGenerator<string> {
    let cursor = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const { rows } = await this.pool.query<{ id: string }>(
        `SELECT c.id::text AS id FROM cases c WHERE ${this.where()} AND c.id > $4::uuid ORDER BY c.id LIMIT ${batch}`,
        [...this.params(filter), cursor],
      );
      for (const row of rows) yield row.id;
      if (rows.length < batch) return;
      cursor = rows.at(-1)!.id;
    }
  }

  /** The case's score under the current rules, without writing anything; null when there is nothing to score. */
  async preview(caseId: string): Promise<RescoreOutcome | null> {
    const basis = await loadRescoringBasis(this.pool, caseId, { lock: false });
    return basis ? this.outcome(basis, await this.recompute(this.pool, basis)) : null;
  }

  /** Rescores one case; writes a new screening and an audit event when its score or band changes. */
  async rescore(caseId: string, runBy: string): Promise<RescoreOutcome | null> {
    return inTransaction(this.pool, async (tx) => {
      const basis = await loadRescoringBasis(tx, caseId, { lock: true });
      if (!basis) return null;
      const result = await this.recompute(tx, basis);
      const outcome = this.outcome(basis, result);
      if (!outcome.isChanged) return outcome;
      await writeRescoredScreening(tx, {
        caseId,
        result,
        snapshot: { rescoredFrom: basis.snapshotId, reason: 'rule set', previousRuleSetVersion: basis.ruleSetVersion },
        requestedBy: 'system:rescore',
        actor: 'system:rescore',
        action: 'case.rescored',
        before: { score: basis.score, band: basis.band },
        data: { reason: 'rule set', previousRuleSetVersion: basis.ruleSetVersion, ruleSetVersion: result.ruleSetVersion, runBy },
      });
      return outcome;
    });
  }

  private outcome(basis: RescoringBasis, result: ScoreResult): RescoreOutcome {
    return {
      caseId: basis.caseId,
      before: { score: basis.score, band: basis.band as Band },
      after: { score: result.score, band: result.band },
      isChanged: result.score !== basis.score || result.band !== basis.band,
    };
  }

  private async recompute(client: pg.Pool | pg.PoolClient, basis: RescoringBasis): Promise<ScoreResult> {
    const applicant = basis.inputSnapshot as unknown as Applicant;
    // The context as of the screening (profile ages are measured from it), links as they stand now.
    const context = this.scorer.context(applicant, basis.snapshotAt);
    const linked = await findLinkedCases(client, await fingerprintsOfCase(client, basis.caseId), { caseId: basis.caseId });
    const fresh = evaluateIndicators(applicant, { ...context, links: toLinkContext(linked) }, this.scorer.ruleSet, recomputedIndicators).findings;
    const carried = basis.findings.filter((finding) => carriedIndicators.has(finding.indicator)).map((finding) => this.reweight(withoutReview(finding), basis.ruleSetVersion));
    const findings = [...fresh, ...carried];
    // Reviewers' dispositions (false positives, checks' outcomes) are honoured under the new rules too.
    return withCaseDispositions(client, basis.caseId, summarise(findings, this.scorer.ruleSet, findings.some((finding) => decisiveIds.has(finding.indicator))), this.scorer.ruleSet);
  }

  // Points stored under the default rules are the observed points; under other custom rules they are kept as scored
  // (the overrides that weighted them are not stored, only their digest).
  private reweight(finding: Finding, scoredUnder: string): Finding {
    const override = this.scorer.ruleSet.points[finding.indicator];
    if (scoredUnder !== DEFAULT_RULE_SET_VERSION || override === undefined) return finding;
    return { ...finding, points: Math.round((finding.points * override) / Math.max(1, defaultPointsById.get(finding.indicator) ?? 1)) };
  }

  private where(): string {
    return `c.personal_data_erased_at IS NULL AND c.status::text = ANY($1::text[])
      AND ($2::text[] IS NULL OR c.band::text = ANY($2::text[])) AND ($3::timestamptz IS NULL OR c.created_at >= $3::timestamptz)`;
  }

  private params(filter: RescoreFilter): unknown[] {
    return [filter.statuses, filter.bands ?? null, filter.since ?? null];
  }
}
