// CSRF protection: every form carries the session's synchronizer token (or, before sign-in, the login cookie's).
import crypto from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../errors';
import { LOGIN_CSRF_COOKIE, readCookie } from './cookies';
import { webLocals } from './web-locals';

export const CSRF_FIELD = '_csrf';

export function tokensMatch(expected: string | undefined, presented: unknown): boolean {
  if (!expected || typeof presented !== 'string') return false;
  const a = crypto.createHash('sha256').update(expected).digest();
  const b = crypto.createHash('sha256').update(presented).digest();
  return crypto.timingSafeEqual(a, b);
}

const refused = () =>
  new AppError(
    'forbidden',
    'This form has expired or did not come from this site. Go back, reload the page and send it again.',
  );

/** For forms of signed-in users: the token must be this session's. */
export function requireCsrf(req: Request, res: Response, next: NextFunction) {
  const body = (req.body ?? {}) as Record<string, unknown>;
  if (!tokensMatch(webLocals(res).session?.csrfToken, body[CSRF_FIELD])) throw refused();
  next();
}

/** For the sign-in form (no session yet): the token must equal the login cookie's (double submit, SameSite=Strict). */
export function requireLoginCsrf(req: Request, _res: Response, next: NextFunction) {
  const body = (req.body ?? {}) as Record<string, unknown>;
  if (!tokensMatch(readCookie(req, LOGIN_CSRF_COOKIE), body[CSRF_FIELD])) throw refused();
  next();
}
