// Admin page: ATS webhook sources (list without secrets, create, enable or disable, new signing secret).
import { vendors, type Vendor } from '../../webhooks/adapters/types';
import { VENDOR_ISSUED_SECRETS } from '../../crypto/signatures';
import type { WebhookSource } from '../../webhooks/webhook-sources';
import { html, type SafeHtml } from '../html';
import { errorSummary, input, select } from './forms';
import { csrfField, okNotice, page, type PageContext } from './layout';

export const VENDOR_LABELS: Record<Vendor, string> = {
  greenhouse: 'Greenhouse',
  lever: 'Lever',
  ashby: 'Ashby',
  smartrecruiters: 'SmartRecruiters',
  generic: 'Generic (Standard Webhooks)',
};

// Where the admin puts the secret next, with this service's own address (PUBLIC_BASE_URL, else the address the admin used).
export function whereToPaste(vendor: Vendor, baseUrl: string): string {
  const endpoint = `${baseUrl.endsWith('/') ? baseUrl.slice(0, -1) : baseUrl}/webhooks/${vendor}`;
  const guidance: Record<Vendor, string> = {
    greenhouse: `Paste it into Greenhouse (Configure > Dev Center > Web Hooks) as the secret key, with the endpoint URL ${endpoint}.`,
    lever: `Lever signs with this token; deliveries go to ${endpoint}.`,
    ashby: `Paste it into Ashby (Admin > Integrations > Webhooks) as the secret token, with the endpoint URL ${endpoint}.`,
    smartrecruiters: `SmartRecruiters signs with this secret key; deliveries go to ${endpoint}.`,
    generic: `Give this Standard Webhooks secret to the sender; it posts to ${endpoint}.`,
  };
  return guidance[vendor];
}

const LABELS: Record<string, string> = { vendor: 'ATS', name: 'Name', secret: 'Signing secret from the ATS' };
const date = (value: Date) => value.toISOString().slice(0, 16).replace('T', ' ');

export interface WebhookSourcesView {
  sources: WebhookSource[];
  /** This service's address as senders reach it, for the endpoint URLs. */
  baseUrl: string;
  errors?: Record<string, string>;
  values?: { vendor?: string; name?: string };
  /** A secret just generated (shown in this answer only) and the source it belongs to. */
  created?: { name: string; vendor: Vendor; secret: string; isNew: boolean };
  /** A Lever or SmartRecruiters row whose new secret was refused: its id and the message, shown beside that row's field. */
  rowError?: { id: string; message: string };
  notice?: string;
}

function newIssuedSecretLabel(source: Pick<WebhookSource, 'vendor' | 'name'>): string {
  return `New ${VENDOR_LABELS[source.vendor]} ${VENDOR_ISSUED_SECRETS[source.vendor] ?? 'secret'} for ${source.name}`;
}

/** The required "I am sure" box of a destructive action (the server refuses the action unticked). */
function sureBox(id: string, action: string): SafeHtml {
  return html`<label class="check"><input type="checkbox" name="confirm" value="yes" id="${id}" required aria-label="I am sure: ${action}"> I am sure</label>`;
}

function secretAction(context: PageContext, source: WebhookSource, rowError: WebhookSourcesView['rowError']): SafeHtml {
  // Lever and SmartRecruiters issue their own secret: the admin pastes the new one. Every other vendor gets one generated here.
  const issued = VENDOR_ISSUED_SECRETS[source.vendor];
  if (issued) {
    const error = rowError?.id === source.id ? rowError.message : undefined;
    return html`<form method="post" action="/admin/webhook-sources/${source.id}/secret" class="inline-field" novalidate>${csrfField(context.csrfToken)}
${input({ name: 'secret', label: newIssuedSecretLabel(source), type: 'password', autocomplete: 'off', idPrefix: `src-${source.id}`, error })}
<button type="submit" class="secondary">Replace the ${issued}</button></form>`;
  }
  return html`<form method="post" action="/admin/webhook-sources/${source.id}/secret">${csrfField(context.csrfToken)}${sureBox(`confirm-secret-${source.id}`, `New signing secret for ${source.name}`)} <button type="submit" class="secondary" aria-label="New signing secret for ${source.name}">New signing secret</button></form>`;
}

