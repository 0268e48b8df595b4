// Below each finding: what reviewers decided about it, the checks recorded, and the forms to mark it or record a check.
import { findingSubjects, type FindingReview } from '../../scoring/dispositions';
import type { Finding } from '../../scoring/types';
import { html, type SafeHtml } from '../html';
import { timeTag } from './findings';
import { select, textarea } from './forms';
import { csrfField, type PageContext } from './layout';
import type { CasePageOptions } from './case-page-options';

export const VERIFICATION_OUTCOMES = [
  ['passed', 'Passed: the check supports the applicant'],
  ['failed', 'Failed: the check confirms the concern'],
  ['inconclusive', 'Inconclusive'],
  ['refused', 'The applicant refused'],
] as const;
export const OUTCOME_LABELS: Record<string, string> = Object.fromEntries(
  VERIFICATION_OUTCOMES.map(([value, label]) => [value, label.split(':')[0]!]),
);

// The checks recorded for a finding, and a form (closed until opened) to record another.
export function verificationBlock(finding: Finding, options: CasePageOptions, context: PageContext): SafeHtml {
  const checks = options.detail.events.filter(
    (event) => event.action === 'case.verification_recorded' && event.data.indicator === finding.indicator,
  );
  const form = `verify:${finding.indicator}`;
  const errors = options.errors?.form === form ? options.errors.fields : {};
  const values = options.errors?.form === form ? options.errors.values : {};
  const id = `verify-${finding.indicator}`;
  return html`${
    checks.length > 0
      ? html`<div class="checks"><strong>Checks recorded:</strong><ul>${checks.map((check) => html`<li><span class="status">${OUTCOME_LABELS[String(check.data.outcome)] ?? String(check.data.outcome)}</span> ${String(check.data.note ?? '')} <span class="muted">(${options.actorName(check.actor)}, ${timeTag(check.createdAt)})</span></li>`)}</ul></div>`
      : ''
  }
<details${options.errors?.form === form ? html` open` : ''}><summary>Record the check for this finding</summary>
<form method="post" action="/cases/${options.detail.id}/verifications" class="verify">${csrfField(context.csrfToken)}<input type="hidden" name="indicator" value="${finding.indicator}">
${select({ name: 'outcome', label: 'Outcome', choices: [['', 'Choose…'], ...VERIFICATION_OUTCOMES], value: values.outcome, error: errors.outcome, idPrefix: id })}
${textarea({ name: 'note', label: 'What was done', hint: 'e.g. "live video with the ID beside the face", "bank letter in the applicant\'s name received". Kept with the case. Passed clears this finding (0 points), failed confirms it: the case is rescored at once, and later screenings honour it.', value: values.note, error: errors.note, rows: 2, idPrefix: id })}
<div class="actions"><button type="submit" class="secondary">Record the check</button></div></form></details>`;
}

// What reviewers decided about a finding (evidence.review, src/scoring/dispositions.ts), shown above its forms.
export function reviewBlock(review: FindingReview | undefined, options: CasePageOptions): SafeHtml {
  if (!review) return html``;
  const heading =
    review.outcome === 'false_positive'
      ? `Not counted: was ${review.originalPoints} points`
      : review.outcome === 'partly'
        ? 'Some hits marked false positive'
        : 'Confirmed by a reviewer';
  return html`<div class="review"><strong>${heading}</strong><ul>${review.marks.map((mark) => html`<li>${mark.subject ? html`<code>${mark.subject}</code>: ` : ''}${mark.note.replace(mark.actor, options.actorName(mark.actor))}</li>`)}</ul></div>`;
}

// Sanctions hits and links are judged one hit at a time: a new listed entry or linked case counts again.
function hitLabel(finding: Finding, subject: string): string {
  const items = [
    ...((finding.evidence.matches as Record<string, unknown>[] | undefined) ?? []),
    ...((finding.evidence.linkedCases as Record<string, unknown>[] | undefined) ?? []),
    ...((finding.evidence.householdCases as Record<string, unknown>[] | undefined) ?? []),
  ];
  const item = items.find((candidate) => candidate.uid === subject || candidate.caseId === subject);
  const name = item ? String(item.entryName ?? item.subjectName ?? '') : '';
  return finding.family === 'sanctions'
    ? `Entry ${subject}${name ? ` (${name})` : ''}`
    : name
      ? `The case of ${name}`
      : 'Another case';
}

export function markForm(finding: Finding, options: CasePageOptions, context: PageContext): SafeHtml {
  if (finding.family !== 'sanctions' && finding.family !== 'links') return html``;
  const form = `mark:${finding.indicator}`;
  const errors = options.errors?.form === form ? options.errors.fields : {};
  const values = options.errors?.form === form ? options.errors.values : {};
  const id = `mark-${finding.indicator}`;
  const subjects = findingSubjects(finding);
  const hitChoices: [string, string][] = [
    ['', subjects.length > 1 ? 'Every hit listed here' : 'This hit'],
    ...(subjects.length > 1 ? subjects.map((subject): [string, string] => [subject, hitLabel(finding, subject)]) : []),
  ];
  return html`<details${options.errors?.form === form ? html` open` : ''}><summary>Mark as false positive (or confirm)</summary>
<form method="post" action="/cases/${options.detail.id}/findings/${finding.indicator}/disposition" class="verify">${csrfField(context.csrfToken)}
${subjects.length > 1 ? select({ name: 'subject', label: 'Which hit', choices: hitChoices, value: values.subject, error: errors.subject, idPrefix: id }) : ''}
${select({
  name: 'disposition',
  label: 'Judgement',
  choices: [
    ['', 'Choose a judgement'],
    ['false_positive', 'False positive: not this applicant'],
    ['confirmed', 'Confirmed: the hit is right'],
  ],
  value: values.disposition,
  error: errors.disposition,
  idPrefix: id,
})}
${textarea({ name: 'reason', label: 'Reason for this judgement', hint: 'Required, e.g. "date of birth and nationality differ from the listed entry". A false positive counts 0 points from now on (a new hit still counts); the case is rescored at once, except a sanctions false positive, which waits for a second reviewer’s approval.', value: values.reason, error: errors.reason, rows: 2, idPrefix: id })}
<div class="actions"><button type="submit" class="secondary">Mark the finding</button></div></form></details>`;
}
