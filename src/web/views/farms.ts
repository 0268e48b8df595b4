// The farm view: the values several applicants share (a laptop sent to one address, wages paid into one account),
// the most shared first, each with its members; one group's members a page at a time.
import type { FarmGroup, FarmGroupWithSample, FarmMember } from '../../links/farms';
import { html, type SafeHtml } from '../html';
import { bandBadge, identifierKind, identifierKindPhrase, STATUS_LABELS, timeTag } from './findings';
import { page, type PageContext } from './layout';
import { cut } from './queue';
import { maskedValueWords } from './shared-value';

export const FARMS_TITLE = 'Shared addresses and accounts';

const groupHref = (group: FarmGroup) => `/farms/${group.kind}/${group.valueId}`;
const casesWord = (count: number) => `${count.toLocaleString('en')} case${count === 1 ? '' : 's'}`;

// What is shared, in words: the kind, then the value as a member's masked record gives it.
function sharedValue(group: FarmGroup): SafeHtml {
  const value = maskedValueWords(group.kind, group.record, group.sessionValue);
  return html`${identifierKind(group.kind)} ${value ? html`<span class="shared-value">${cut(value, 80)}</span>` : html`<span class="muted">(no member's record names it any more)</span>`}`;
}

function membersTable(members: FarmMember[], caption: string): SafeHtml {
  return html`<div class="table-scroll"><table><caption class="visually-hidden">${caption}</caption>
<thead><tr><th scope="col">Applicant</th><th scope="col">Band</th><th scope="col" class="num">Score</th><th scope="col">Status</th><th scope="col">Opened</th></tr></thead>
<tbody>${members.map((member) => html`<tr><td><a href="/cases/${member.id}">${cut(member.subjectName, 60)}</a></td><td>${bandBadge(member.band)}</td><td class="num">${member.score}</td><td><span class="status">${STATUS_LABELS[member.status] ?? member.status}</span></td><td>${timeTag(member.createdAt)}</td></tr>`)}</tbody></table></div>`;
}

export function farmsPage(
  context: PageContext,
  options: { groups: FarmGroupWithSample[]; nextCursor: string | null; isFirstPage: boolean },
): string {
  return page(
    context,
    FARMS_TITLE,
    html`<h1>${FARMS_TITLE}</h1>
<p>Values that several applicants gave: one shipping address for many laptops is how a laptop farm shows, one payout account or wallet for many wages how a facilitator is paid. The most shared come first. Housemates who declared each other share a home address by right; company addresses declared by admins never form a group.</p>
<p class="muted">Values are masked as on the case page; open a case to see its own record.</p>
${
  options.groups.length === 0
    ? html`<p class="notice">No value is shared by two or more cases${options.isFirstPage ? '' : ' after the previous page'}.</p>`
    : options.groups.map(
        (
          group,
          index,
        ) => html`<section class="card" aria-labelledby="group-${index}"><h2 id="group-${index}">${sharedValue(group)}</h2>
<p>Held by <strong>${casesWord(group.members)}</strong>.${group.members > group.sample.length ? html` The ${group.sample.length} highest scores below; <a href="${groupHref(group)}">all ${casesWord(group.members)}</a>.` : html` <a href="${groupHref(group)}">This group on its own page</a>.`}</p>
${membersTable(group.sample, `Cases holding this ${identifierKindPhrase(group.kind)}`)}</section>`,
      )
}
<nav class="pager" aria-label="Pages">
${options.isFirstPage ? '' : html`<a href="/farms">First page</a>`}
${options.nextCursor ? html`<a href="/farms?after=${options.nextCursor}">Next page</a>` : ''}
</nav>`,
  );
}

export function farmGroupPage(
  context: PageContext,
  options: { group: FarmGroup; members: FarmMember[]; nextCursor: string | null; isFirstPage: boolean },
): string {
  const { group } = options;
  const title = `Shared ${identifierKindPhrase(group.kind)}`;
  return page(
    context,
    title,
    html`<p class="crumbs"><a href="/farms">← ${FARMS_TITLE}</a></p>
<h1>${title}</h1>
<p class="lead">${sharedValue(group)}: held by <strong>${casesWord(group.members)}</strong>, the highest score first.</p>
${options.members.length === 0 ? html`<p class="notice">No more cases hold this value.</p>` : membersTable(options.members, `Cases holding this ${identifierKindPhrase(group.kind)}`)}
<nav class="pager" aria-label="Pages">
${options.isFirstPage ? '' : html`<a href="${groupHref(group)}">First page</a>`}
${options.nextCursor ? html`<a href="${groupHref(group)}?after=${options.nextCursor}">Next page</a>` : ''}
</nav>`,
  );
}
