// Bearer API key authentication and role checks for /api routes.
import type { NextFunction, Request, Response } from 'express';
import type { ApiKeyService, Role } from '../auth/api-keys';
import { ANY_ROLE, declareAccess } from '../auth/route-access';
import { AppError } from '../errors';
import { locals } from '../request-context';

export function authenticate(apiKeys: ApiKeyService) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      throw new AppError('unauthorized', 'Send an API key as "Authorization: Bearer <key>"');
    }
    const principal = await apiKeys.verify(match[1]!);
    if (!principal) {
      res.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
      throw new AppError('unauthorized', 'The API key is unknown, revoked or malformed');
    }
    locals(res).principal = principal;
    next();
  };
}

/** The roles an API route allows, declared on the route (every /api route starts with one; test/integration/route-access). */
export function requireRole(...allowed: Role[]) {
  return declareAccess(
    (_req: Request, res: Response, next: NextFunction) => {
      const role = locals(res).principal?.role;
      if (!role || !allowed.includes(role))
        throw new AppError('forbidden', `This needs one of the roles: ${allowed.join(', ')}`);
      next();
    },
    { kind: 'roles', roles: allowed },
  );
}

/** Any API key's role: the route itself narrows what a recruiter sees (their own cases). */
export const anyApiRole = () => requireRole(...ANY_ROLE);
