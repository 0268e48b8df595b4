// The HTTP server's timeouts, in one place: main.ts serves with them and the slow-client test runs against them.
import http, { type RequestListener, type Server, type ServerOptions } from 'node:http';

/**
 * - headersTimeout: a request's headers must arrive within 10 s of its first byte (a slowloris client trickling
 *   headers is answered 408 and dropped). Node requires it to be at most requestTimeout.
 * - requestTimeout: the whole request, headers and a body of up to 1 MB, within 30 s.
 * - keepAliveTimeout: an idle keep-alive connection stays open 65 s, longer than a load balancer's usual 60 s, so
 *   that the proxy (not this server) closes it and never sends a request down a connection being closed.
 * - connectionsCheckingInterval: how often Node looks for connections past those limits (default 30 s, which would
 *   let a slow client hold a connection three times as long as headersTimeout).
 */
export const SERVER_TIMEOUTS = {
  headersTimeout: 10_000,
  requestTimeout: 30_000,
  keepAliveTimeout: 65_000,
  connectionsCheckingInterval: 2_000,
} as const satisfies ServerOptions;

/** An HTTP server for `app` with SERVER_TIMEOUTS (express's app.listen() offers no way to pass them). */
export function createHttpServer(app: RequestListener): Server {
  return http.createServer({ ...SERVER_TIMEOUTS }, app);
}
