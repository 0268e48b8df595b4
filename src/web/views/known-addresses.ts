// Admin page: the company's known shipping addresses (offices, depots, staffing partners): list, declare, remove.
import { knownAddressKindLabels, knownAddressKinds } from '../../intel/known-addresses';
import type { KnownAddress } from '../../known-addresses/known-address-service';
import { html } from '../html';
import { errorSummary, input, select } from './forms';
import { csrfField, okNotice, page, type PageContext } from './layout';

export const KNOWN_ADDRESS_LABELS: Record<string, string> = {
  label: 'Name',
  kind: 'Kind',
  'address.line1': 'Street line',
  'address.line2': 'Second line',
  'address.city': 'City',
  'address.region': 'State or region',
  'address.postalCode': 'Postcode',
  'address.country': 'Country',
  address: 'Address',
};

const KIND_CHOICES = knownAddressKinds.map((kind): [string, string] => [
  kind,
  knownAddressKindLabels[kind].replace(/^./, (first) => first.toUpperCase()),
]);
const date = (value: Date) => value.toISOString().slice(0, 16).replace('T', ' ');
const oneLine = (known: KnownAddress) =>
  [known.line1, known.line2, [known.postalCode, known.city].filter(Boolean).join(' '), known.region, known.country]
    .filter(Boolean)
    .join(', ');

export interface KnownAddressesView {
  addresses: KnownAddress[];
  /** Who an audit actor is, in words (an e-mail address for a user). */
  actorName: (actor: string) => string;
  errors?: Record<string, string>;
  values?: Record<string, string>;
  notice?: string;
}

export function knownAddressesPage(context: PageContext, view: KnownAddressesView): string {
  const errors = view.errors ?? {};
  const values = view.values ?? {};
  const field = (name: string, options: { required?: boolean; hint?: string; autocomplete?: string } = {}) =>
    input({ name, label: KNOWN_ADDRESS_LABELS[name]!, value: values[name], error: errors[name], ...options });
  return page(
    context,
    'Company addresses',
    html`<h1>Company addresses</h1>
<p class="muted">Your own offices, equipment depots and staffing partners. When a laptop is to be shipped to one of them, applicants are not linked through that address, and shipping there is not counted as a warning sign. Every instance uses a change within 10 seconds. The same list is managed with <code>npm run cli -- addresses</code> and <code>/api/v1/known-addresses</code>.</p>
${okNotice(view.notice)}
${errorSummary(Object.entries(errors).map(([name, message]) => ({ name, label: KNOWN_ADDRESS_LABELS[name] ?? name, message })))}
<form method="post" action="/admin/known-addresses" class="card" novalidate><h2>Add an address</h2>${csrfField(context.csrfToken)}
<div class="fields">
${field('label', { required: true, hint: 'How reviewers will see it, e.g. “Austin office”', autocomplete: 'off' })}
${select({ name: 'kind', label: KNOWN_ADDRESS_LABELS.kind!, choices: KIND_CHOICES, value: values.kind ?? 'office', error: errors.kind })}
${field('address.line1', { required: true, autocomplete: 'off' })}
${field('address.line2', { autocomplete: 'off' })}
${field('address.city', { hint: 'A city or a postcode is needed', autocomplete: 'off' })}
${field('address.region', { autocomplete: 'off' })}
${field('address.postalCode', { autocomplete: 'off' })}
${field('address.country', { required: true, hint: 'Two letters, e.g. US', autocomplete: 'off' })}
</div><div class="actions"><button type="submit">Add the address</button></div></form>
${
  view.addresses.length === 0
    ? html`<p class="notice">No company address yet.</p>`
    : html`<table><caption class="visually-hidden">Company addresses</caption><thead><tr><th scope="col">Name</th><th scope="col">Kind</th><th scope="col">Address</th><th scope="col">Added</th><th scope="col">Actions</th></tr></thead>
<tbody>${view.addresses.map(
        (
          known,
        ) => html`<tr><td>${known.label}</td><td>${knownAddressKindLabels[known.kind]}</td><td>${oneLine(known)}</td>
<td class="nowrap">${date(known.addedAt)}<br><span class="muted">by ${view.actorName(known.addedBy)}</span></td>
<td class="actions"><form method="post" action="/admin/known-addresses/${known.id}/remove">${csrfField(context.csrfToken)}<button type="submit" class="danger" aria-label="Remove ${known.label}">Remove</button></form></td></tr>`,
      )}</tbody></table>`
}`,
  );
}
