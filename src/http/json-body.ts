// JSON bodies only: anything else is a 415 before it reaches validation.
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../errors';

export function requireJsonBody(req: Request, _res: Response, next: NextFunction) {
  if (!req.is('application/json') && !req.is('application/*+json')) {
    throw new AppError('unsupported_media_type', 'Send the body as JSON with "Content-Type: application/json"');
  }
  if (req.body === undefined) throw new AppError('invalid_json', 'The request body is empty');
  next();
}
