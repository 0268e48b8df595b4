// Sign in (throttled), sign out and password change.
import crypto from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import type { OidcSignIn } from '../auth/oidc-sign-in';
import type { SessionStore } from '../auth/session-store';
import type { UserService } from '../auth/users';
import { AppError } from '../errors';
import { cookieOptions, LOGIN_CSRF_COOKIE, readCookie, SESSION_COOKIE } from './cookies';
import { requireCsrf, requireLoginCsrf } from './csrf';
import { pageAccess } from './page-access';
import { safeNextPath } from './session-middleware';
import { loginPage, movingOnPage, passwordPage, signInProblemPage } from './views/account';
import { webLocals } from './web-locals';

const field = (req: Request, name: string): string => {
  const value = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
};

const NOTICES: Record<string, string> = { 'signed-out': 'You are signed out.' };

function loginToken(req: Request, res: Response): string {
  const existing = readCookie(req, LOGIN_CSRF_COOKIE);
  if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
  const token = crypto.randomBytes(32).toString('base64url');
  res.cookie(LOGIN_CSRF_COOKIE, token, cookieOptions(req, 2 * 60 * 60 * 1000));
  return token;
}

/** How people sign in: the password form (LOCAL_LOGIN) and single sign-on when OIDC_ISSUER is set. */
export interface SignInMethods {
  isLocalLoginOn: boolean;
  oidc?: OidcSignIn;
}

export function homePath(role: string): string {
  return role === 'recruiter' ? '/candidates/new' : '/dashboard';
}

export function authRoutes(users: UserService, sessions: SessionStore, methods: SignInMethods): Router {
  const router = Router({ caseSensitive: true });
  const anyone = pageAccess.public('the sign-in page: a session is what it makes');
  const choices = { isLocalLoginOn: methods.isLocalLoginOn, providerName: methods.oidc?.providerName };

  router.get('/login', anyone, (req: Request, res: Response) => {
    const session = webLocals(res).session;
    if (session) {
      res.redirect(303, homePath(session.user.role));
      return;
    }
    const notice = NOTICES[String(req.query.notice ?? '')];
    res
      .type('html')
      .send(loginPage({ csrfToken: loginToken(req, res), next: safeNextPath(req.query.next), notice, choices }));
  });

  router.post('/login', anyone, requireLoginCsrf, async (req: Request, res: Response) => {
    if (!methods.isLocalLoginOn) {
      res
        .status(403)
        .type('html')
        .send(
          signInProblemPage({
            title: 'Password sign-in is turned off',
            message: 'This service does not accept passwords (LOCAL_LOGIN=false).',
            advice: `Sign in with ${methods.oidc?.providerName ?? 'single sign-on'} from the sign-in page.`,
          }),
        );
      return;
    }
    const email = field(req, 'email').slice(0, 254);
    const next = safeNextPath(field(req, 'next'));
    const result = await users.signIn(email, field(req, 'password'), req.ip);
    if (result.outcome !== 'signed_in') {
      const csrfToken = loginToken(req, res);
      if (result.outcome === 'throttled') {
        const minutes = Math.max(1, Math.ceil((result.until.getTime() - Date.now()) / 60_000));
        res.setHeader('Retry-After', String(Math.max(1, Math.ceil((result.until.getTime() - Date.now()) / 1000))));
        res
          .status(429)
          .type('html')
          .send(
            loginPage({
              csrfToken,
              email,
              next,
              choices,
              error: `Too many wrong passwords in a row. Sign-in is paused for this account and this network for ${minutes} minute${minutes === 1 ? '' : 's'}.`,
            }),
          );
        return;
      }
      res
        .status(401)
        .type('html')
        .send(loginPage({ csrfToken, email, next, choices, error: 'The e-mail address or the password is wrong.' }));
      return;
    }
    // A sign-in replaces any session this browser had.
    const previous = webLocals(res).session;
    if (previous) await sessions.destroy(previous.tokenHash);
    const created = await sessions.create(result.user.id);
    res.clearCookie(LOGIN_CSRF_COOKIE, cookieOptions(req));
    res.cookie(SESSION_COOKIE, created.token, cookieOptions(req, sessions.settings.maxMs));
    res.redirect(303, result.user.mustChangePassword ? '/account/password' : (next ?? homePath(result.user.role)));
  });

  router.post('/logout', pageAccess.duringPasswordChange(), requireCsrf, async (req: Request, res: Response) => {
    const session = webLocals(res).session!;
    await sessions.destroy(session.tokenHash);
    res.clearCookie(SESSION_COOKIE, cookieOptions(req));
    // A single sign-on account also signs out at the provider when it offers RP-initiated logout, and comes back here.
    const atProvider =
      session.user.externalId && methods.oidc
        ? methods.oidc.endSessionUrl(new URL('/login?notice=signed-out', methods.oidc.settings.redirectUrl))
        : null;
    if (atProvider)
      res
        .type('html')
        .send(movingOnPage(atProvider.href, `You are signed out here. Signing out at ${methods.oidc!.providerName}…`));
    else res.redirect(303, '/login?notice=signed-out');
  });

  router.get('/account/password', pageAccess.duringPasswordChange(), (req: Request, res: Response) => {
    const session = webLocals(res).session!;
    const notice = req.query.notice === 'changed' ? 'Your password was changed.' : undefined;
    res
      .type('html')
      .send(
        passwordPage(
          { user: session.user, csrfToken: session.csrfToken, path: req.path },
          { isForced: session.user.mustChangePassword, notice },
        ),
      );
  });

  router.post(
    '/account/password',
    pageAccess.duringPasswordChange(),
    requireCsrf,
    async (req: Request, res: Response) => {
      const session = webLocals(res).session!;
      const context = { user: session.user, csrfToken: session.csrfToken, path: req.path };
      const next = field(req, 'newPassword');
      const errors: Record<string, string> = {};
      if (!field(req, 'currentPassword')) errors.currentPassword = 'is required';
      if (!next) errors.newPassword = 'is required';
      else if (next !== field(req, 'confirmPassword')) errors.confirmPassword = 'does not match the new password';
      if (Object.keys(errors).length === 0) {
        try {
          await users.changePassword(session.user.id, field(req, 'currentPassword'), next);
        } catch (error) {
          if (!(error instanceof AppError) || error.code !== 'validation_failed') throw error;
          for (const problem of error.details?.fields ?? []) errors[problem.path] = problem.message;
        }
      }
      if (Object.keys(errors).length > 0) {
        res
          .status(400)
          .type('html')
          .send(passwordPage(context, { isForced: session.user.mustChangePassword, errors }));
        return;
      }
      await sessions.destroyOthers(session.user.id, session.tokenHash);
      res.redirect(
        303,
        session.user.mustChangePassword ? homePath(session.user.role) : '/account/password?notice=changed',
      );
    },
  );

  return router;
}
