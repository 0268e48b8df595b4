// HTTP side of the metrics: the request-latency middleware (labelled by route pattern, never the raw URL) and
// GET /metrics, open by default or behind a bearer token (METRICS_TOKEN).
import crypto from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { AppError } from '../errors';
import type { AppMetrics } from './metrics';

export const UNMATCHED_ROUTE = 'unmatched';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * The route label: the mount path the matching router was reached through plus the route's own pattern, e.g.
 * `/api/v1/cases/:id`; `unmatched` when no route matched (404s, and requests refused before routing, such as a
 * missing API key). Mount paths are static strings in this app, so the label set is bounded.
 */
export function routeLabel(matched: { baseUrl: string; routePath: unknown } | undefined): string {
  if (!matched) return UNMATCHED_ROUTE;
  const routePath = typeof matched.routePath === 'string' ? matched.routePath : String(matched.routePath);
  const joined = routePath === '/' && matched.baseUrl ? matched.baseUrl : `${matched.baseUrl}${routePath}`;
  return joined || '/';
}

export function statusClass(status: number): string {
  return status >= 100 && status < 600 ? `${Math.floor(status / 100)}xx` : 'other';
}

export function methodLabel(method: string): string {
  return METHODS.has(method) ? method : 'other';
}

/**
 * Times each request until its response is finished (or the connection closed). Express sets `req.route` when a
 * route matches, while `req.baseUrl` still holds the path the router was mounted at; a setter captures both
 * then, because by the time the response finishes an error may have unwound `req.baseUrl`.
 */
export function requestMetrics(metrics: AppMetrics): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    let route: unknown;
    let matched: { baseUrl: string; routePath: unknown } | undefined;
    Object.defineProperty(req, 'route', {
      configurable: true,
      enumerable: true,
      get: () => route,
      set: (value: { path?: unknown } | undefined) => {
        route = value;
        matched = value ? { baseUrl: req.baseUrl, routePath: value.path } : undefined;
      },
    });
    let isDone = false;
    const done = () => {
      if (isDone) return;
      isDone = true;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.observeRequest(
        { route: routeLabel(matched), method: methodLabel(req.method), status_class: statusClass(res.statusCode) },
        seconds,
      );
    };
    res.once('finish', done);
    res.once('close', done);
    next();
  };
}

function sha256(value: string): Buffer {
  return crypto.createHash('sha256').update(value).digest();
}

/** GET /metrics: Prometheus text format. With a token, only `Authorization: Bearer <token>` is answered. */
export function metricsEndpoint(metrics: AppMetrics): RequestHandler {
  const expected = metrics.token ? sha256(metrics.token) : null;
  return async (req: Request, res: Response) => {
    if (expected) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
      // Both sides hashed: equal lengths for timingSafeEqual, and the token's length is not revealed.
      if (!match || !crypto.timingSafeEqual(sha256(match[1]!), expected)) {
        res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
        throw new AppError('unauthorized', 'GET /metrics needs "Authorization: Bearer <METRICS_TOKEN>"');
      }
    }
    const body = await metrics.registry.metrics();
    res.setHeader('Content-Type', metrics.registry.contentType);
    res.send(body);
  };
}
