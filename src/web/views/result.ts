// The recruiter's result page: band and score, then each finding explained, its evidence masked as on the case page.
import type { CaseDetail } from '../../cases/case-types';
import { maskEvidence } from '../../cases/masking';
import type { Finding } from '../../scoring/types';
import { COLLECT_IDENTIFIERS } from '../../scoring/indicators/sanctions';
import { sanctionsStatusLabels } from '../../scoring/sanctions-status';
import { html } from '../html';
import { bandBadge, findingsByFamily, STATUS_LABELS } from './findings';
import { page, type PageContext } from './layout';

const BAND_ADVICE: Record<string, string> = {
  low: 'Nothing here needs the security team. Continue the usual hiring steps.',
  medium: 'Some signs need checking. Do the checks below before an offer.',
  high: 'Strong signs of a false identity. Do not make an offer or ship equipment until the security team has reviewed the case.',
  critical: 'Stop: do not make an offer, ship equipment or pay until the security team has decided.',
};

export function resultPage(context: PageContext, detail: CaseDetail, options: { isNew: boolean }): string {
  const latest = detail.screenings[0];
  return page(
    context,
    `Result for ${detail.subjectName}`,
    html`<h1>Screening result: ${detail.subjectName}</h1>
${options.isNew ? html`<p class="notice ok" role="status">The candidate was screened and the case was saved.</p>` : ''}
<div class="card scorebox">
<div><div class="muted">Risk score</div><div class="score">${detail.score}<span class="muted"> / 100</span></div></div>
<div><div class="muted">Band</div>${bandBadge(detail.band)}</div>
<div><div class="muted">Review status</div><span class="status">${STATUS_LABELS[detail.status] ?? detail.status}</span></div>
<p>${BAND_ADVICE[detail.band] ?? ''}</p>
</div>
${detail.sanctionsStatus === 'potential_match'
  ? html`<div class="card notice" role="status"><strong>Sanctions check: ${sanctionsStatusLabels.potential_match}.</strong> The name is like a name on a sanctions list; this is not evidence against the candidate and does not change the band. ${COLLECT_IDENTIFIERS}</div>`
  : detail.sanctionsStatus !== 'clear'
    ? html`<p><strong>Sanctions check:</strong> ${sanctionsStatusLabels[detail.sanctionsStatus]}.</p>`
    : ''}
<p class="muted">Screened ${latest ? new Date(latest.createdAt).toUTCString() : ''} under rule set ${detail.ruleSetVersion}. The software ranks and explains; people decide.</p>
${findingsByFamily((latest?.findings ?? []).map((finding) => ({ ...finding, evidence: maskEvidence(finding.evidence) as Finding['evidence'] })))}
<p class="actions"><a class="button secondary" href="/candidates/new">Screen another candidate</a><a href="/submissions">My submissions</a></p>`,
  );
}
