// Single sign-on pages: the redirect to the identity provider and the way back (src/auth/oidc-sign-in.ts does the protocol).
import { Router, type Request, type Response } from 'express';
import { OidcSignInError, type OidcSignIn, type PendingSignIn } from '../auth/oidc-sign-in';
import type { SessionStore } from '../auth/session-store';
import type { UserService } from '../auth/users';
import { homePath } from './auth-routes';
import { cookieOptions, readCookie, SESSION_COOKIE } from './cookies';
import { pageAccess } from './page-access';
import { safeNextPath } from './session-middleware';
import { movingOnPage, signInProblemPage } from './views/account';
import { webLocals } from './web-locals';

const PENDING_COOKIE = 'hfrc_oidc_pending';
const PENDING_MAX_MS = 10 * 60_000;

// Lax, not Strict: the provider's redirect back is a top-level navigation from its site, and must carry this cookie.
const pendingCookieOptions = (req: Request, maxAgeMs?: number) => ({
  ...cookieOptions(req, maxAgeMs),
  sameSite: 'lax' as const,
  path: '/login/oidc',
});

function readPending(req: Request): PendingSignIn | null {
  const value = readCookie(req, PENDING_COOKIE);
  if (!value || value.length > 2000) return null;
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<PendingSignIn>;
    if (typeof parsed.state !== 'string' || typeof parsed.nonce !== 'string' || typeof parsed.codeVerifier !== 'string')
      return null;
    return {
      state: parsed.state,
      nonce: parsed.nonce,
      codeVerifier: parsed.codeVerifier,
      next: safeNextPath(parsed.next),
    };
  } catch {
    return null;
  }
}

export function oidcRoutes(oidc: OidcSignIn, users: UserService, sessions: SessionStore): Router {
  const router = Router({ caseSensitive: true });
  const provider = oidc.providerName;

  router.get(
    '/login/oidc',
    pageAccess.public('starts a single sign-on: the identity provider decides who signs in'),
    async (req: Request, res: Response) => {
      const { url, pending } = await oidc.start(safeNextPath(req.query.next));
      res.cookie(
        PENDING_COOKIE,
        Buffer.from(JSON.stringify(pending)).toString('base64url'),
        pendingCookieOptions(req, PENDING_MAX_MS),
      );
      res.redirect(303, url.href);
    },
  );

  router.get(
    '/login/oidc/callback',
    pageAccess.public(
      'the identity provider sends the browser back here; state, PKCE and the ID token prove the sign-in',
    ),
    async (req: Request, res: Response) => {
      const pending = readPending(req);
      // One use only: a second arrival with the same code finds no pending sign-in in a normal browser.
      res.clearCookie(PENDING_COOKIE, pendingCookieOptions(req));
      const refuse = (status: number, title: string, message: string, advice?: string) =>
        res.status(status).type('html').send(signInProblemPage({ title, message, advice }));
      if (!pending) {
        refuse(
          400,
          'Sign-in expired',
          `This answer from ${provider} does not belong to a sign-in started in this browser in the last 10 minutes.`,
          'Start again from the sign-in page.',
        );
        return;
      }
      let identity;
      try {
        identity = await oidc.finish(new URL(req.originalUrl, 'http://callback.invalid').search, pending);
      } catch (error) {
        if (!(error instanceof OidcSignInError)) throw error;
        webLocals(res).log.warn({ reason: error.reason, detail: error.detail }, 'single sign-on refused');
        refuse(
          400,
          'Could not sign you in',
          `Signing in with ${provider} failed: ${error.reason}.`,
          'Start again from the sign-in page; if it happens again, tell your administrator.',
        );
        return;
      }
      const result = await users.signInExternal(identity);
      if (result.outcome === 'no_role') {
        webLocals(res).log.info({ externalId: identity.externalId }, 'single sign-on refused: no mapped group');
        refuse(
          403,
          'No access to this service',
          `You signed in with ${provider}, but your account is not in any group that gives access to this service.`,
          'Ask your administrator to add you to the reviewer, admin or recruiter group for the hiring-fraud risk checker, then sign in again.',
        );
        return;
      }
      if (result.outcome === 'disabled') {
        refuse(
          403,
          'Account disabled',
          'Your account on this service has been disabled.',
          'Ask an administrator of this service to enable it.',
        );
        return;
      }
      if (result.outcome === 'no_email') {
        refuse(
          400,
          'Could not sign you in',
          `${provider} did not send an e-mail address for your account.`,
          'Ask your administrator to release the email claim (scope email) to this application.',
        );
        return;
      }
      if (result.outcome === 'email_taken') {
        refuse(
          409,
          'Could not sign you in',
          `A password account with the address ${result.email} already exists on this service, and is never joined to a single sign-on by its address alone.`,
          'Ask an administrator to disable that account; single sign-on then creates yours.',
        );
        return;
      }
      // A sign-in replaces any session this browser had.
      const previous = webLocals(res).session;
      if (previous) await sessions.destroy(previous.tokenHash);
      const created = await sessions.create(result.user.id);
      res.cookie(SESSION_COOKIE, created.token, cookieOptions(req, sessions.settings.maxMs));
      res.type('html').send(movingOnPage(pending.next ?? homePath(result.user.role), 'You are signed in.'));
    },
  );

  return router;
}
