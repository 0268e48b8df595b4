// Loads the signed-in user's session from the cookie; guards pages by sign-in, password change and role.
import type { NextFunction, Request, Response } from 'express';
import type { Role } from '../auth/api-keys';
import type { SessionStore } from '../auth/sessions';
import { AppError } from '../errors';
import { readCookie, SESSION_COOKIE } from './cookies';
import { webLocals } from './web-locals';

export function loadSession(sessions: SessionStore) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const token = readCookie(req, SESSION_COOKIE);
    if (token) {
      const session = await sessions.find(token);
      if (session) webLocals(res).session = session;
    }
    next();
  };
}

// Only paths of this site (no scheme, no host, no "//"), so that ?next= cannot send people elsewhere.
export function safeNextPath(value: unknown): string | undefined {
  return typeof value === 'string' && /^\/(?![/\\])[\x21-\x7e]*$/.test(value) && value.length <= 500 ? value : undefined;
}

/** Signed in, and past the forced password change; otherwise to the sign-in page (GET) or refused. */
export function requireUser(req: Request, res: Response, next: NextFunction) {
  const session = webLocals(res).session;
  if (!session) {
    if (req.method === 'GET') {
      res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
      return;
    }
    throw new AppError('unauthorized', 'Your session has ended. Sign in again.');
  }
  if (session.user.mustChangePassword && req.path !== '/account/password') {
    if (req.method === 'GET') {
      res.redirect(303, '/account/password');
      return;
    }
    throw new AppError('forbidden', 'Choose a new password first.');
  }
  next();
}

export function requirePageRole(...allowed: Role[]) {
  return (_req: Request, res: Response, next: NextFunction) => {
    const role = webLocals(res).session?.user.role;
    if (!role || !allowed.includes(role)) throw new AppError('forbidden', `This page is for ${allowed.join(' and ')} accounts.`);
    next();
  };
}
