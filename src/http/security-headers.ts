// Security headers on every answer (helmet) and the Content-Security-Policy of JSON answers; pages set their own CSP.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/** JSON is never rendered: nothing may load, frame or post from an answer of the API even if a browser opens it. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * helmet's defaults (HSTS, nosniff, X-Frame-Options, Cross-Origin-Opener/Resource-Policy, ...) with two changes:
 * - no CSP here: every part sets its own (apiContentSecurityPolicy for /api and /webhooks, DOCS_CSP for the Swagger
 *   UI page at /api/docs, the web pages theirs), so that no policy is too loose for one part or breaks another;
 * - Referrer-Policy same-origin instead of no-referrer: under no-referrer browsers send "Origin: null" on same-origin
 *   form posts, which an origin-checking CSRF defence would refuse.
 */
export function securityHeaders(): RequestHandler {
  return helmet({ contentSecurityPolicy: false, referrerPolicy: { policy: 'same-origin' } });
}

export function apiContentSecurityPolicy(): RequestHandler {
  return (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Content-Security-Policy', API_CSP);
    next();
  };
}
