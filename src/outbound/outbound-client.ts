// Every HTTP request the service makes to a URL it was given (notifications, ATS APIs, the sanctions download).
// The URL is checked against the policy, and so is every address a name resolves to and the address connected to.
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import { addressRefusal, checkOutboundUrl, isAllowListed, type AllowedHost } from './outbound-policy';

/** The policy refused the URL or the address it led to; the message is fixed text, never the receiver's. */
export class OutboundRefusedError extends Error {
  override name = 'OutboundRefusedError';
}

/** Resolves a host name to all its addresses (dns.lookup's shape): the network edge, replaceable in tests. */
export type Resolver = (
  hostname: string,
  callback: (error: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]) => void,
) => void;

const systemResolver: Resolver = (hostname, callback) => dns.lookup(hostname, { all: true }, callback);

export interface OutboundRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  signal?: AbortSignal;
  /** 'manual' (default): a redirect is the answer; 'follow': up to 5 hops, each URL checked like the first. */
  redirect?: 'manual' | 'follow';
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;
const NULL_BODY_STATUSES = new Set([204, 205, 304]);

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | dns.LookupAddress[],
  family?: number,
) => void;

export class OutboundClient {
  constructor(
    private readonly allowHosts: readonly AllowedHost[] = [],
    private readonly resolve: Resolver = systemResolver,
  ) {}

  /** The URL when the policy lets the service call it; else OutboundRefusedError saying why. */
  check(value: string | URL): URL {
    const checked = checkOutboundUrl(String(value), this.allowHosts);
    if (!checked.ok) throw new OutboundRefusedError(`the URL ${checked.reason}`);
    return checked.url;
  }

  /** Like fetch for what the service sends; refused before connecting when the URL or a resolved address is not allowed. */
  async fetch(target: string | URL, init: OutboundRequest = {}): Promise<Response> {
    let url = this.check(target);
    let request = init;
    for (let hop = 0; ; hop += 1) {
      const response = await this.send(url, request);
      const location = response.headers.get('location');
      if (request.redirect !== 'follow' || !REDIRECTS.has(response.status) || !location) return response;
      await response.body?.cancel().catch(() => undefined);
      if (hop >= MAX_REDIRECTS) throw new OutboundRefusedError(`more than ${MAX_REDIRECTS} redirects`);
      url = this.check(new URL(location, url));
      // As fetch does: 303, and 301/302 after a POST, continue as a GET without a body.
      if (
        response.status === 303 ||
        ((response.status === 301 || response.status === 302) && request.method === 'POST')
      )
        request = { ...request, method: 'GET', body: undefined };
    }
  }

  // Every address the name resolves to must be allowed (one private answer is enough to refuse: rebinding).
  private lookup(hostname: string, options: { all?: boolean }, isTrusted: boolean, callback: LookupCallback): void {
    this.resolve(hostname, (error, addresses) => {
      if (error) return callback(error, '');
      const refusal =
        addresses.length === 0
          ? 'no address'
          : isTrusted
            ? null
            : addresses.map((one) => addressRefusal(one.address)).find((reason) => reason !== null);
      if (refusal)
        return callback(
          new OutboundRefusedError(
            `the host name resolves to ${refusal}; a self-hosted receiver must be listed in OUTBOUND_ALLOW_HOSTS`,
          ),
          '',
        );
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  }

  private send(url: URL, init: OutboundRequest): Promise<Response> {
    const isTrusted = isAllowListed(url, this.allowHosts);
    const method = init.method ?? 'GET';
    return new Promise((resolve, reject) => {
      const request = (url.protocol === 'https:' ? https : http).request(
        url,
        {
          method,
          headers: {
            ...init.headers,
            ...(init.body !== undefined ? { 'content-length': String(Buffer.byteLength(init.body)) } : {}),
          },
          signal: init.signal,
          // No shared agent: each request connects (and is checked) on its own.
          agent: false,
          lookup: (hostname, options, callback) =>
            this.lookup(hostname, options, isTrusted, callback as LookupCallback),
        },
        (answer) => {
          const status = answer.statusCode ?? 0;
          if (status < 200 || status > 599) {
            answer.destroy();
            reject(new Error(`unexpected HTTP status ${status}`));
            return;
          }
          const headers = new Headers();
          for (const [name, value] of Object.entries(answer.headers))
            for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value])
              headers.append(name, one);
          const hasBody = method !== 'HEAD' && !NULL_BODY_STATUSES.has(status);
          if (!hasBody) answer.resume();
          resolve(
            new Response(hasBody ? (Readable.toWeb(answer) as ReadableStream<Uint8Array>) : null, {
              status,
              statusText: answer.statusMessage,
              headers,
            }),
          );
        },
      );
      // The address actually connected to, whatever resolved it: an IP literal never passes through lookup.
      request.on('socket', (socket) => {
        socket.once('connect', () => {
          const refusal = isTrusted ? null : addressRefusal(socket.remoteAddress ?? '');
          if (refusal)
            request.destroy(
              new OutboundRefusedError(
                `the connection reached ${refusal}; a self-hosted receiver must be listed in OUTBOUND_ALLOW_HOSTS`,
              ),
            );
        });
      });
      request.on('error', reject);
      request.end(init.body);
    });
  }
}

/** A fixed description of a failed request, for what reviewers see: never the receiver's words or a URL's path. */
export function describeOutboundFailure(error: unknown, timeoutMs: number): string {
  const failure = error as { name?: string; code?: string; message?: string; cause?: { code?: string; name?: string } };
  if (failure?.name === 'TimeoutError' || failure?.name === 'AbortError' || failure?.cause?.name === 'TimeoutError')
    return `no answer within ${timeoutMs / 1000} s`;
  if (error instanceof OutboundRefusedError) return `refused by the outbound policy: ${error.message}`;
  const code = failure?.code ?? failure?.cause?.code ?? '';
  if (code === 'ECONNREFUSED') return 'the connection was refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host name could not be resolved';
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET')
    return 'the connection was closed before an answer';
  if (code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return 'the host could not be reached';
  if (/CERT|SSL|TLS/i.test(code)) return 'the TLS certificate was not accepted';
  return 'the request failed';
}
