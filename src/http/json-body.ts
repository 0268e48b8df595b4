// JSON bodies only: anything else is a 415 before it reaches validation.
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../errors';

// No Content-Length above zero and no chunked body: nothing was sent, whatever the Content-Type says.
function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

export function requireJsonBody(req: Request, _res: Response, next: NextFunction) {
  if (!hasBody(req))
    throw new AppError('invalid_json', 'The request body is empty: send JSON with "Content-Type: application/json"');
  if (!req.is('application/json') && !req.is('application/*+json')) {
    throw new AppError('unsupported_media_type', 'Send the body as JSON with "Content-Type: application/json"');
  }
  if (req.body === undefined) throw new AppError('invalid_json', 'The request body is empty');
  next();
}
