// Admin pages: users (create with a one-time password, reset, disable) and API keys (create, revoke).
import type { Role } from '../../auth/api-keys';
import { roles } from '../../auth/api-keys';
import type { User } from '../../auth/users';
import { html, type SafeHtml } from '../html';
import { timeTag } from './findings';
import { errorSummary, input, select } from './forms';
import { csrfField, okNotice, page, type PageContext } from './layout';

const ROLE_CHOICES = roles.map((role): [string, string] => [role, role]);
// In the pages' one date format, UTC in the title.
const date = (value: string | null | Date) => (value ? timeTag(new Date(value).toISOString()) : '');

/** A destructive row action: its button and a required "I am sure" box (the server refuses it unticked). */
function confirmedAction(action: string, csrfToken: string | undefined, button: string, id: string): SafeHtml {
  return html`<form method="post" action="${action}">${csrfField(csrfToken)}<label class="check"><input type="checkbox" name="confirm" value="yes" id="${id}" required> I am sure</label> <button type="submit" class="danger">${button}</button></form>`;
}

function secretNotice(what: string, secret: string): SafeHtml {
  return html`<div class="notice ok" role="status"><p>${what} It is shown only this once: copy it now.</p><p><span class="secret">${secret}</span></p></div>`;
}

/** What both pages are given besides their rows: a refused form's errors and values, a secret just made, a done notice. */
interface AdminPageOptions<Values, Created> {
  errors?: Record<string, string>;
  values?: Values;
  created?: Created;
  notice?: string;
}

/** The users and API-keys pages: heading, one-time secret, done notice, the form's errors, an add form, then the table. */
function adminPage(
  context: PageContext,
  title: string,
  parts: {
    secret: SafeHtml | '';
    notice: string | undefined;
    errors: Record<string, string>;
    /** Errors under "action" came from a row's button, not from a field of the form. */
    actionLabel: string;
    fieldLabel: (name: string) => string;
    form: { action: string; heading: string; fields: SafeHtml; button: string };
    columns: string[];
    rows: SafeHtml[];
  },
): string {
  const { form } = parts;
  return page(
    context,
    title,
    html`<h1>${title}</h1>
${parts.secret}
${okNotice(parts.notice)}
${errorSummary(Object.entries(parts.errors).map(([name, message]) => (name === 'action' ? { label: parts.actionLabel, message } : { name, label: parts.fieldLabel(name), message })))}
<form method="post" action="${form.action}" class="card" novalidate><h2>${form.heading}</h2>${csrfField(context.csrfToken)}
<div class="fields">
${form.fields}
</div><div class="actions"><button type="submit">${form.button}</button></div></form>
<table><caption class="visually-hidden">${title}</caption><thead><tr>${parts.columns.map((column) => html`<th scope="col">${column}</th>`)}</tr></thead>
<tbody>${parts.rows}</tbody></table>`,
  );
}

export function usersPage(
  context: PageContext,
  options: AdminPageOptions<{ email?: string; role?: string }, { email: string; password: string }> & {
    users: User[];
    actionLabel?: string;
  },
): string {
  const errors = options.errors ?? {};
  return adminPage(context, 'Users', {
    secret: options.created
      ? secretNotice(
          `One-time password for ${options.created.email}; they must change it at their first sign-in.`,
          options.created.password,
        )
      : '',
    notice: options.notice,
    errors,
    actionLabel: options.actionLabel ?? 'Action',
    fieldLabel: (name) => (name === 'email' ? 'E-mail address' : 'Role'),
    form: {
      action: '/admin/users',
      heading: 'Add a user',
      fields: html`${input({ name: 'email', label: 'E-mail address', type: 'email', autocomplete: 'off', value: options.values?.email, error: errors.email, required: true })}
${select({ name: 'role', label: 'Role', choices: ROLE_CHOICES, value: options.values?.role ?? 'recruiter', error: errors.role, hint: 'Recruiters screen candidates; reviewers work every case; admins also manage users, API keys and webhook sources' })}`,
      button: 'Add the user',
    },
    columns: ['E-mail', 'Role', 'Last sign-in', 'State', 'Actions'],
    rows: options.users.map(
      (
        user,
      ) => html`<tr><td>${user.email}</td><td>${user.email === context.user?.email ? html`${user.role} <span class="muted">(you)</span>` : user.externalId ? html`${user.role} <span class="muted">(from the identity provider's groups)</span>` : html`<form method="post" action="/admin/users/${user.id}/role" class="inline-field">${csrfField(context.csrfToken)}${select({ name: 'role', label: `Role of ${user.email}`, choices: ROLE_CHOICES, value: user.role, idPrefix: `role-${user.id}`, labelHidden: true })}<button type="submit" class="secondary">Change role</button></form>`}</td><td>${date(user.lastLoginAt) || html`<span class="muted">never</span>`}</td>
<td>${user.disabledAt ? 'disabled' : user.mustChangePassword ? 'must change password' : 'active'}${user.externalId ? ' (single sign-on)' : ''}</td>
<td class="actions">
${user.externalId ? '' : confirmedAction(`/admin/users/${user.id}/reset`, context.csrfToken, 'New one-time password', `confirm-reset-${user.id}`)}
${
  user.disabledAt
    ? html`<form method="post" action="/admin/users/${user.id}/enable">${csrfField(context.csrfToken)}<button type="submit" class="secondary">Enable</button></form>`
    : user.email === context.user?.email
      ? html`<span class="muted">You cannot disable yourself</span>`
      : confirmedAction(`/admin/users/${user.id}/disable`, context.csrfToken, 'Disable', `confirm-disable-${user.id}`)
}
</td></tr>`,
    ),
  });
}

export interface ApiKeyRow {
  prefix: string;
  name: string;
  role: Role;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export function apiKeysPage(
  context: PageContext,
  options: AdminPageOptions<{ name?: string; role?: string }, { key: string }> & { keys: ApiKeyRow[] },
): string {
  const errors = options.errors ?? {};
  return adminPage(context, 'API keys', {
    secret: options.created ? secretNotice('The new API key.', options.created.key) : '',
    notice: options.notice,
    errors,
    actionLabel: 'Revoke',
    fieldLabel: (name) => (name === 'name' ? 'Name' : 'Role'),
    form: {
      action: '/admin/api-keys',
      heading: 'Create an API key',
      fields: html`${input({ name: 'name', label: 'Who or what uses it', value: options.values?.name, error: errors.name, required: true, hint: 'e.g. greenhouse-sync, analyst laptop' })}
${select({ name: 'role', label: 'Role', choices: ROLE_CHOICES, value: options.values?.role ?? 'recruiter', error: errors.role })}`,
      button: 'Create the key',
    },
    columns: ['Prefix', 'Name', 'Role', 'Created', 'Last used', 'State'],
    rows: options.keys.map(
      (
        key,
      ) => html`<tr><td><code>${key.prefix}</code></td><td>${key.name}</td><td>${key.role}</td><td>${date(key.createdAt)}</td><td>${date(key.lastUsedAt) || html`<span class="muted">never</span>`}</td>
<td>${key.revokedAt ? html`revoked ${date(key.revokedAt)}` : confirmedAction(`/admin/api-keys/${key.prefix}/revoke`, context.csrfToken, 'Revoke', `confirm-revoke-${key.prefix}`)}</td></tr>`,
    ),
  });
}
