// Per-request id and logger, and the authenticated caller, carried on res.locals: shared by the API and the pages.
import crypto from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Principal } from './auth/api-keys';
import type { Logger } from './logger';

export interface RequestLocals {
  requestId: string;
  log: Logger;
  principal?: Principal;
}

export function locals(res: Response): RequestLocals {
  return res.locals as RequestLocals;
}

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

export function requestContext(logger: Logger) {
  // The request line names only method, path (no query string), status, time and actor, none of them a redacted key,
  // so it skips redaction: pino runs its wildcard redaction paths over every string field of a line, which was 8.5%
  // of a screening's allocations. Every other line, through `log`, is redacted as before.
  const accessLog = logger.child({}, { redact: [] });
  return (req: Request, res: Response, next: NextFunction) => {
    const incoming = req.get('x-request-id');
    const requestId = incoming && SAFE_REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
    const started = process.hrtime.bigint();
    let log: Logger | undefined;
    res.locals.requestId = requestId;
    // The request's own logger is made when something logs through it (most requests log only their request line).
    Object.defineProperty(res.locals, 'log', {
      get: () => (log ??= logger.child({ requestId })),
      enumerable: true,
      configurable: true,
    });
    res.setHeader('X-Request-Id', requestId);
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // The full path (req.path is relative to the router that answered), without the query string.
      accessLog.info(
        {
          requestId,
          method: req.method,
          path: req.originalUrl.split('?')[0],
          status: res.statusCode,
          ms: Math.round(ms * 10) / 10,
          actor: locals(res).principal?.actor,
        },
        'request',
      );
    });
    next();
  };
}
