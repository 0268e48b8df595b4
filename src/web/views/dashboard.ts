// The security team's dashboard: open cases by band and status, the oldest open case, top indicators this week.
import type { Dashboard } from '../../cases/case-dashboard';
import { OPEN_STATUSES } from '../../cases/case-dashboard';
import { bands } from '../../scoring/types';
import { html } from '../html';
import { bandBadge, FAMILY_LABELS, STATUS_LABELS } from './findings';
import { page, type PageContext } from './layout';
import { findingHeadline, indicatorLabel } from '../../presentation/plain-language';
import type { Finding } from '../../scoring/types';
import { cut, formatAge } from './queue';

export function dashboardPage(
  context: PageContext,
  dashboard: Dashboard,
  options: { now: number; slaHours: number },
): string {
  const count = (band: string, status: string) =>
    dashboard.openByBandAndStatus.find((row) => row.band === band && row.status === status)?.count ?? 0;
  const total = dashboard.openByBandAndStatus.reduce((sum, row) => sum + row.count, 0);
  const oldest = dashboard.oldestOpen;
  const oldestAge = oldest ? options.now - Date.parse(oldest.createdAt) : 0;
  return page(
    context,
    'Dashboard',
    html`<h1>Dashboard</h1>
<div class="grid-2">
<section class="card" aria-labelledby="open-title"><h2 id="open-title">Open cases: <span class="stat">${total}</span></h2>
<table><thead><tr><th scope="col">Band</th>${OPEN_STATUSES.map((status) => html`<th scope="col" class="num">${STATUS_LABELS[status]}</th>`)}<th scope="col" class="num">All open</th></tr></thead>
<tbody>${[...bands].reverse().map((band) => html`<tr><th scope="row">${bandBadge(band)}</th>${OPEN_STATUSES.map((status) => html`<td class="num"><a href="/queue?band=${band}&status=${status}">${count(band, status)}</a></td>`)}<td class="num"><a href="/queue?band=${band}">${OPEN_STATUSES.reduce((sum, status) => sum + count(band, status), 0)}</a></td></tr>`)}</tbody></table>
</section>
<section class="card" aria-labelledby="oldest-title"><h2 id="oldest-title">Oldest open case</h2>
${
  oldest
    ? html`<p><a href="/cases/${oldest.id}">${cut(oldest.subjectName, 60)}</a> ${bandBadge(oldest.band)}</p><p class="${oldestAge > options.slaHours * 3_600_000 ? 'overdue' : ''}">Open for ${formatAge(oldestAge)} (review time target: ${options.slaHours} h)</p>`
    : html`<p class="muted">No open case.</p>`
}
<p><a class="button" href="/queue?sort=createdAt">Oldest first in the queue</a></p>
</section>
</div>
<section class="card" aria-labelledby="top-title"><h2 id="top-title">Top indicators in the last 7 days</h2>
${
  dashboard.topIndicators.length === 0
    ? html`<p class="muted">No indicator fired in the last 7 days.</p>`
    : html`<table><thead><tr><th scope="col">Indicator</th><th scope="col">Latest finding</th><th scope="col">Family</th><th scope="col" class="num">Cases</th></tr></thead>
<tbody>${dashboard.topIndicators.map((row) => html`<tr data-indicator="${row.indicator}"><td>${indicatorLabel(row.indicator)}</td><td>${findingHeadline({ family: row.family as Finding['family'], message: row.example })}</td><td>${FAMILY_LABELS[row.family] ?? row.family}</td><td class="num">${row.cases}</td></tr>`)}</tbody></table>`
}
</section>`,
  );
}
