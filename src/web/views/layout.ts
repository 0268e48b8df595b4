// The page frame: skip link, header with the navigation a role may use, sign-out form, main landmark.
import type { Role } from '../../auth/api-keys';
import { CSRF_FIELD } from '../csrf';
import { html, type SafeHtml } from '../html';

export interface PageUser {
  email: string;
  role: Role;
  /** Set for single sign-on accounts, which have no password to change here. */
  externalId?: string | null;
}

export interface PageContext {
  user?: PageUser;
  csrfToken?: string;
  /** The path of the current page, to mark its navigation link. */
  path?: string;
}

// `short`: the label on a laptop screen when the admin's eight links must share one row with the brand and the account.
const NAV: { href: string; label: string; short?: string; roles: Role[] }[] = [
  { href: '/dashboard', label: 'Dashboard', roles: ['reviewer', 'admin'] },
  { href: '/queue', label: 'Review queue', roles: ['reviewer', 'admin'] },
  { href: '/candidates/new', label: 'Screen a candidate', short: 'Screen', roles: ['recruiter', 'reviewer', 'admin'] },
  { href: '/submissions', label: 'My submissions', roles: ['recruiter', 'reviewer', 'admin'] },
  { href: '/admin/users', label: 'Users', roles: ['admin'] },
  { href: '/admin/api-keys', label: 'API keys', roles: ['admin'] },
  { href: '/admin/webhook-sources', label: 'Webhook sources', short: 'Webhook', roles: ['admin'] },
  { href: '/admin/known-addresses', label: 'Company addresses', short: 'Addresses', roles: ['admin'] },
];

/** A notice that something went well (after a redirect), or nothing. */
export const okNotice = (notice: string | undefined): SafeHtml | '' =>
  notice ? html`<p class="notice ok" role="status">${notice}</p>` : '';

export function csrfField(csrfToken: string | undefined): SafeHtml {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${csrfToken ?? ''}">`;
}

/** `wide`: a working page (the case) that uses a wide screen's width; forms and lists keep a readable measure. */
export function page(context: PageContext, title: string, body: SafeHtml, options: { wide?: boolean } = {}): string {
  const { user } = context;
  const links = user ? NAV.filter((item) => item.roles.includes(user.role)) : [];
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Hiring-fraud risk checker</title>
<link rel="stylesheet" href="/static/app.css">
<link rel="icon" href="data:,">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top"><div class="bar">
<a class="brand" href="/">Hiring-fraud risk checker</a>
${links.length > 0 ? html`<nav aria-label="Main"${links.length > 5 ? html` class="many"` : ''}><ul>${links.map((item) => html`<li><a href="${item.href}"${context.path?.startsWith(item.href) ? html` aria-current="page"` : ''}${item.short ? html` aria-label="${item.label}"><span class="nav-long">${item.label}</span><span class="nav-short" aria-hidden="true">${item.short}</span>` : html`>${item.label}`}</a></li>`)}</ul></nav>` : ''}
${
  user
    ? html`<div class="who"><span title="${user.email} (${user.role})">${user.email} (${user.role})</span>${user.externalId ? '' : html`<a href="/account/password">Password</a>`}
<form method="post" action="/logout">${csrfField(context.csrfToken)}<button type="submit">Sign out</button></form></div>`
    : ''
}
</div></header>
<main id="main" tabindex="-1"${options.wide ? html` class="wide"` : ''}>
${body}
</main>
</body>
</html>`.value;
}
