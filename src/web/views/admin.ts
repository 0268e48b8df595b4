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

export function usersPage(
  context: PageContext,
  options: {
    users: User[];
    errors?: Record<string, string>;
    values?: { email?: string; role?: string };
    created?: { email: string; password: string };
    notice?: string;
    actionLabel?: string;
  },
): string {
  const errors = options.errors ?? {};
  return page(
    context,
    'Users',
    html`<h1>Users</h1>
${options.created ? secretNotice(`One-time password for ${options.created.email}; they must change it at their first sign-in.`, options.created.password) : ''}
${okNotice(options.notice)}
${errorSummary(Object.entries(errors).map(([name, message]) => (name === 'action' ? { label: options.actionLabel ?? 'Action', message } : { name, label: name === 'email' ? 'E-mail address' : 'Role', message })))}
<form method="post" action="/admin/users" class="card" novalidate><h2>Add a user</h2>${csrfField(context.csrfToken)}
<div class="fields">
${input({ name: 'email', label: 'E-mail address', type: 'email', autocomplete: 'off', value: options.values?.email, error: errors.email, required: true })}
${select({ name: 'role', label: 'Role', choices: ROLE_CHOICES, value: options.values?.role ?? 'recruiter', error: errors.role, hint: 'Recruiters screen candidates; reviewers work every case; admins also manage users, API keys and webhook sources' })}
</div><div class="actions"><button type="submit">Add the user</button></div></form>
<table><caption class="visually-hidden">Users</caption><thead><tr><th scope="col">E-mail</th><th scope="col">Role</th><th scope="col">Last sign-in</th><th scope="col">State</th><th scope="col">Actions</th></tr></thead>
<tbody>${options.users.map(
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
    )}</tbody></table>`,
  );
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
  options: {
    keys: ApiKeyRow[];
    errors?: Record<string, string>;
    values?: { name?: string; role?: string };
    created?: { key: string };
    notice?: string;
  },
): string {
  const errors = options.errors ?? {};
  return page(
    context,
    'API keys',
    html`<h1>API keys</h1>
${options.created ? secretNotice('The new API key.', options.created.key) : ''}
${okNotice(options.notice)}
${errorSummary(Object.entries(errors).map(([name, message]) => (name === 'action' ? { label: 'Revoke', message } : { name, label: name === 'name' ? 'Name' : 'Role', message })))}
<form method="post" action="/admin/api-keys" class="card" novalidate><h2>Create an API key</h2>${csrfField(context.csrfToken)}
<div class="fields">
${input({ name: 'name', label: 'Who or what uses it', value: options.values?.name, error: errors.name, required: true, hint: 'e.g. greenhouse-sync, analyst laptop' })}
${select({ name: 'role', label: 'Role', choices: ROLE_CHOICES, value: options.values?.role ?? 'recruiter', error: errors.role })}
</div><div class="actions"><button type="submit">Create the key</button></div></form>
<table><caption class="visually-hidden">API keys</caption><thead><tr><th scope="col">Prefix</th><th scope="col">Name</th><th scope="col">Role</th><th scope="col">Created</th><th scope="col">Last used</th><th scope="col">State</th></tr></thead>
<tbody>${options.keys.map(
      (
        key,
      ) => html`<tr><td><code>${key.prefix}</code></td><td>${key.name}</td><td>${key.role}</td><td>${date(key.createdAt)}</td><td>${date(key.lastUsedAt) || html`<span class="muted">never</span>`}</td>
<td>${key.revokedAt ? html`revoked ${date(key.revokedAt)}` : confirmedAction(`/admin/api-keys/${key.prefix}/revoke`, context.csrfToken, 'Revoke', `confirm-revoke-${key.prefix}`)}</td></tr>`,
    )}</tbody></table>`,
  );
}
