// Whether a router has a route for a method and path, asked before authentication so that a path that names no route
// is a 404 for every caller (with or without a key), as on the pages.
import type { NextFunction, Request, Response, Router } from 'express';
import { AppError } from '../errors';

interface Layer {
  match(path: string): { path: string } | false;
  route?: { _handlesMethod(method: string): boolean };
  handle: { stack?: Layer[] };
}

function hasRoute(stack: Layer[], method: string, path: string): boolean {
  for (const layer of stack) {
    let matched: { path: string } | false;
    try {
      matched = layer.match(path);
    } catch {
      return true; // a parameter that is not valid percent-encoding: the router answers its own 400
    }
    if (!matched) continue;
    if (layer.route) {
      if (layer.route._handlesMethod(method)) return true;
    } else if (
      Array.isArray(layer.handle.stack) &&
      hasRoute(layer.handle.stack, method, path.slice(matched.path.length) || '/')
    ) {
      return true;
    }
  }
  return false;
}

/** First middleware of `router`: refuses, as not found, a request that none of its routes would answer. */
export function onlyRoutedPaths(router: Router) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (hasRoute((router as unknown as { stack: Layer[] }).stack, req.method, req.path)) return next();
    throw new AppError('not_found', `No route for ${req.method} ${req.originalUrl.split('?')[0]}`);
  };
}
