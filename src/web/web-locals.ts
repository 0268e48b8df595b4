// What the web middleware keeps on res.locals: the signed-in user's session.
import type { Response } from 'express';
import type { ActiveSession } from '../auth/session-store';
import type { RequestLocals } from '../http/request-context';

export interface WebLocals extends RequestLocals {
  session?: ActiveSession;
}

export function webLocals(res: Response): WebLocals {
  return res.locals as WebLocals;
}
