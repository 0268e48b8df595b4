// The API's renderer of the one error classifier (src/error-classifier.ts): JSON with the code, message and wrong fields.
import type { NextFunction, Request, Response } from 'express';
import { classifyError } from '../error-classifier';
import { AppError } from '../errors';
import { locals } from '../request-context';

export function errorHandler() {
  return (error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const { error: appError, status } = classifyError(error, req.method);
    const { requestId, log } = locals(res);
    if (appError.code === 'internal') log.error({ err: error }, 'unhandled error');
    else if (appError.code === 'database_unavailable') log.warn({ err: error }, 'database unavailable');
    if (appError.code === 'database_unavailable') res.setHeader('Retry-After', '5');
    res.status(status).json({
      error: {
        code: appError.code,
        message:
          appError.code === 'internal'
            ? `Internal error; quote request id ${requestId} when reporting it`
            : appError.message,
        requestId,
        ...(appError.details?.fields ? { fields: appError.details.fields } : {}),
      },
    });
  };
}

export function notFoundHandler() {
  return (req: Request) => {
    throw new AppError('not_found', `No route for ${req.method} ${req.path}`);
  };
}
