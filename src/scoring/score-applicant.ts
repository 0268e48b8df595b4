// The scoring engine: (applicant, context) -> findings -> score and band. Pure and deterministic.
import type { Applicant } from '../applicants/applicant-schema';
import type { ScreeningContext } from '../intel/gather-context';
import { catalogue } from './catalogue';
import { defaultRuleSet, type RuleSet } from './rule-set';
import { sanctionsStatusOf } from './sanctions-status';
import type { Band, Family, Finding, Indicator, ScoreResult } from './types';

export function bandFor(score: number, ruleSet: RuleSet): Band {
  if (score >= ruleSet.thresholds.critical) return 'critical';
  if (score >= ruleSet.thresholds.high) return 'high';
  if (score >= ruleSet.thresholds.medium) return 'medium';
  return 'low';
}

/** Evaluates indicators into findings, with the rule set's point overrides applied. */
export function evaluateIndicators(
  applicant: Applicant,
  context: ScreeningContext,
  ruleSet: RuleSet,
  indicators: readonly Indicator[],
): { findings: Finding[]; isDecisive: boolean } {
  const findings: Finding[] = [];
  let isDecisive = false;
  for (const indicator of indicators) {
    const observation = indicator.evaluate(applicant, context);
    if (!observation) continue;
    isDecisive ||= indicator.isDecisive === true;
    const observed = observation.points ?? indicator.points;
    const override = ruleSet.points[indicator.id];
    findings.push({
      indicator: indicator.id,
      family: indicator.family,
      severity: observation.severity ?? indicator.severity,
      points: override === undefined ? observed : Math.round((observed * override) / Math.max(1, indicator.points)),
      message: observation.message,
      evidence: observation.evidence,
      source: indicator.source,
      recommendedAction: indicator.recommendedAction,
    });
  }
  return { findings, isDecisive };
}

/** Score and band of a set of findings: per-family caps, the total cap, and decisive findings forcing critical. */
export function summarise(findings: Finding[], ruleSet: RuleSet, isDecisive: boolean): ScoreResult {
  const perFamily = new Map<Family, number>();
  for (const finding of findings) perFamily.set(finding.family, (perFamily.get(finding.family) ?? 0) + finding.points);
  let total = 0;
  for (const [family, points] of perFamily) total += Math.min(points, ruleSet.familyCaps[family]);
  const score = Math.min(total, ruleSet.maxScore);
  const sorted = [...findings].sort((a, b) => b.points - a.points);
  return {
    score,
    band: isDecisive ? 'critical' : bandFor(score, ruleSet),
    sanctionsStatus: sanctionsStatusOf(findings),
    ruleSetVersion: ruleSet.version,
    findings: sorted,
  };
}

export function scoreApplicant(
  applicant: Applicant,
  context: ScreeningContext,
  ruleSet: RuleSet = defaultRuleSet,
  indicators: readonly Indicator[] = catalogue,
): ScoreResult {
  const { findings, isDecisive } = evaluateIndicators(applicant, context, ruleSet, indicators);
  return summarise(findings, ruleSet, isDecisive);
}
