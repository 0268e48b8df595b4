// What the web middleware keeps on res.locals: the signed-in user's session.
import type { Request, Response } from 'express';
import type { ActiveSession } from '../auth/session-store';
import type { RequestLocals } from '../request-context';
import type { PageContext } from './views/layout';

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

/**
 * Sends a signed-in page drawn from what `load` reads for every answer (the list as it is now) and what this answer
 * adds (a notice, errors, the values sent back).
 */
export function pageSender<View extends object, Loaded extends Partial<View>>(
  page: (context: PageContext, view: View) => string,
  load: (req: Request) => Promise<Loaded>,
) {
  return async (req: Request, res: Response, status: number, view: Omit<View, keyof Loaded>): Promise<void> => {
    const loaded = await load(req);
    res
      .status(status)
      .type('html')
      .send(page(pageContext(req, res), { ...loaded, ...view } as unknown as View));
  };
}