export function webhookSourcesPage(context: PageContext, view: WebhookSourcesView): string {
  const errors = view.errors ?? {};
  const { created } = view;
  return page(
    context,
    'Webhook sources',
    html`<h1>Webhook sources</h1>
<p class="muted">ATS senders whose signed deliveries are screened (<code>/webhooks/greenhouse</code>, <code>/lever</code>, <code>/ashby</code>, <code>/smartrecruiters</code>, <code>/generic</code>). Secrets are stored sealed and never shown again after the answer that made them. Field maps, vendor API keys and write-back are set with <code>npm run cli -- webhook-source update</code>.</p>
${
  created
    ? html`<div class="notice ok" role="status"><p>${created.isNew ? `Webhook source “${created.name}” (${VENDOR_LABELS[created.vendor]}) created.` : `New signing secret for “${created.name}”: the old one no longer verifies deliveries (within 10 seconds on every instance).`} ${whereToPaste(created.vendor, view.baseUrl)}</p>
<p>It is shown only this once: copy it now.</p><p><span class="secret">${created.secret}</span></p></div>`
    : ''
}
${okNotice(view.notice)}
${errorSummary([
  ...Object.entries(errors).map(([name, message]) =>
    name === 'action' ? { label: 'Not done', message } : { name, label: LABELS[name] ?? name, message },
  ),
  ...(view.rowError
    ? [
        {
          label: newIssuedSecretLabel(
            view.sources.find((source) => source.id === view.rowError!.id) ?? { vendor: 'lever', name: 'the source' },
          ),
          message: view.rowError.message,
        },
      ]
    : []),
])}
<form method="post" action="/admin/webhook-sources" class="card" novalidate><h2>Add a source</h2>${csrfField(context.csrfToken)}
<div class="fields">
${select({ name: 'vendor', label: LABELS.vendor!, choices: vendors.map((vendor): [string, string] => [vendor, VENDOR_LABELS[vendor]]), value: view.values?.vendor ?? 'greenhouse', error: errors.vendor })}
${input({ name: 'name', label: LABELS.name!, value: view.values?.name, error: errors.name, required: true, autocomplete: 'off', hint: 'Unique: letters, digits, spaces, . _ -' })}
${input({ name: 'secret', label: LABELS.secret!, type: 'password', autocomplete: 'off', error: errors.secret, hint: 'Lever: the token Lever shows. SmartRecruiters: the secret key its API generated. Others: leave empty.' })}
</div><div class="actions"><button type="submit">Add the source</button></div></form>
${
  view.sources.length === 0
    ? html`<p class="notice">No webhook source yet.</p>`
    : html`<table><caption class="visually-hidden">Webhook sources</caption><thead><tr><th scope="col">Name</th><th scope="col">ATS</th><th scope="col">State</th><th scope="col">Vendor API key</th><th scope="col">Mapped fields</th><th scope="col">Created</th><th scope="col">Actions</th></tr></thead>
<tbody>${view.sources.map(
        (source) => html`<tr><td class="nowrap">${source.name}</td><td>${VENDOR_LABELS[source.vendor]}</td>
<td>${source.enabled ? 'enabled' : html`<span class="overdue">disabled</span>`}</td><td>${source.hasApiKey ? 'set' : html`<span class="muted">none</span>`}</td>
<td class="num">${Object.keys(source.settings.fieldMap ?? {}).length}</td><td class="nowrap">${date(source.createdAt)}</td>
<td class="actions">
<form method="post" action="/admin/webhook-sources/${source.id}/${source.enabled ? 'disable' : 'enable'}">${csrfField(context.csrfToken)}${source.enabled ? html`${sureBox(`confirm-disable-${source.id}`, `Disable ${source.name}`)} ` : ''}<button type="submit" class="${source.enabled ? 'danger' : 'secondary'}" aria-label="${source.enabled ? 'Disable' : 'Enable'} ${source.name}">${source.enabled ? 'Disable' : 'Enable'}</button></form>
${secretAction(context, source, view.rowError)}
</td></tr>`,
      )}</tbody></table>`
}`,
  );
}
