// Who may call a route, declared on the route itself (page or API) and read back by the route-table test:
// access is never inferred from how a path is spelled.
import type { RequestHandler } from 'express';
import { roles, type Role } from './api-keys';

export type RouteAccess =
  /** Anyone: sign-in, probes, the API's own description, signed webhooks; `why` says what protects it instead. */
  | { kind: 'public'; why: string }
  /** Signed in (pages) or an API key (API) with one of these roles. */
  | { kind: 'roles'; roles: readonly Role[]; duringPasswordChange?: boolean };

export const ANY_ROLE: readonly Role[] = roles;

const ACCESS = Symbol.for('hfrc.routeAccess');

/** Marks the guard that a route starts with, so a route without a declared guard can be found. */
export function declareAccess<H extends RequestHandler>(guard: H, access: RouteAccess): H {
  Object.defineProperty(guard, ACCESS, { value: Object.freeze({ ...access }), enumerable: false });
  return guard;
}

export function routeAccessOf(handler: unknown): RouteAccess | undefined {
  return typeof handler === 'function'
    ? (handler as unknown as Record<symbol, RouteAccess | undefined>)[ACCESS]
    : undefined;
}

/** Routes that anyone may call, with the reason written down beside the route. */
export function publicRoute(why: string): RequestHandler {
  return declareAccess((_req, _res, next) => next(), { kind: 'public', why });
}
