// Rate limits per client address and per API key: token buckets, shared by every instance in PostgreSQL
// (rate-limit-store.ts) or, without it (unit tests, createApp's default), in this instance's memory (docs/security.md).
import net from 'node:net';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { AppError } from '../errors';
import { locals } from '../request-context';

export interface RateLimitSettings {
  /** Requests a minute per client address (IPv6: per /64); 0 = no limit. */
  perIpPerMinute: number;
  /** Requests a minute per API key; 0 = no limit. */
  perKeyPerMinute: number;
  /**
   * Requests a minute per client address on /webhooks; 0 = no limit. Its own, higher budget: an ATS sends a bulk
   * action's events from a few addresses, and a 429 only delays them (the vendor retries for hours).
   */
  webhookPerIpPerMinute: number;
  /** Requests a minute per client address on the pages (everything but /api, /webhooks, probes and /metrics); 0 = no limit. */
  pagesPerIpPerMinute: number;
  /**
   * Webhook deliveries a minute per client address whose signature does not verify; over it, that address's deliveries
   * are answered 429 before their body is read. 0 or unset = no budget.
   */
  webhookSignatureFailuresPerIpPerMinute?: number;
}

export type TakeResult = { isAllowed: true } | { isAllowed: false; retryAfterSeconds: number };

/** One limiter's buckets: spend a request, or look whether one is left. */
export interface BucketStore {
  take(key: string): Promise<TakeResult>;
  peek(key: string): Promise<TakeResult>;
}

/** Makes the buckets of one limiter (`name` keeps limiters apart: the same address has a bucket in each). */
export type BucketStoreFactory = (name: string, perMinute: number) => BucketStore;

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * One bucket per key holding up to `perMinute` requests, refilled continuously at `perMinute` a minute: a client
 * may spend a minute's allowance at once, then gets it back at the steady rate. At most `maxKeys` buckets are kept
 * (the least recently used goes first; a dropped bucket comes back full, so eviction only ever errs on allowing).
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(
    readonly perMinute: number,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 100_000,
  ) {
    this.perMs = perMinute / 60_000;
  }

  /** Whether `key` has a request left, without spending it. */
  peek(key: string): TakeResult {
    const tokens = this.tokensOf(key, this.now());
    return tokens >= 1 ? { isAllowed: true } : { isAllowed: false, retryAfterSeconds: this.retryAfter(tokens) };
  }

  private tokensOf(key: string, now: number): number {
    const bucket = this.buckets.get(key);
    return bucket ? Math.min(this.perMinute, bucket.tokens + (now - bucket.updatedAt) * this.perMs) : this.perMinute;
  }

  private retryAfter(tokens: number): number {
    return Math.max(1, Math.ceil((1 - tokens) / this.perMs / 1000));
  }

  take(key: string): TakeResult {
    const now = this.now();
    const bucket = this.buckets.get(key);
    const tokens = this.tokensOf(key, now);
    // Re-inserted so that the Map's order is least recently used first.
    if (bucket) this.buckets.delete(key);
    else if (this.buckets.size >= this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
    if (tokens >= 1) {
      this.buckets.set(key, { tokens: tokens - 1, updatedAt: now });
      return { isAllowed: true };
    }
    this.buckets.set(key, { tokens, updatedAt: now });
    return { isAllowed: false, retryAfterSeconds: this.retryAfter(tokens) };
  }

  get size(): number {
    return this.buckets.size;
  }
}

/**
 * The address a limit counts against: IPv4 as is (also when IPv4-mapped), IPv6 by its /64, since one subscriber
 * usually holds a whole /64 and could otherwise take a fresh address per request.
 */
export function clientAddressKey(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!net.isIPv6(ip)) return ip;
  const [head = '', tail = ''] = ip.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = ip.includes('::') ? (tail ? tail.split(':') : []) : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = ip.includes('::')
    ? [...headGroups, ...Array<string>(Math.max(0, missing)).fill('0'), ...tailGroups]
    : headGroups;
  return `${groups
    .slice(0, 4)
    .map((group) => (parseInt(group, 16) || 0).toString(16))
    .join(':')}::/64`;
}

export function refuse(res: Response, retryAfterSeconds: number, message: string): never {
  res.setHeader('Retry-After', String(retryAfterSeconds));
  throw new AppError('rate_limited', `${message}; retry in ${retryAfterSeconds} s`);
}

/** In this process's memory: each instance counts on its own. */
export const memoryBuckets: BucketStoreFactory = (_name, perMinute) => {
  const buckets = new TokenBuckets(perMinute);
  return { take: async (key) => buckets.take(key), peek: async (key) => buckets.peek(key) };
};

/** Before authentication, so that guessing keys is limited too. `name` is the limiter's own budget (api, pages, ...). */
export function limitPerClientAddress(
  perMinute: number,
  name = 'ip',
  buckets: BucketStoreFactory = memoryBuckets,
): RequestHandler {
  if (perMinute <= 0) return (_req, _res, next) => next();
  const store = buckets(name, perMinute);
  return async (req: Request, res: Response, next: NextFunction) => {
    const taken = await store.take(clientAddressKey(req.ip));
    if (!taken.isAllowed)
      refuse(res, taken.retryAfterSeconds, `Too many requests from this address (at most ${perMinute} a minute)`);
    next();
  };
}

/** After authentication: one bucket per API key, wherever its requests come from. */
export function limitPerApiKey(perMinute: number, buckets: BucketStoreFactory = memoryBuckets): RequestHandler {
  if (perMinute <= 0) return (_req, _res, next) => next();
  const store = buckets('key', perMinute);
  return async (_req: Request, res: Response, next: NextFunction) => {
    const apiKeyId = locals(res).principal?.apiKeyId;
    if (apiKeyId) {
      const taken = await store.take(apiKeyId);
      if (!taken.isAllowed)
        refuse(res, taken.retryAfterSeconds, `Too many requests with this API key (at most ${perMinute} a minute)`);
    }
    next();
  };
}
