// The sanctions check's own outcome, beside the band: derived from the sanctions findings, so every path that scores
// (new screening, re-screen of the same candidate, new list version, rescoring, dispositions) moves it the same way.
import type { Finding, SanctionsStatus } from './types';

const confirmingIds = new Set(['sanc_sdn_name', 'sanc_crypto_address']);

// A reviewer's "false positive" (or "cleared by a check") on every hit of a finding clears it too.
const isReviewerCleared = (finding: Finding) =>
  (finding.evidence.review as { outcome?: string } | undefined)?.outcome === 'false_positive';

export function sanctionsStatusOf(findings: readonly Finding[]): SanctionsStatus {
  const sanctions = findings.filter((finding) => finding.family === 'sanctions');
  const open = sanctions.filter((finding) => !isReviewerCleared(finding));
  if (open.some((finding) => confirmingIds.has(finding.indicator))) return 'confirmed_match';
  if (open.some((finding) => finding.indicator === 'sanc_sdn_name_possible')) return 'potential_match';
  if (sanctions.length > 0) return 'cleared_by_comparison';
  return 'clear';
}

/** The status in plain words, as pages, the CSV and notifications show it. */
export const sanctionsStatusLabels: Record<SanctionsStatus, string> = {
  clear: 'clear',
  potential_match: 'potential match: needs date of birth',
  confirmed_match: 'confirmed match',
  cleared_by_comparison: 'cleared by comparison',
};
