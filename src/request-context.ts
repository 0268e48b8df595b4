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
  return (req: Request, res: Response, next: NextFunction) => {
    const incoming = req.get('x-request-id');
    const requestId = incoming && SAFE_REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
    const started = process.hrtime.bigint();
    const log = logger.child({ requestId });
    Object.assign(res.locals, { requestId, log } satisfies RequestLocals);
    res.setHeader('X-Request-Id', requestId);
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // The full path (req.path is relative to the router that answered), without the query string.
      log.info(
        {
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
