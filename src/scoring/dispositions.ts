// Reviewers' dispositions applied to a score: a finding marked false positive (or cleared by a check) keeps its
// place with 0 points and a note; a confirmed one keeps its points with a note; score and band are recomputed. Pure.
import { catalogue } from './catalogue';
import type { RuleSet } from './rule-set';
import { summarise } from './score-applicant';
import type { Finding, ScoreResult } from './types';

export const dispositionKinds = ['false_positive', 'confirmed', 'cleared_by_check', 'confirmed_by_check'] as const;
export type DispositionKind = (typeof dispositionKinds)[number];

export interface Disposition {
  indicator: string;
  /** The hit it judges: a listed entry's uid (sanctions), the other case's id (links); null for the whole finding. */
  subject: string | null;
  disposition: DispositionKind;
  reason: string;
  actor: string;
  /** ISO 8601. */
  createdAt: string;
}

/** What a disposed finding carries in evidence.review: what it was before, and the judgements applied. */
export interface FindingReview {
  originalPoints: number;
  originalMessage: string;
  /** 'false_positive' (every hit judged so: 0 points), 'confirmed', or 'partly' (some hits judged false positive). */
  outcome: 'false_positive' | 'confirmed' | 'partly';
  marks: {
    subject: string | null;
    disposition: DispositionKind;
    reason: string;
    actor: string;
    at: string;
    note: string;
  }[];
}

/** Indicators whose finding forces the critical band (sanctions with an agreeing identifier, a listed wallet, an IP-KVM). */
export const decisiveIndicatorIds: ReadonlySet<string> = new Set(
  catalogue.filter((indicator) => indicator.isDecisive).map((indicator) => indicator.id),
);
const clears = (kind: DispositionKind) => kind === 'false_positive' || kind === 'cleared_by_check';

const LABELS: Record<DispositionKind, string> = {
  false_positive: 'marked false positive',
  confirmed: 'confirmed',
  cleared_by_check: 'cleared by a check',
  confirmed_by_check: 'confirmed by a check',
};

/** "marked false positive by user:… on 2026-11-23: reason". */
export function dispositionNote(mark: Pick<Disposition, 'disposition' | 'actor' | 'createdAt' | 'reason'>): string {
  return `${LABELS[mark.disposition]} by ${mark.actor} on ${mark.createdAt.slice(0, 10)}: ${mark.reason}`;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The hits a finding names, each judged on its own: the listed entries of a sanctions finding, the other cases of a
 * link finding (or the referrer). Empty for findings about the applicant alone (judged as a whole).
 */
export function findingSubjects(finding: Pick<Finding, 'family' | 'evidence'>): string[] {
  const evidence = finding.evidence;
  const ids = (value: unknown, key: string) =>
    Array.isArray(value)
      ? value
          .filter(isRecord)
          .map((item) => item[key])
          .filter((id): id is string => typeof id === 'string')
      : [];
  if (finding.family === 'sanctions') return [...new Set(ids(evidence.matches, 'uid'))];
  if (finding.family === 'links') {
    const cases = [...ids(evidence.linkedCases, 'caseId'), ...ids(evidence.householdCases, 'caseId')];
    if (typeof evidence.referrerCaseId === 'string') cases.push(evidence.referrerCaseId);
    return [...new Set(cases)];
  }
  return [];
}

/** The finding as scored, before any disposition (a stored finding may already carry one). */
export function withoutReview(finding: Finding): Finding {
  const review = finding.evidence.review;
  if (!isRecord(review) || typeof review.originalPoints !== 'number' || typeof review.originalMessage !== 'string')
    return finding;
  const { review: _review, ...evidence } = finding.evidence;
  return { ...finding, points: review.originalPoints, message: review.originalMessage, evidence };
}

function latestByKey(dispositions: readonly Disposition[]): Map<string, Disposition> {
  const latest = new Map<string, Disposition>();
  // Later rows win: dispositions come oldest first (insertion order).
  for (const disposition of dispositions)
    latest.set(`${disposition.indicator}\u0000${disposition.subject ?? ''}`, disposition);
  return latest;
}

function applyToFinding(original: Finding, latest: Map<string, Disposition>): { finding: Finding; isCleared: boolean } {
  const subjects = findingSubjects(original);
  const keys = subjects.length > 0 ? subjects : [null];
  const marks = keys.flatMap((subject) => {
    const mark = latest.get(`${original.indicator}\u0000${subject ?? ''}`);
    return mark ? [mark] : [];
  });
  if (marks.length === 0) return { finding: original, isCleared: false };
  const isCleared = marks.length === keys.length && marks.every((mark) => clears(mark.disposition));
  const outcome: FindingReview['outcome'] = isCleared
    ? 'false_positive'
    : marks.some((mark) => clears(mark.disposition))
      ? 'partly'
      : 'confirmed';
  const review: FindingReview = {
    originalPoints: original.points,
    originalMessage: original.message,
    outcome,
    marks: marks.map((mark) => ({
      subject: mark.subject,
      disposition: mark.disposition,
      reason: mark.reason,
      actor: mark.actor,
      at: mark.createdAt,
      note: dispositionNote(mark),
    })),
  };
  const suffix = isCleared
    ? ` (${subjects.length > 1 ? 'every hit ' : ''}${LABELS[marks.at(-1)!.disposition]} on ${marks.at(-1)!.createdAt.slice(0, 10)}: 0 points)`
    : outcome === 'partly'
      ? ` (${marks.filter((mark) => clears(mark.disposition)).length} of ${keys.length} hits marked false positive; the rest still count)`
      : ` (${LABELS[marks.at(-1)!.disposition]} on ${marks.at(-1)!.createdAt.slice(0, 10)})`;
  return {
    finding: {
      ...original,
      points: isCleared ? 0 : original.points,
      message: `${original.message}${suffix}`,
      evidence: { ...original.evidence, review },
    },
    isCleared,
  };
}

/**
 * `result` with the reviewers' dispositions applied (oldest first; the latest per indicator and hit counts). A finding
 * counts as cleared only when every hit it names is marked false positive or cleared by a check: a new hit (another
 * listed entry, another linked case) brings it back. A decisive finding forces critical only while not cleared.
 * Findings already carrying an older review are first restored to their scored points.
 */
export function applyDispositions(
  result: ScoreResult,
  dispositions: readonly Disposition[],
  ruleSet: RuleSet,
  decisiveIds: ReadonlySet<string> = decisiveIndicatorIds,
): ScoreResult {
  const hasReview = result.findings.some((finding) => finding.evidence.review !== undefined);
  if (dispositions.length === 0 && !hasReview) return result;
  const latest = latestByKey(dispositions);
  let isDecisive = false;
  const findings = result.findings.map((stored) => {
    const { finding, isCleared } = applyToFinding(withoutReview(stored), latest);
    if (!isCleared && decisiveIds.has(finding.indicator)) isDecisive = true;
    return finding;
  });
  return { ...summarise(findings, ruleSet, isDecisive), ruleSetVersion: result.ruleSetVersion };
}
