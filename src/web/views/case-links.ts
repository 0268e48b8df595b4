// The linked cases: the graph, and a table grouped by shared value (a farm's address named, a link to its group).
import type { CaseDetail } from '../../cases/case-types';
import type { CaseLinks } from '../../links/link-views';
import { html, type SafeHtml } from '../html';
import { bandBadge, identifierKind, STATUS_LABELS } from './findings';
import { linkGraph } from './link-graph';
import { sharedValueWords } from './shared-value';

export function linksSection(links: CaseLinks, detail: CaseDetail, applicant: Record<string, unknown>): SafeHtml {
  return html`<section aria-labelledby="links-title"><h2 id="links-title">Linked cases</h2>
${
  links.links.length === 0
    ? html`<p class="muted">No other case shares an identifier with this one.</p>`
    : html`<div class="card">${linkGraph(links, { name: detail.subjectName, band: detail.band })}</div><div class="table-scroll"><table><thead><tr><th scope="col">Applicant</th><th scope="col">Band</th><th scope="col" class="num">Score</th><th scope="col">Status</th></tr></thead>
${links.links.map((group) => {
  const value = sharedValueWords(group.kind, applicant);
  // Several cases behind one address is how a laptop farm shows: one group, the address named.
  const isFarm = (group.kind === 'shipping_address' || group.kind === 'residential_address') && group.total >= 2;
  return html`<tbody><tr><th scope="rowgroup" colspan="4">${isFarm ? html`<a class="farm" href="/farms/${group.kind}/${group.valueId}">Possible laptop farm:</a> ` : ''}${identifierKind(group.kind)}${value ? html` <span class="shared-value">${value}</span>` : ''}: shared with ${group.total} other case${group.total === 1 ? '' : 's'}${group.nextAfter ? html` (<a href="/cases/${detail.id}?linksAfter=${group.nextAfter}#links-title">next ${group.cases.length}</a>)` : ''}</th></tr>
${group.cases.map((linked) => html`<tr><td><a href="/cases/${linked.id}">${linked.subjectName}</a></td><td>${bandBadge(linked.band)}</td><td class="num">${linked.score}</td><td>${STATUS_LABELS[linked.status] ?? linked.status}</td></tr>`)}</tbody>`;
})}</table></div>`
}
</section>`;
}
