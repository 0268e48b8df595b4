// Page guards, declared on each page route: signed in, past the forced password change (unless the route is the
// password change itself) and of an allowed role. An unsigned GET goes to the sign-in page; anything else is refused.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Role } from '../auth/api-keys';
import { ANY_ROLE, declareAccess, publicRoute } from '../auth/route-access';
import { AppError } from '../errors';
import { webLocals } from './web-locals';

function pageGuard(allowed: readonly Role[], duringPasswordChange: boolean): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const session = webLocals(res).session;
    if (!session) {
      if (req.method === 'GET' || req.method === 'HEAD') {
        res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
        return;
      }
      throw new AppError('unauthorized', 'Your session has ended. Sign in again.');
    }
    if (session.user.mustChangePassword && !duringPasswordChange) {
      if (req.method === 'GET' || req.method === 'HEAD') {
        res.redirect(303, '/account/password');
        return;
      }
      throw new AppError('forbidden', 'Choose a new password first.');
    }
    if (!allowed.includes(session.user.role))
      throw new AppError('forbidden', `This page is for ${allowed.join(' and ')} accounts.`);
    next();
  };
}

export const pageAccess = {
  /** Signed in with one of these roles. */
  roles: (...allowed: Role[]): RequestHandler =>
    declareAccess(pageGuard(allowed, false), { kind: 'roles', roles: allowed }),
  /** Any signed-in account. */
  signedIn: (): RequestHandler => declareAccess(pageGuard(ANY_ROLE, false), { kind: 'roles', roles: ANY_ROLE }),
  /** Any signed-in account, also one that must still choose a new password (the password change and sign-out). */
  duringPasswordChange: (): RequestHandler =>
    declareAccess(pageGuard(ANY_ROLE, true), { kind: 'roles', roles: ANY_ROLE, duringPasswordChange: true }),
  public: publicRoute,
};
