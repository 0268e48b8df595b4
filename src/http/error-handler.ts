// The one error handler: AppError -> its status; body-parser and database failures -> clear 4xx/503; the rest -> opaque 500.
import type { NextFunction, Request, Response } from 'express';
import { isDatabaseUnavailable, isStatementTimeout } from '../db/unavailable';
import { AppError } from '../errors';
import { locals } from './request-context';

const bodyParserErrors: Record<string, () => AppError> = {
  'entity.too.large': () => new AppError('payload_too_large', 'The request body is larger than 1 MB'),
  'entity.parse.failed': () => new AppError('invalid_json', 'The request body is not valid JSON'),
  'encoding.unsupported': () => new AppError('unsupported_media_type', 'The request body encoding is not supported'),
  'charset.unsupported': () => new AppError('unsupported_media_type', 'Send the JSON body as UTF-8'),
  'request.aborted': () => new AppError('invalid_json', 'The request body was not received completely'),
};

// "Nothing was stored" is only worth saying to a request that meant to store something.
const isWrite = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method);

function toAppError(error: unknown, req: Request): AppError {
  if (error instanceof AppError) return error;
  const bodyParserType = (error as { type?: unknown })?.type;
  if (typeof bodyParserType === 'string' && bodyParserErrors[bodyParserType]) return bodyParserErrors[bodyParserType]();
  // The router's and the body parser's own 400s: a path segment that is not percent-encoded UTF-8 (/cases/%C0%AF),
  // a body that is not what its Content-Encoding says (zlib's Z_DATA_ERROR and kin, brotli's ERR__ERROR_FORMAT_*).
  const status = (error as { status?: unknown })?.status;
  if (error instanceof URIError && status === 400) {
    return new AppError('validation_failed', 'The request path is not valid percent-encoded UTF-8', { fields: [{ path: 'path', message: 'is not valid percent-encoded UTF-8' }] });
  }
  const zlibCode = (error as { code?: unknown })?.code;
  if (status === 400 && typeof zlibCode === 'string' && /^(Z_|ERR__ERROR_)/.test(zlibCode)) {
    return new AppError('invalid_json', `The request body could not be decoded as its Content-Encoding says (${zlibCode})`);
  }
  // A statement over the timeout is the database being too slow right now: a 503 to retry, not a 500 to report.
  if (isStatementTimeout(error)) {
    return new AppError('database_unavailable', 'The database did not answer in time (statement timeout); its transaction was undone. Retry shortly.', undefined, { cause: error });
  }
  if (isDatabaseUnavailable(error)) {
    const message = isWrite(req.method) ? 'The database is unavailable; nothing was stored. Retry shortly.' : 'The database is unavailable. Retry shortly.';
    return new AppError('database_unavailable', message, undefined, { cause: error });
  }
  return new AppError('internal', 'Internal error', undefined, { cause: error });
}

export function errorHandler() {
  return (error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const appError = toAppError(error, req);
    const { requestId, log } = locals(res);
    if (appError.code === 'internal') log.error({ err: error }, 'unhandled error');
    else if (appError.code === 'database_unavailable') log.warn({ err: error }, 'database unavailable');
    if (appError.code === 'database_unavailable') res.setHeader('Retry-After', '5');
    res.status(appError.httpStatus).json({
      error: {
        code: appError.code,
        message: appError.code === 'internal' ? `Internal error; quote request id ${requestId} when reporting it` : appError.message,
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
