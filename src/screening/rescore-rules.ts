// Rescoring after a rule change: each case's latest applicant snapshot scored again under the current rule set
// (SCORING_RULES), with its links read from the database as they stand; a changed score or band becomes a new
// screening requested by "system:rescore" with a `case.rescored` audit event, in one transaction per case.
import type { RescoreCandidateStore, RescoreFilter } from '../cases/rescore-candidate-store';
import type { RescoringOutcome, RescoringPlan, RescoringStore } from '../cases/rescoring-store';
import type { LinkService } from '../links/link-service';
import { catalogue } from '../scoring/catalogue';
import { biographyDoesNotFit } from '../scoring/indicators/identity';
import { referredByFlaggedCase } from '../scoring/indicators/links';
import { DEFAULT_RULE_SET_VERSION } from '../scoring/rule-set';
import type { Band, Finding } from '../scoring/types';
import type { Scorer } from './scorer';

// Findings the snapshot cannot reproduce are carried over from the latest screening, re-weighted:
// the date of birth is not kept (only the year), and a referral is judged by the referrer's band when it came.
const carriedIndicators = new Set([biographyDoesNotFit.id, referredByFlaggedCase.id]);
const recomputedIndicators = catalogue.filter((indicator) => !carriedIndicators.has(indicator.id));
const defaultPointsById = new Map(catalogue.map((indicator) => [indicator.id, indicator.points]));

export type { RescoreFilter } from '../cases/rescore-candidate-store';

export interface RescoreOutcome {
  caseId: string;
  before: { score: number; band: Band };
  after: { score: number; band: Band };
  isChanged: boolean;
}

function toOutcome(rescored: RescoringOutcome | null): RescoreOutcome | null {
  if (!rescored) return null;
  const { basis, result, isChanged } = rescored;
  return {
    caseId: basis.caseId,
    before: { score: basis.score, band: basis.band as Band },
    after: { score: result.score, band: result.band },
    isChanged,
  };
}

export class RuleRescorer {
  /** `rescoring` must be a store under the scorer's rules (the CLI's configuration), which may differ from the service's. */
  constructor(
    private readonly candidates: RescoreCandidateStore,
    private readonly rescoring: RescoringStore,
    private readonly scorer: Scorer,
    private readonly links: LinkService,
  ) {}

  get ruleSetVersion(): string {
    return this.scorer.ruleSet.version;
  }

  /** How many cases match the filter (erased cases are never rescored). */
  count(filter: RescoreFilter): Promise<number> {
    return this.candidates.countMatching(filter);
  }

  /** The ids of matching cases, in id order, a batch at a time. */
  caseIds(filter: RescoreFilter, batch = 500): AsyncGenerator<string> {
    return this.candidates.matchingIds(filter, batch);
  }

  /** The case's score under the current rules, without writing anything; null when there is nothing to score. */
  async preview(caseId: string): Promise<RescoreOutcome | null> {
    return toOutcome(await this.rescoring.preview(caseId, this.plan(caseId)));
  }

  /** Rescores one case; writes a new screening and an audit event when its score or band changes. */
  async rescore(caseId: string, runBy: string): Promise<RescoreOutcome | null> {
    return toOutcome(await this.rescoring.rescore(caseId, this.plan(caseId, runBy), 'system:rescore'));
  }

  // Everything the snapshot can reproduce, under the current rules: the context as of the screening (profile ages are
  // measured from it), links as they stand now (the link plan's context).
  private plan(caseId: string, runBy?: string): RescoringPlan {
    const linkContext = this.links.linkPlan(caseId).context!;
    return {
      recompute: recomputedIndicators,
      context: async (applicant, basis, session) => ({
        ...this.scorer.context(applicant, basis.snapshotAt),
        links: (await linkContext(applicant, basis, session)).links,
      }),
      carry: (finding, basis) => this.reweight(finding, basis.ruleSetVersion),
      isChanged: (basis, result) => result.score !== basis.score || result.band !== basis.band,
      requestedBy: 'system:rescore',
      action: 'case.rescored',
      why: (basis, result) => ({
        snapshot: { reason: 'rule set', previousRuleSetVersion: basis.ruleSetVersion },
        data: {
          reason: 'rule set',
          previousRuleSetVersion: basis.ruleSetVersion,
          ruleSetVersion: result.ruleSetVersion,
          runBy,
        },
      }),
    };
  }

  // Points stored under the default rules are the observed points; under other custom rules they are kept as scored
  // (the overrides that weighted them are not stored, only their digest).
  private reweight(finding: Finding, scoredUnder: string): Finding {
    const override = this.scorer.ruleSet.points[finding.indicator];
    if (scoredUnder !== DEFAULT_RULE_SET_VERSION || override === undefined) return finding;
    return {
      ...finding,
      points: Math.round((finding.points * override) / Math.max(1, defaultPointsById.get(finding.indicator) ?? 1)),
    };
  }
}
