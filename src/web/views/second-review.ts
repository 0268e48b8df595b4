// Four eyes on the case page: what waits for a second reviewer, and the forms to approve or reject it.
import type { PendingApproval } from '../../cases/case-types';
import { formatDateTime, indicatorLabel } from '../../presentation/plain-language';
import { html, type SafeHtml } from '../html';
import { textarea } from './forms';
import { csrfField, type PageContext } from './layout';

export interface SecondReviewOptions {
  caseId: string;
  approvals: PendingApproval[];
  actorName: (actor: string) => string;
  /** The signed-in reviewer's e-mail: they cannot approve what they asked for. */
  me: string;
  errors?: { form: string; fields: Record<string, string>; values: Record<string, string> };
}

/** What the held request asks for, in words. */
export function describeApproval(approval: PendingApproval): string {
  const request = approval.request;
  if (approval.kind === 'clear_case') return `Clear the case (not fraud). Reason: “${String(request.reason ?? '')}”`;
  const hit = typeof request.subject === 'string' ? ` (one of its listed entries)` : '';
  const finding = `“${indicatorLabel(String(request.indicator ?? ''))}”`;
  if (request.disposition === 'cleared_by_check')
    return `Clear the sanctions finding ${finding}: a check passed. What was checked: “${String(request.reason ?? '')}”`;
  return `Mark the sanctions finding ${finding}${hit} as a false positive. Reason: “${String(request.reason ?? '')}”`;
}

export function secondReviewSection(context: PageContext, options: SecondReviewOptions): SafeHtml {
  if (options.approvals.length === 0) return html``;
  return html`<section class="card awaiting" aria-labelledby="second-review-title" id="second-review"><h2 id="second-review-title">Awaiting second review</h2>
<p>Nothing below has changed the case yet: the score and the status stay as they are until a different reviewer approves.</p>
${options.approvals.map((approval) => {
  const form = `approval:${approval.id}`;
  const errors = options.errors?.form === form ? options.errors.fields : {};
  const isMine = options.actorName(approval.requestedBy) === options.me;
  return html`<div class="approval"><p><strong>${describeApproval(approval)}</strong><br><span class="muted">Asked by ${options.actorName(approval.requestedBy)} on ${formatDateTime(approval.requestedAt)}</span></p>
${errors.approval ? html`<p class="error-text" role="alert">${errors.approval}</p>` : ''}
${
  isMine
    ? html`<p class="muted">You asked for this: another reviewer must approve it. You can withdraw it.</p>`
    : html`<form method="post" action="/cases/${options.caseId}/approvals/${approval.id}/approve">${csrfField(context.csrfToken)}<div class="actions"><button type="submit">Approve</button></div></form>`
}
<form method="post" action="/cases/${options.caseId}/approvals/${approval.id}/reject">${csrfField(context.csrfToken)}
${textarea({ name: 'reason', label: isMine ? 'Why you withdraw it' : 'Why you reject it', hint: 'Required', error: errors.reason, rows: 2, idPrefix: `reject-${approval.id}` })}
<div class="actions"><button type="submit" class="secondary">${isMine ? 'Withdraw' : 'Reject'}</button></div></form></div>`;
})}
</section>`;
}
