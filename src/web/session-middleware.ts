// Loads the signed-in user's session from the cookie (each route's guard in page-access.ts decides what it may do).
import type { NextFunction, Request, Response } from 'express';
import type { SessionStore } from '../auth/session-store';
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
  return typeof value === 'string' && /^\/(?![/\\])[\x21-\x7e]*$/.test(value) && value.length <= 500
    ? value
    : undefined;
}
