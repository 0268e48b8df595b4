// The review queue: filters, the page of cases with their age against the review SLA, paging and CSV export.
import type { CaseSummary } from '../../cases/case-types';
import { caseStatuses } from '../../cases/case-types';
import { sanctionsStatusLabels } from '../../scoring/sanctions-status';
import { bands, sanctionsStatuses } from '../../scoring/types';
import { html, type SafeHtml } from '../html';
import { cutText } from '../../cases/triage';
import { contradictions, queueQueryString, SAVED_VIEWS, SORTS, type QueueFilters } from '../queue-query';
import { bandBadge, sanctionsStatusBadge, STATUS_LABELS } from './findings';
import { input, select } from './forms';
import { page, type PageContext } from './layout';

export function formatAge(ms: number): string {
  const hours = Math.floor(ms / 3_600_000);
  if (hours < 1) return `${Math.max(0, Math.floor(ms / 60_000))} min`;
  if (hours < 48) return `${hours} h`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

const isOpen = (status: string) => status === 'open' || status === 'in_review' || status === 'escalated';

export function ageCell(item: CaseSummary, now: number, slaHours: number): SafeHtml {
  const age = now - Date.parse(item.createdAt);
  if (!isOpen(item.status)) return html`<span class="muted">${formatAge(age)} (decided)</span>`;
  const over = age - slaHours * 3_600_000;
  return over > 0
    ? html`<span class="overdue">${formatAge(age)}: over the ${slaHours} h review time by ${formatAge(over)}</span>`
    : html`${formatAge(age)} <span class="muted">(${formatAge(-over)} left)</span>`;
}

/** A value cut to `max` characters, the whole of it in the title (one unbroken value must not widen the table). */
export function cut(value: string, max: number): SafeHtml {
  const { text, isCut } = cutText(value, max);
  return isCut ? html`<span class="cut" title="${value}">${text}</span>` : html`${value}`;
}

function reasonsCell(reasons: readonly string[] | undefined): SafeHtml {
  if (!reasons || reasons.length === 0) return html`<span class="muted">no findings</span>`;
  return html`<ul class="reasons">${reasons.map((reason) => html`<li>${cut(reason, 90)}</li>`)}</ul>`;
}

// On a phone the filters fold under one line ("Filters (2 set)"); wider screens show them open (static-css.ts).
function activeFilterCount(filters: QueueFilters): number {
  const set = [
    filters.bands.length > 0,
    Boolean(filters.sanctions),
    Boolean(filters.assignee),
    Boolean(filters.source),
    Boolean(filters.from),
    Boolean(filters.to),
    Boolean(filters.overdue),
    Boolean(filters.linked),
  ];
  return set.filter(Boolean).length;
}

export function queuePage(
  context: PageContext,
  options: {
    filters: QueueFilters;
    errors: Record<string, string>;
    items: CaseSummary[];
    reasons: Map<string, string[]>;
    nextCursor: string | null;
    slaHours: number;
    now: number;
    assignees: string[];
  },
): string {
  const { filters, errors } = options;
  const warnings = contradictions(filters);
  const statusChoices: [string, string][] = [
    ['', 'Not decided yet'],
    ['all', 'Any status'],
    ...caseStatuses.map((status): [string, string] => [status, STATUS_LABELS[status]!]),
  ];
  const sanctionsChoices: [string, string][] = [
    ['', 'Any'],
    ['hit', 'A potential or confirmed match'],
    ...sanctionsStatuses.map((status): [string, string] => [status, sanctionsStatusLabels[status]]),
  ];
  const assigneeChoices: [string, string][] = [
    ['', 'Anyone'],
    ['me', 'Me'],
    ['none', 'Nobody (unassigned)'],
    ...options.assignees.map((email): [string, string] => [email, email]),
  ];
  if (filters.assignee && !assigneeChoices.some(([value]) => value === filters.assignee))
    assigneeChoices.push([filters.assignee, filters.assignee]);
  return page(
    context,
    'Review queue',
    html`<h1>Review queue</h1>
<nav class="saved-views" aria-label="Saved views"><ul>${SAVED_VIEWS.map((view) => html`<li><a href="/queue?${view.query}">${view.label}</a></li>`)}<li><a href="/farms">Shared addresses and accounts</a></li></ul></nav>
<form method="get" action="/queue" class="card" aria-label="Filter the queue">
<details class="filter-panel"${Object.keys(errors).length > 0 ? html` open` : ''}><summary>Filters${activeFilterCount(filters) > 0 ? ` (${activeFilterCount(filters)} set)` : ''}</summary>
<fieldset class="plain"><legend>Band</legend>
${bands.map((band) => html`<label class="check band-choice"><input type="checkbox" name="band" value="${band}"${filters.bands.includes(band) ? html` checked` : ''}> ${band}</label>`)}
${errors.band ? html`<p class="error-text">${errors.band}</p>` : ''}
</fieldset>
<div class="filters">
${select({ name: 'status', label: 'Status', choices: statusChoices, value: filters.status, error: errors.status })}
${select({ name: 'sanctions', label: 'Sanctions check', choices: sanctionsChoices, value: filters.sanctions, error: errors.sanctions })}
${select({ name: 'assignee', label: 'Assigned to', choices: assigneeChoices, value: filters.assignee, error: errors.assignee })}
${input({ name: 'source', label: 'Source', value: filters.source, error: errors.source, hint: 'e.g. web, api' })}
${input({ name: 'from', label: 'Created from', type: 'date', value: filters.from, error: errors.from })}
${input({ name: 'to', label: 'Created to', type: 'date', value: filters.to, error: errors.to })}
${select({ name: 'sort', label: 'Sort', choices: SORTS, value: filters.sort })}
</div>
<fieldset class="plain"><legend>Only</legend>
<label class="check"><input type="checkbox" name="overdue" value="1"${filters.overdue ? html` checked` : ''}> over the review time</label>
<label class="check"><input type="checkbox" name="linked" value="1"${filters.linked ? html` checked` : ''}> linked to other cases (farms, households)</label>
</fieldset>
<div class="actions"><button type="submit">Apply filters</button><a href="/queue">Clear</a>
<a class="button secondary" href="/queue.csv?${queueQueryString(filters)}">Download CSV of these cases</a></div>
</details>
</form>
<p class="muted">Review time target: ${options.slaHours} hours from the first screening.</p>
${warnings.length ? html`<div class="notice" role="status"><p><strong>These filters contradict each other:</strong></p><ul>${warnings.map((warning) => html`<li>${warning}</li>`)}</ul></div>` : ''}
${
  options.items.length === 0
    ? html`<p class="notice">No case matches these filters.</p>`
    : html`<div class="table-scroll"><table><caption class="visually-hidden">Cases matching the filters</caption>
<thead><tr><th scope="col">Candidate</th><th scope="col">Band</th><th scope="col" class="num">Score</th><th scope="col">Why flagged</th><th scope="col">Sanctions check</th><th scope="col">Status</th><th scope="col">Assigned to</th><th scope="col">Source</th><th scope="col">Age</th></tr></thead>
<tbody>${options.items.map(
        (item) => html`<tr>
<td><a href="/cases/${item.id}">${cut(item.subjectName, 60)}</a></td><td>${bandBadge(item.band)}</td><td class="num">${item.score}</td><td>${reasonsCell(options.reasons.get(item.id))}</td><td>${sanctionsStatusBadge(item.sanctionsStatus)}</td>
<td><span class="status">${STATUS_LABELS[item.status] ?? item.status}</span></td><td>${item.assignee ? cut(item.assignee, 40) : html`<span class="muted">nobody</span>`}</td>
<td>${cut(item.source, 30)}</td><td>${ageCell(item, options.now, options.slaHours)}</td></tr>`,
      )}</tbody></table></div>`
}
<nav class="pager" aria-label="Pages">
${filters.cursor ? html`<a href="/queue?${queueQueryString(filters)}">First page</a>` : ''}
${options.nextCursor ? html`<a href="/queue?${queueQueryString(filters, options.nextCursor)}">Next page</a>` : ''}
</nav>`,
  );
}
