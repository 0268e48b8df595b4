// Sign-in and password change pages.
import { PASSWORD_MIN_LENGTH } from '../../auth/passwords';
import { html } from '../html';
import { csrfField, okNotice, page, type PageContext } from './layout';
import { errorSummary, input } from './forms';

/** How the sign-in page offers single sign-on and whether it shows the password form (LOCAL_LOGIN). */
export interface SignInChoices {
  providerName?: string;
  isLocalLoginOn: boolean;
}

export function loginPage(options: {
  csrfToken: string;
  email?: string;
  next?: string;
  error?: string;
  notice?: string;
  choices: SignInChoices;
}): string {
  const { providerName, isLocalLoginOn } = options.choices;
  const ssoHref = `/login/oidc${options.next ? `?next=${encodeURIComponent(options.next)}` : ''}`;
  return page(
    {},
    'Sign in',
    html`<div class="card narrow">
<h1>Sign in</h1>
${okNotice(options.notice)}
${options.error ? html`<div class="error-summary" role="alert" id="error-summary"><h2>Could not sign you in</h2><p>${options.error}</p></div>` : ''}
${providerName ? html`<p><a class="button" href="${ssoHref}">Sign in with ${providerName}</a></p>` : ''}
${isLocalLoginOn ? passwordForm(options) : ''}
</div>`,
  );
}

function passwordForm(options: { csrfToken: string; email?: string; next?: string; choices: SignInChoices }) {
  return html`${options.choices.providerName ? html`<h2>Or with a password</h2>` : ''}
<form method="post" action="/login" novalidate>
${csrfField(options.csrfToken)}
${options.next ? html`<input type="hidden" name="next" value="${options.next}">` : ''}
<div class="fields">
${input({ name: 'email', label: 'E-mail address', type: 'email', autocomplete: 'username', value: options.email, required: true })}
${input({ name: 'password', label: 'Password', type: 'password', autocomplete: 'current-password', required: true })}
</div>
<div class="actions"><button type="submit">Sign in</button></div>
</form>`;
}

/** A single sign-on that could not go through: what happened and what to do, with the way back to the sign-in page. */
export function signInProblemPage(options: { title: string; message: string; advice?: string }): string {
  return page(
    {},
    options.title,
    html`<div class="card narrow">
<h1>${options.title}</h1>
<div class="error-summary" role="alert" id="error-summary"><p>${options.message}</p></div>
${options.advice ? html`<p>${options.advice}</p>` : ''}
<p><a href="/login">Back to the sign-in page</a></p>
</div>`,
  );
}

/**
 * A page that moves on by itself (meta refresh, no script) to `to`. After a single sign-on: the session cookie is
 * SameSite=Strict, which a browser does not send on a redirect chain that began at the provider's site. At sign-out:
 * a redirect answering the sign-out form to the provider would break the pages' CSP (form-action 'self').
 */
export function movingOnPage(to: string, message: string): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="0;url=${to}">
<title>${message} · Hiring-fraud risk checker</title>
<link rel="stylesheet" href="/static/app.css">
<link rel="icon" href="data:,">
</head>
<body><main id="main"><p>${message} <a href="${to}">Continue</a></p></main></body>
</html>`.value;
}

export function passwordPage(
  context: PageContext,
  options: { isForced: boolean; errors?: Record<string, string>; notice?: string },
): string {
  const errors = options.errors ?? {};
  const labels: Record<string, string> = {
    currentPassword: 'Current password',
    newPassword: 'New password',
    confirmPassword: 'Repeat the new password',
  };
  return page(
    context,
    'Change your password',
    html`<h1>Change your password</h1>
${options.isForced ? html`<p class="notice">You signed in with a one-time password. Choose your own password to continue.</p>` : ''}
${okNotice(options.notice)}
${errorSummary(Object.entries(errors).map(([name, message]) => ({ name, label: labels[name] ?? name, message })))}
<form method="post" action="/account/password" class="card" novalidate>
${csrfField(context.csrfToken)}
<div class="fields">
${input({ name: 'currentPassword', label: labels.currentPassword!, type: 'password', autocomplete: 'current-password', required: true, error: errors.currentPassword, hint: options.isForced ? 'The one-time password you were given' : undefined })}
${input({ name: 'newPassword', label: labels.newPassword!, type: 'password', autocomplete: 'new-password', required: true, error: errors.newPassword, hint: `At least ${PASSWORD_MIN_LENGTH} characters; a passphrase of a few words is good` })}
${input({ name: 'confirmPassword', label: labels.confirmPassword!, type: 'password', autocomplete: 'new-password', required: true, error: errors.confirmPassword })}
</div>
<div class="actions"><button type="submit">Save the new password</button></div>
</form>`,
  );
}
