// The top of the case and its record: why it was flagged, the recommended checks, and the applicant as submitted.
import type { CaseDetail, CaseEventRecord } from '../../cases/case-types';
import type { FindingReview } from '../../scoring/dispositions';
import type { Finding } from '../../scoring/types';
import { html, type SafeHtml } from '../html';
import { bandBadge, evidenceList, sanctionsStatusBadge } from './findings';
import { countedPoints, plainAdvice, findingHeadline, indicatorLabel } from '../../presentation/plain-language';
import { defaultRuleSet } from '../../scoring/rule-set';
import { csrfField, type PageContext } from './layout';
import { maskSnapshot } from '../../cases/masking';
import { OUTCOME_LABELS } from './case-finding-forms';
import type { CasePageOptions } from './case-page-options';

// Why the case was flagged: the findings that carry points, biggest first, in plain words.
export function whyFlagged(detail: CaseDetail, findings: Finding[]): SafeHtml {
  const counting = findings.filter((finding) => finding.points > 0).sort((a, b) => b.points - a.points);
  const counted = countedPoints(findings, defaultRuleSet.familyCaps, defaultRuleSet.maxScore);
  const top = counting.slice(0, 5);
  return html`<section class="card why" aria-labelledby="why-title"><h2 id="why-title">Why this case was flagged</h2>
<p class="scoreline"><span class="score">${detail.score}</span><span class="muted"> / 100</span> ${bandBadge(detail.band)} <span class="muted">Sanctions check:</span> ${sanctionsStatusBadge(detail.sanctionsStatus)}</p>
${
  top.length === 0
    ? html`<p>No finding carries points: nothing points to fraud in what was submitted.</p>`
    : html`<ol class="reasons">${top.map((finding) => html`<li><a href="#finding-${finding.indicator}">${indicatorLabel(finding.indicator)}</a> <span class="points">${finding.points} point${finding.points === 1 ? '' : 's'}</span><br><span class="muted">${findingHeadline(finding)}</span></li>`)}</ol>
${counting.length > top.length ? html`<p class="muted">${counting.length - top.length} more finding${counting.length - top.length === 1 ? '' : 's'} with points below.</p>` : ''}
${counted.total !== counting.reduce((sum, finding) => sum + finding.points, 0) ? html`<p class="muted">Findings add up to ${counting.reduce((sum, finding) => sum + finding.points, 0)} points; each family counts up to its limit and the score stops at 100.</p>` : ''}`
}
</section>`;
}

// The recommended checks, one per finding with points, and what was recorded for each.
export function checklist(
  options: CasePageOptions,
  findings: Finding[],
  reviews: Map<string, FindingReview>,
): SafeHtml {
  const counting = findings
    .filter((finding) => finding.points > 0 || reviews.has(finding.indicator))
    .sort((a, b) => b.points - a.points);
  if (counting.length === 0) return html``;
  const checks = new Map<string, CaseEventRecord>();
  for (const event of options.detail.events)
    if (event.action === 'case.verification_recorded') checks.set(String(event.data.indicator), event);
  const statusOf = (finding: Finding): [string, string] => {
    const check = checks.get(finding.indicator);
    if (check)
      return [
        `done-${String(check.data.outcome)}`,
        OUTCOME_LABELS[String(check.data.outcome)] ?? String(check.data.outcome),
      ];
    const review = reviews.get(finding.indicator);
    if (review)
      return review.outcome === 'false_positive'
        ? ['done-passed', 'Marked false positive']
        : review.outcome === 'partly'
          ? ['todo', 'Partly judged']
          : ['done-failed', 'Confirmed'];
    return ['todo', 'To do'];
  };
  return html`<section class="card" aria-labelledby="checks-title"><h2 id="checks-title">Recommended checks</h2>
<ul class="checklist">${counting.map((finding) => {
    const [kind, label] = statusOf(finding);
    return html`<li class="${kind}"><span class="check-status">${label}</span> <a href="#finding-${finding.indicator}">${indicatorLabel(finding.indicator)}</a>: ${firstSentence(plainAdvice(finding.recommendedAction))}</li>`;
  })}</ul></section>`;
}

const firstSentence = (text: string) => /^(.+?[.!?])(\s|$)/.exec(text)?.[1] ?? text;

// The applicant as first submitted (a system rescreen keeps no input of its own), masked unless revealed.
export function applicantRecord(detail: CaseDetail, isRevealed: boolean): Record<string, unknown> {
  const original =
    detail.screenings.find((screening) => !screening.requestedBy.startsWith('system:')) ?? detail.screenings[0];
  return isRevealed ? (original?.inputSnapshot ?? {}) : maskSnapshot(original?.inputSnapshot ?? {});
}

export function applicantSummary(detail: CaseDetail, context: PageContext, isRevealed: boolean): SafeHtml {
  const snapshot = applicantRecord(detail, isRevealed);
  const pick = (key: string) => snapshot[key] as Record<string, unknown> | undefined;
  const person = pick('person') ?? {};
  return html`<details class="card applicant"${isRevealed ? html` open` : ''}><summary><h2 id="applicant-title">Applicant as submitted</h2></summary>
${evidenceList({
  legalName: person.legalName,
  otherNames: person.otherNames,
  householdMembers: person.householdMembers,
  email: person.email,
  phone: person.phone,
  birthYear: person.birthYear,
  claimedLocation: pick('claimedLocation'),
  homeAddress: pick('residentialAddress'),
  laptopShipping: pick('shipping'),
  payment: pick('payment'),
  identityDocument: pick('identityDocument'),
  position: pick('position'),
  references: snapshot.references,
})}
<p class="muted">Dates of birth are kept as the year only; account numbers and IBANs only as their last four characters.</p>
${
  isRevealed
    ? html`<p class="notice" role="status">Contact details, street addresses and the names of other people are shown to you now; this view is recorded in the audit trail.</p>`
    : html`<form method="post" action="/cases/${detail.id}/reveal">${csrfField(context.csrfToken)}<p class="muted">Contact details, street lines, the wallet address and the names of other people (references, the laptop's recipient, the account holder, household members) are masked.</p><button type="submit" class="secondary">Show masked values (recorded in the audit trail)</button></form>`
}
</details>`;
}
