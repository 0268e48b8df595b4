// Errors on pages answer as pages: the status, a plain message, and the request id for a 500; never a stack.
import type { NextFunction, Request, Response } from 'express';
import { isDatabaseUnavailable, isStatementTimeout } from '../db/unavailable';
import { AppError } from '../errors';
import { html } from './html';
import { page } from './views/layout';
import { webLocals } from './web-locals';

const TITLES: Record<number, string> = { 400: 'Something in the request is wrong', 401: 'Please sign in', 403: 'Not allowed', 404: 'Not found', 409: 'Conflict', 413: 'Too large', 415: 'Unsupported form', 429: 'Too many attempts', 503: 'Temporarily unavailable' };

function isClientError(error: unknown): error is { status: number } {
  const status = (error as { status?: unknown })?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

export function webErrorHandler() {
  return (error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const locals = webLocals(res);
    let status = 500;
    let message = `Something went wrong on our side. Quote request id ${locals.requestId} when reporting it.`;
    if (error instanceof AppError) {
      status = error.httpStatus;
      message = error.message;
    } else if ((error as { type?: string })?.type === 'entity.too.large') {
      status = 413;
      message = 'The form is larger than this site accepts.';
    } else if (isClientError(error)) {
      // The body parser's and router's own 4xx (a charset other than UTF-8, too many fields, a path that is not
      // percent-encoded UTF-8): the request is at fault, not the site.
      status = error.status;
      message = 'The request could not be read: send the form as URL-encoded UTF-8 from this site’s pages.';
    } else if (isStatementTimeout(error)) {
      // As the API answers it: the database is too slow right now, and the transaction was undone.
      status = 503;
      message = 'The database did not answer in time; nothing was stored. Try again in a moment.';
      res.setHeader('Retry-After', '5');
      locals.log.warn({ err: error }, 'statement timeout');
    } else if (isDatabaseUnavailable(error)) {
      status = 503;
      message = 'The database is unavailable; nothing was stored. Try again in a moment.';
      res.setHeader('Retry-After', '5');
      locals.log.warn({ err: error }, 'database unavailable');
    } else {
      locals.log.error({ err: error }, 'unhandled error');
    }
    const session = locals.session;
    const context = { user: session?.user, csrfToken: session?.csrfToken };
    const title = TITLES[status] ?? 'Error';
    res
      .status(status)
      .type('html')
      .send(page(context, title, html`<h1>${title}</h1><p class="notice">${message}</p><p><a href="${session ? '/' : '/login'}">${session ? 'Back to the start page' : 'Sign in'}</a></p>`));
  };
}
