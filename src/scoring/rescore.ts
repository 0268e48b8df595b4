// The one rescoring rule: some indicators recomputed from a case's latest applicant snapshot and a fresh context,
// every other finding of its latest screening kept, the case's reviewers' dispositions honoured. Pure.
import type { Applicant } from '../applicants/applicant-schema';
import type { ScreeningContext } from '../intel/gather-context';
import { applyDispositions, decisiveIndicatorIds, withoutReview, type Disposition } from './dispositions';
import type { RuleSet } from './rule-set';
import { evaluateIndicators, summarise } from './score-applicant';
import type { Finding, Indicator, ScoreResult } from './types';

export interface RescoreInput {
  /** The latest snapshot of the applicant (a system rescoring never sees the applicant again). */
  applicant: Applicant;
  /** Needed when anything is recomputed. */
  context?: ScreeningContext;
  /** The latest screening's findings (a system one's too). */
  previous: Finding[];
  /** The indicators to evaluate again; the previous findings of any other indicator are kept as they are. */
  recompute: readonly Indicator[];
  /** The previous findings to carry over changed (re-weighted under new rules), when they cannot be recomputed. */
  carry?: (finding: Finding) => Finding;
  dispositions: readonly Disposition[];
  ruleSet: RuleSet;
}

export function rescore(input: RescoreInput): ScoreResult {
  const recomputed = new Set(input.recompute.map((indicator) => indicator.id));
  const kept = input.previous
    .filter((finding) => !recomputed.has(finding.indicator))
    .map(withoutReview)
    .map(input.carry ?? ((finding) => finding));
  if (input.recompute.length > 0 && !input.context)
    throw new Error('a rescoring that recomputes indicators needs a context');
  const fresh =
    input.recompute.length > 0
      ? evaluateIndicators(input.applicant, input.context!, input.ruleSet, input.recompute).findings
      : [];
  const findings = [...kept, ...fresh];
  const scored = summarise(
    findings,
    input.ruleSet,
    findings.some((finding) => decisiveIndicatorIds.has(finding.indicator)),
  );
  return applyDispositions(scored, input.dispositions, input.ruleSet);
}

/** Whether a rescoring changed what a reviewer weighs: the score, the band, or any finding's points or severity. */
export function isMaterialChange(
  before: { score: number; band: string; findings: Finding[] },
  after: ScoreResult,
): boolean {
  if (before.score !== after.score || before.band !== after.band) return true;
  const weights = (findings: Finding[]) =>
    findings
      .map((finding) => `${finding.indicator}:${finding.points}:${finding.severity}`)
      .sort()
      .join(',');
  return weights(before.findings) !== weights(after.findings);
}
