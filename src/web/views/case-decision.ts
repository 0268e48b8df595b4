// The decision: the banner with the case's state at the top, and the panel to assign, note and decide beside the evidence.
import type { CaseDetail, CaseEventRecord } from '../../cases/case-types';
import { caseStatuses, decisionStatuses } from '../../cases/case-types';
import { html, type SafeHtml } from '../html';
import { STATUS_LABELS, timeTag } from './findings';
import { select, textarea } from './forms';
import { csrfField, type PageContext } from './layout';
import { ageCell } from './queue';
import type { CasePageOptions } from './case-page-options';

export function actionForms(options: CasePageOptions, context: PageContext): SafeHtml {
  const { detail } = options;
  const errorsFor = (form: string) => (options.errors?.form === form ? options.errors.fields : {});
  const valuesFor = (form: string) => (options.errors?.form === form ? options.errors.values : {});
  const statusChoices = caseStatuses
    .filter((status) => !decisionStatuses.includes(status))
    .map((status): [string, string] => [status, STATUS_LABELS[status]!]);
  const assigneeChoices: [string, string][] = [
    ['', 'Nobody'],
    ...options.assignees.map((email): [string, string] => [email, email]),
  ];
  const decide = errorsFor('decide');
  return html`<aside class="case-actions card" aria-labelledby="actions-title"><h2 id="actions-title">Work this case</h2>
<dl class="evidence compact">
<dt>Status</dt><dd><span class="status">${STATUS_LABELS[detail.status] ?? detail.status}</span>${detail.awaitingSecondReview ? html` <a class="status awaiting" href="#second-review">awaiting second review</a>` : ''}</dd>
<dt>Assigned to</dt><dd>${detail.assignee ?? 'nobody'}</dd>
<dt>Age</dt><dd>${ageCell(detail, options.now, options.slaHours)}</dd>
</dl>
<h3>Decide</h3>
<form method="post" action="/cases/${detail.id}/status">${csrfField(context.csrfToken)}<input type="hidden" name="form" value="decide">
<fieldset class="plain${decide.status ? ' invalid' : ''}"><legend>Decision</legend>
${decide.status ? html`<p class="error-text" id="decision-error">${decide.status}</p>` : ''}
<label class="check"><input type="radio" name="status" value="cleared"${valuesFor('decide').status === 'cleared' ? html` checked` : ''}> Cleared: not fraud</label>
<label class="check"><input type="radio" name="status" value="confirmed_fraud"${valuesFor('decide').status === 'confirmed_fraud' ? html` checked` : ''}> Confirmed fraud</label>
</fieldset>
${textarea({ name: 'reason', label: 'Reason', hint: 'Required: the checks that support the decision', value: valuesFor('decide').reason, error: decide.reason, rows: 3 })}
<label class="check"><input type="checkbox" name="shareReason" value="yes"${valuesFor('decide').shareReason === 'yes' ? html` checked` : ''}> Show this reason to the recruiter</label>
<div class="actions"><button type="submit">Record the decision</button></div></form>
<h3>Add a note</h3>
<form method="post" action="/cases/${detail.id}/notes">${csrfField(context.csrfToken)}
${textarea({ name: 'text', label: 'Note', hint: 'What you checked and what you found. Notes cannot be edited or deleted.', value: valuesFor('note').text, error: errorsFor('note').text, rows: 2 })}
<div class="actions"><button type="submit" class="secondary">Add note</button></div></form>
<h3>Assignment</h3>
${detail.assignee !== options.me ? html`<form method="post" action="/cases/${detail.id}/assign">${csrfField(context.csrfToken)}<input type="hidden" name="assignee" value="${options.me}"><button type="submit">Assign to me</button></form>` : html`<p>Assigned to you.</p>`}
<form method="post" action="/cases/${detail.id}/assign">${csrfField(context.csrfToken)}
${select({ name: 'assignee', label: 'Assign to', choices: assigneeChoices, value: valuesFor('assign').assignee ?? detail.assignee ?? '', error: errorsFor('assign').assignee })}
<div class="actions"><button type="submit" class="secondary">Change assignment</button></div></form>
<h3>Change status</h3>
<form method="post" action="/cases/${detail.id}/status">${csrfField(context.csrfToken)}
${
  decisionStatuses.includes(detail.status)
    ? // A decided case shows no open status as if it were current: choosing one reopens it.
      html`${select({ name: 'status', label: 'New status', choices: [['', 'Choose one to reopen the case'], ...statusChoices], value: valuesFor('status').status ?? '', error: errorsFor('status').status, hint: `Decided: ${STATUS_LABELS[detail.status]}` })}${textarea({ name: 'reason', label: 'Reason for reopening', hint: 'Required to reopen a decided case', value: valuesFor('status').reason, error: errorsFor('status').reason, rows: 2, idPrefix: 'reopen' })}`
    : select({
        name: 'status',
        label: 'New status',
        choices: statusChoices,
        value: valuesFor('status').status ?? detail.status,
        error: errorsFor('status').status,
      })
}
<div class="actions"><button type="submit" class="secondary">Change status</button></div></form>
${options.nextCaseId ? html`<p class="next-case"><a class="button secondary" href="/cases/${options.nextCaseId}">Next case in the queue →</a></p>` : ''}
</aside>`;
}

// The latest decision event, if the case is decided now.
function latestDecision(detail: CaseDetail): CaseEventRecord | undefined {
  if (!decisionStatuses.includes(detail.status)) return undefined;
  return [...detail.events].reverse().find((event) => event.action === 'case.decided');
}

// The state of the case in one line at the top: decided (by whom, why) or waiting.
export function decisionBanner(options: CasePageOptions): SafeHtml {
  const { detail } = options;
  const decision = latestDecision(detail);
  if (decision) {
    return html`<div class="banner banner-${detail.status}" role="status"><strong>Decided: ${STATUS_LABELS[detail.status]}</strong> by ${options.actorName(decision.actor)}, ${timeTag(decision.createdAt)}. Reason: “${String(decision.data.reason ?? '')}”${decision.data.reasonSharedWithRecruiter === true ? ' (shown to the recruiter)' : ''}</div>`;
  }
  if (detail.status === 'withdrawn')
    return html`<div class="banner" role="status"><strong>Withdrawn</strong>: the application was withdrawn; nothing to decide.</div>`;
  if (detail.status === 'no_findings')
    return html`<div class="banner banner-cleared" role="status"><strong>Closed automatically: no findings</strong>. Nothing in the submission pointed to fraud, so the case left the queue; reopen it with a reason if you know more.</div>`;
  if (detail.awaitingSecondReview)
    return html`<div class="banner banner-open" role="status"><strong>Awaiting second review</strong>: a change waits for another reviewer’s approval before the score or status changes. <a href="#second-review">See the request</a></div>`;
  return html`<div class="banner banner-open" role="status"><strong>Waiting for a decision</strong> · ${STATUS_LABELS[detail.status] ?? detail.status} · ${detail.assignee ? `assigned to ${detail.assignee}` : 'nobody assigned'} · ${ageCell(detail, options.now, options.slaHours)}</div>`;
}
