// A recruiter's own submissions, newest first.
import type { CaseSummary } from '../../cases/case-types';
import { html } from '../html';
import { bandBadge, STATUS_LABELS, timeTag } from './findings';
import { page, type PageContext } from './layout';

export function submissionsPage(context: PageContext, items: CaseSummary[], nextCursor: string | null): string {
  return page(
    context,
    'My submissions',
    html`<h1>My submissions</h1>
<p><a class="button" href="/candidates/new">Screen a candidate</a></p>
${
  items.length === 0
    ? html`<p class="notice">You have not screened a candidate yet.</p>`
    : html`<table><caption class="visually-hidden">Candidates you screened</caption>
<thead><tr><th scope="col">Candidate</th><th scope="col">Band</th><th scope="col" class="num">Score</th><th scope="col">Status</th><th scope="col">Screened</th></tr></thead>
<tbody>${items.map(
        (
          item,
        ) => html`<tr><td><a href="/submissions/${item.id}">${item.subjectName}</a>${item.externalId ? html` <span class="muted">(${item.externalId})</span>` : ''}</td>
<td>${bandBadge(item.band)}</td><td class="num">${item.score}</td><td><span class="status">${STATUS_LABELS[item.status] ?? item.status}</span></td><td>${timeTag(item.createdAt)}</td></tr>`,
      )}</tbody></table>`
}
${nextCursor ? html`<p class="pager"><a href="/submissions?cursor=${nextCursor}">Older submissions</a></p>` : ''}`,
  );
}
