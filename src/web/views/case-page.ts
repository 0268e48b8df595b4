// A case for the security team: summary, actions, findings by family (sanctions beside the listed entry),
// score history, linked cases and the full audit timeline. This file lays the page out; its parts are in case-*.ts.
import type { FindingReview } from '../../scoring/dispositions';
import type { Finding } from '../../scoring/types';
import { html } from '../html';
import { bandBadge, findingsByFamily, humanise, timeTag } from './findings';
import { defaultRuleSet } from '../../scoring/rule-set';
import { okNotice, page, type PageContext } from './layout';
import { maskEvidence } from '../../cases/masking';
import { scoreHistoryChart } from './score-chart';
import { secondReviewSection } from './second-review';
import type { CasePageOptions } from './case-page-options';
import { describeEvent } from './case-audit';
import { actionForms, decisionBanner } from './case-decision';
import { markForm, reviewBlock, verificationBlock } from './case-finding-forms';
import { linksSection } from './case-links';
import { sanctionsCheckSection, sanctionsEvidence } from './case-sanctions';
import { applicantRecord, applicantSummary, checklist, whyFlagged } from './case-summary';

export type { CasePageOptions } from './case-page-options';
export { VERIFICATION_OUTCOMES } from './case-finding-forms';

export function casePage(context: PageContext, options: CasePageOptions): string {
  const { detail } = options;
  const latest = detail.screenings[0];
  // A reviewed finding's note is shown beside its forms, not among the evidence.
  const reviews = new Map<string, FindingReview>();
  const shown = (latest?.findings ?? []).map((finding) => {
    const { review, ...evidence } = finding.evidence;
    if (review) reviews.set(finding.indicator, review as FindingReview);
    return { ...finding, evidence };
  });
  return page(
    context,
    `Case: ${detail.subjectName}`,
    html`<div class="case-page">
<p class="crumbs"><a href="/queue">← Review queue</a>${options.nextCaseId ? html` · <a href="/cases/${options.nextCaseId}">Next case →</a>` : ''}<span class="narrow-only"> · <a href="#actions-title">Assign, note, decide ↓</a></span></p>
<h1>${detail.subjectName} ${bandBadge(detail.band)}</h1>
${okNotice(options.notice)}
${options.errors ? html`<div class="error-summary" role="alert" id="error-summary"><h2>The change was not saved</h2><ul>${Object.entries(options.errors.fields).map(([field, message]) => html`<li>${humanise(field)}: ${message}</li>`)}</ul></div>` : ''}
${decisionBanner(options)}
<div class="case-layout">
<div class="case-main">
${secondReviewSection(context, { caseId: detail.id, approvals: detail.pendingApprovals, actorName: options.actorName, me: options.me, errors: options.errors })}
${whyFlagged(detail, shown)}
${checklist(options, shown, reviews)}
${sanctionsCheckSection(detail)}
<h2 id="findings-title">Findings of the latest screening</h2>
${findingsByFamily(
  options.isRevealed
    ? shown
    : shown.map((finding) => ({ ...finding, evidence: maskEvidence(finding.evidence) as Finding['evidence'] })),
  {
    evidence: (finding) => sanctionsEvidence(finding, options, applicantRecord(detail, options.isRevealed ?? false)),
    footer: (finding) =>
      html`${reviewBlock(reviews.get(finding.indicator), options)}${markForm(finding, options, context)}${verificationBlock(finding, options, context)}`,
  },
  defaultRuleSet,
)}
${linksSection(options.links, detail, applicantRecord(detail, options.isRevealed ?? false))}
<section class="card" aria-labelledby="history-title"><h2 id="history-title">Score history</h2>${scoreHistoryChart(detail.screenings)}</section>
${applicantSummary(detail, context, options.isRevealed ?? false)}
<section class="card" aria-labelledby="about-title"><h2 id="about-title">About this case</h2><dl class="evidence">
<dt>Score</dt><dd><strong>${detail.score}</strong> / 100 (rule set ${detail.ruleSetVersion})</dd>
<dt>Source</dt><dd>${detail.source}${detail.externalId ? ` / ${detail.externalId}` : ''}</dd>
<dt>Submitted by</dt><dd>${options.actorName(detail.createdBy)}</dd>
<dt>Opened</dt><dd>${timeTag(detail.createdAt)}</dd>
</dl></section>
<section aria-labelledby="timeline-title" id="timeline"><h2 id="timeline-title">Audit timeline</h2>
<p class="muted">Times are in UTC; hold the pointer over one for the exact instant.</p>
<ol class="timeline">${[...detail.events].reverse().map((event) => html`<li>${timeTag(event.createdAt)} · ${options.actorName(event.actor)}<br>${describeEvent(event)}</li>`)}</ol>
</section>
</div>
${actionForms(options, context)}
</div>
</div>`,
    { wide: true },
  );
}
