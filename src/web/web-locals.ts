// What the web middleware keeps on res.locals: the signed-in user's session.
import type { Request, Response } from 'express';
import type { ActiveSession } from '../auth/session-store';
import type { RequestLocals } from '../request-context';

export interface WebLocals extends RequestLocals {
  session?: ActiveSession;
}

export function webLocals(res: Response): WebLocals {
  return res.locals as WebLocals;
}

/** A signed-in page's context for the layout: who, the form token, and the path (for the navigation). */
export function pageContext(req: Request, res: Response) {
  const session = webLocals(res).session!;
  return { user: session.user, csrfToken: session.csrfToken, path: req.path };
}
