// The pages' renderer of the one error classifier (src/error-classifier.ts): the status, a plain message, and the
// request id for a 500; never a stack.
import type { NextFunction, Request, Response } from 'express';
import { isStatementTimeout } from '../db/unavailable';
import { classifyError } from '../error-classifier';
import { html } from './html';
import { page } from './views/layout';
import { webLocals } from './web-locals';

const TITLES: Record<number, string> = {
  400: 'Something in the request is wrong',
  401: 'Please sign in',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict',
  413: 'Too large',
  415: 'Unsupported form',
  429: 'Too many attempts',
  503: 'Temporarily unavailable',
};

// The pages say the same things as the API in a reader's words: the form, not "the request body".
const REQUEST_MESSAGES: Partial<Record<string, string>> = {
  payload_too_large: 'The form is larger than this site accepts.',
};
const UNREADABLE = 'The request could not be read: send the form as URL-encoded UTF-8 from this site’s pages.';

export function webErrorHandler() {
  return (error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const locals = webLocals(res);
    const { error: appError, origin, status } = classifyError(error, req.method);
    let message = appError.message;
    if (origin === 'request') message = REQUEST_MESSAGES[appError.code] ?? UNREADABLE;
    else if (origin === 'internal')
      message = `Something went wrong on our side. Quote request id ${locals.requestId} when reporting it.`;
    else if (origin === 'database') {
      message = isStatementTimeout(error)
        ? 'The database did not answer in time; nothing was stored. Try again in a moment.'
        : 'The database is unavailable; nothing was stored. Try again in a moment.';
      res.setHeader('Retry-After', '5');
    }
    if (origin === 'internal') locals.log.error({ err: error }, 'unhandled error');
    else if (origin === 'database')
      locals.log.warn({ err: error }, isStatementTimeout(error) ? 'statement timeout' : 'database unavailable');
    const session = locals.session;
    const context = { user: session?.user, csrfToken: session?.csrfToken };
    const title = TITLES[status] ?? 'Error';
    res
      .status(status)
      .type('html')
      .send(
        page(
          context,
          title,
          html`<h1>${title}</h1><p class="notice">${message}</p><p><a href="${session ? '/' : '/login'}">${session ? 'Back to the start page' : 'Sign in'}</a></p>`,
        ),
      );
  };
}
