// What the queue says about a case at a glance: its top reasons in words, and long values cut to fit. Pure.
import type { Finding } from '../scoring/types';

/** The findings that weigh most (a false positive no longer counts), as their messages: the "why flagged" of a case. */
export function topReasons(findings: readonly Finding[], count = 3): string[] {
  const review = (finding: Finding) => finding.evidence.review as { outcome?: string } | undefined;
  return (
    findings
      .filter((finding) => review(finding)?.outcome !== 'false_positive')
      .map((finding, order) => ({ finding, order }))
      // Heaviest first; 0-point findings (a name-only sanctions match) still say why a case is worth a look.
      .sort((a, b) => b.finding.points - a.finding.points || a.order - b.order)
      .slice(0, count)
      .map(({ finding }) => finding.message)
  );
}

/** `value` cut to `max` characters (with …) so one long unbroken value cannot widen a table. */
export function cutText(value: string, max: number): { text: string; isCut: boolean } {
  const characters = [...value];
  return characters.length <= max
    ? { text: value, isCut: false }
    : { text: `${characters.slice(0, max - 1).join('')}…`, isCut: true };
}
