// Signature checks per vendor over the raw request bytes, constant-time; and each vendor's delivery id.
import crypto from 'node:crypto';
import type { Vendor } from '../webhooks/adapters/types';

export interface IncomingDelivery {
  rawBody: Buffer;
  /** A request header by case-insensitive name. */
  header(name: string): string | undefined;
}

export type Verification = { ok: true } | { ok: false; reason: string };

export interface VerifyOptions {
  /** Milliseconds since the epoch. */
  now: number;
  /** Standard Webhooks and SmartRecruiters: how far the signed timestamp may be from now. */
  toleranceSeconds: number;
}

// Lever signs only token + triggeredAt and may retry for hours; a replayed token is refused for as long as its
// delivery is kept (the delivery id is the token), so a wide window loses no protection and keeps late retries.
const LEVER_TOLERANCE_SECONDS = 24 * 3600;

/**
 * Vendors whose delivery id is not covered by the signature (Greenhouse-Event-ID is a plain header): anyone who
 * captured a delivery can re-send its body under a new id. For them the body itself (its SHA-256) is the
 * duplicate check as well; intake-batch-store.ts folds it into the insert.
 */
export const UNSIGNED_DELIVERY_ID_VENDORS: readonly Vendor[] = ['greenhouse'];

function hmac(key: crypto.BinaryLike, message: crypto.BinaryLike | Buffer[]): Buffer {
  const mac = crypto.createHmac('sha256', key);
  for (const part of Array.isArray(message) ? message : [message]) mac.update(part);
  return mac.digest();
}

function equalDigest(expected: Buffer, presented: Buffer): boolean {
  return presented.length === expected.length && crypto.timingSafeEqual(presented, expected);
}

function hexDigest(value: string | undefined): Buffer | null {
  return value && /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, 'hex') : null;
}

function verifyGreenhouse(delivery: IncomingDelivery, secret: string): Verification {
  // Greenhouse: "Signature: sha256 <hex HMAC-SHA256 of the body>".
  const match = /^sha256 ([0-9a-fA-F]{64})$/.exec(delivery.header('signature')?.trim() ?? '');
  if (!match) return { ok: false, reason: 'missing or malformed Signature header (expected "sha256 <hex>")' };
  return equalDigest(hmac(secret, delivery.rawBody), hexDigest(match[1])!)
    ? { ok: true }
    : { ok: false, reason: 'signature does not match the body' };
}

function verifyAshby(delivery: IncomingDelivery, secret: string): Verification {
  const match = /^sha256=([0-9a-fA-F]{64})$/.exec(delivery.header('ashby-signature')?.trim() ?? '');
  if (!match) return { ok: false, reason: 'missing or malformed Ashby-Signature header (expected "sha256=<hex>")' };
  return equalDigest(hmac(secret, delivery.rawBody), hexDigest(match[1])!)
    ? { ok: true }
    : { ok: false, reason: 'signature does not match the body' };
}

/** Lever's signed fields as they appear in the body, read without parsing it. */
export interface LeverSignedFields {
  token: string;
  /** The digits as sent (a number or a string of digits). */
  triggeredAt: string;
  signature: string;
}

// Bounded, linear scans of the raw text: the first occurrence of each field. A body whose parsed top-level fields
// differ (a duplicate key, a field nested before the real one) is refused after parsing (leverFieldsAgree).
const LEVER_TOKEN = /"token"\s*:\s*"([^"\\]{1,200})"/;
const LEVER_TRIGGERED_AT = /"triggeredAt"\s*:\s*(?:(\d{1,16})|"(\d{1,16})")/;
const LEVER_SIGNATURE = /"signature"\s*:\s*"([0-9a-fA-F]{64})"/;

/**
 * Lever puts its signature inside the body: the fields are found by scanning the raw bytes, so that an unsigned body
 * is refused without being parsed (a JSON parse of 2 MB is what an unauthenticated client could otherwise buy).
 */
export function leverSignedFields(rawBody: Buffer): LeverSignedFields | null {
  const text = rawBody.toString('latin1');
  const token = LEVER_TOKEN.exec(text)?.[1];
  const at = LEVER_TRIGGERED_AT.exec(text);
  const signature = LEVER_SIGNATURE.exec(text)?.[1];
  const triggeredAt = at?.[1] ?? at?.[2];
  return token && triggeredAt && signature ? { token, triggeredAt, signature } : null;
}

/** After parsing a verified Lever body: its top-level token, triggeredAt and signature are the ones that were checked. */
export function leverFieldsAgree(body: unknown, rawBody: Buffer): boolean {
  const scanned = leverSignedFields(rawBody);
  const fields = (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}) as Record<
    string,
    unknown
  >;
  return (
    scanned !== null &&
    fields.token === scanned.token &&
    (typeof fields.triggeredAt === 'number' || typeof fields.triggeredAt === 'string') &&
    String(fields.triggeredAt) === scanned.triggeredAt &&
    fields.signature === scanned.signature
  );
}

function verifyLever(delivery: IncomingDelivery, secret: string, now: number): Verification {
  const fields = leverSignedFields(delivery.rawBody);
  if (!fields) return { ok: false, reason: 'body lacks token, triggeredAt or signature' };
  const { token, triggeredAt, signature } = fields;
  const presented = hexDigest(signature);
  if (!presented || !equalDigest(hmac(secret, `${token}${triggeredAt}`), presented))
    return { ok: false, reason: 'signature does not match token + triggeredAt' };
  const at = Number(triggeredAt);
  if (!Number.isFinite(at) || Math.abs(now - at) > LEVER_TOLERANCE_SECONDS * 1000)
    return { ok: false, reason: 'triggeredAt is too far from now' };
  return { ok: true };
}

/** The SmartRecruiters headers the v1 signature covers after the body, in their signed order. */
const SMARTRECRUITERS_SIGNED_HEADERS = ['event-id', 'event-name', 'event-version', 'link'] as const;
// SmartRecruiters allows at most 16 live keys per subscription, each possibly under more than one scheme.
const SMARTRECRUITERS_MAX_SIGNATURES = 32;

/**
 * The bytes SmartRecruiters signs: timestamp, body, event-id, event-name, event-version and link, joined by ".", an
 * absent header counting as "". Headers are taken as the bytes received (Node reads header values as latin1).
 */
function smartRecruitersMessage(delivery: IncomingDelivery, timestamp: string): Buffer[] {
  const parts: Buffer[] = [Buffer.from(`${timestamp}.`, 'latin1'), delivery.rawBody];
  for (const name of SMARTRECRUITERS_SIGNED_HEADERS)
    parts.push(Buffer.from(`.${delivery.header(name) ?? ''}`, 'latin1'));
  return parts;
}

/**
 * SmartRecruiters v1: "smartrecruiters-signature: v1=<hex>[;v1=<hex>…]", one entry per live key (rotation keeps the old
 * key for 24 h) and scheme; any v1 entry that matches is enough. The timestamp is signed and must be within tolerance.
 */
function verifySmartRecruiters(delivery: IncomingDelivery, secret: string, options: VerifyOptions): Verification {
  const timestamp = delivery.header('smartrecruiters-timestamp');
  const signatures = delivery.header('smartrecruiters-signature');
  if (!timestamp || !signatures)
    return { ok: false, reason: 'missing smartrecruiters-timestamp or smartrecruiters-signature' };
  if (!/^\d{1,12}$/.test(timestamp))
    return { ok: false, reason: 'smartrecruiters-timestamp must be seconds since the epoch' };
  if (Math.abs(options.now / 1000 - Number(timestamp)) > options.toleranceSeconds)
    return { ok: false, reason: 'smartrecruiters-timestamp is outside the tolerance' };
  const expected = hmac(secret, smartRecruitersMessage(delivery, timestamp));
  let matched = false;
  // Every listed entry is compared (no early exit), so the time taken says nothing about which one matched.
  for (const entry of signatures.split(';').slice(0, SMARTRECRUITERS_MAX_SIGNATURES)) {
    const [scheme, value] = entry.trim().split('=', 2);
    const presented = scheme === 'v1' ? hexDigest(value) : null;
    if (presented && equalDigest(expected, presented)) matched = true;
  }
  return matched ? { ok: true } : { ok: false, reason: 'no v1 signature matches' };
}

/** Standard Webhooks v1: secret "whsec_<base64>", signed "{id}.{timestamp}.{body}", header "v1,<base64> ...". */
function verifyStandard(delivery: IncomingDelivery, secret: string, options: VerifyOptions): Verification {
  const id = delivery.header('webhook-id');
  const timestamp = delivery.header('webhook-timestamp');
  const signatures = delivery.header('webhook-signature');
  if (!id || !timestamp || !signatures)
    return { ok: false, reason: 'missing webhook-id, webhook-timestamp or webhook-signature' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'webhook-timestamp must be seconds since the epoch' };
  if (Math.abs(options.now / 1000 - Number(timestamp)) > options.toleranceSeconds)
    return { ok: false, reason: 'webhook-timestamp is outside the tolerance' };
  const key = Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
  const expected = hmac(key, [Buffer.from(`${id}.${timestamp}.`), delivery.rawBody]);
  // Several signatures (key rotation) may be sent, space-separated; any v1 match is enough.
  for (const entry of signatures.split(' ')) {
    const [version, value] = entry.split(',', 2);
    if (version !== 'v1' || !value || !/^[A-Za-z0-9+/=]{1,200}$/.test(value)) continue;
    if (equalDigest(expected, Buffer.from(value, 'base64'))) return { ok: true };
  }
  return { ok: false, reason: 'no v1 signature matches' };
}

/** Checks one delivery against one source's secret, over the raw bytes only: nothing is parsed before this passes. */
export function verifySignature(
  vendor: Vendor,
  delivery: IncomingDelivery,
  secret: string,
  options: VerifyOptions,
): Verification {
  switch (vendor) {
    case 'greenhouse':
      return verifyGreenhouse(delivery, secret);
    case 'ashby':
      return verifyAshby(delivery, secret);
    case 'lever':
      return verifyLever(delivery, secret, options.now);
    case 'smartrecruiters':
      return verifySmartRecruiters(delivery, secret, options);
    case 'generic':
      return verifyStandard(delivery, secret, options);
  }
}

function field(body: unknown, name: string): string | undefined {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' && value.length > 0 && value.length <= 200 ? value : undefined;
}

/**
 * The vendor's id for this delivery (the same on its retries): duplicates are recognised by it. Without one,
 * the body's SHA-256 stands in (a byte-identical retry is then still a duplicate). Where the scheme allows, the id
 * is one the signature covers, so that a captured delivery cannot be sent again under another id.
 */
export function deliveryIdOf(vendor: Vendor, delivery: IncomingDelivery, body: unknown): string {
  const fallback = () => `sha256:${crypto.createHash('sha256').update(delivery.rawBody).digest('hex')}`;
  switch (vendor) {
    case 'greenhouse': {
      const id = delivery.header('greenhouse-event-id')?.trim();
      return id && id.length <= 200 ? id : fallback();
    }
    case 'ashby':
      return field(body, 'webhookActionId') ?? fallback();
    case 'lever': {
      // Lever signs only token + triggeredAt: the body's `id` (and `data`) can be changed by whoever captured a
      // delivery, so the signed, single-use token is the delivery id, whatever `id` says. A reused token is a replay.
      const token = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).token : undefined;
      if (typeof token !== 'string' || !token) return fallback();
      return token.length <= 200
        ? `token:${token}`
        : `token-sha256:${crypto.createHash('sha256').update(token).digest('hex')}`;
    }
    case 'smartrecruiters': {
      // event-id is signed and the same on SmartRecruiters' re-deliveries. Without one, the signed message stands in:
      // a replay within the tolerance (same timestamp) is then still a duplicate.
      const id = delivery.header('event-id')?.trim();
      if (id && id.length <= 200) return `event:${id}`;
      const timestamp = delivery.header('smartrecruiters-timestamp') ?? '';
      const digest = crypto.createHash('sha256');
      for (const part of smartRecruitersMessage(delivery, timestamp)) digest.update(part);
      return `signed-sha256:${digest.digest('hex')}`;
    }
    case 'generic':
      return delivery.header('webhook-id')!.slice(0, 200);
  }
}

/** Signs like the vendor does: for tests, the bench and our own outbound webhooks. */
export function signLike(
  vendor: Vendor,
  secret: string,
  rawBody: Buffer,
  extra: { id?: string; timestamp?: number; event?: string; eventVersion?: string; link?: string } = {},
): Record<string, string> {
  switch (vendor) {
    case 'greenhouse':
      return { Signature: `sha256 ${hmac(secret, rawBody).toString('hex')}` };
    case 'ashby':
      return { 'Ashby-Signature': `sha256=${hmac(secret, rawBody).toString('hex')}` };
    case 'lever':
      return {};
    case 'smartrecruiters': {
      const headers: Record<string, string> = {
        'smartrecruiters-timestamp': String(extra.timestamp ?? Math.floor(Date.now() / 1000)),
        'event-id': extra.id ?? crypto.randomUUID(),
        'event-name': extra.event ?? 'application.created',
        'event-version': extra.eventVersion ?? 'v201910',
      };
      if (extra.link !== undefined) headers.link = extra.link;
      const delivery: IncomingDelivery = { rawBody, header: (name) => headers[name] };
      headers['smartrecruiters-signature'] =
        `v1=${hmac(secret, smartRecruitersMessage(delivery, headers['smartrecruiters-timestamp']!)).toString('hex')}`;
      return headers;
    }
    case 'generic': {
      const id = extra.id ?? `msg_${crypto.randomUUID()}`;
      const timestamp = String(extra.timestamp ?? Math.floor(Date.now() / 1000));
      const key = Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64');
      const signature = hmac(key, [Buffer.from(`${id}.${timestamp}.`), rawBody]).toString('base64');
      return { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${signature}` };
    }
  }
}

/** Lever's in-body signature fields for a given token and time. */
export function leverSignature(secret: string, token: string, triggeredAt: number): string {
  return hmac(secret, `${token}${triggeredAt}`).toString('hex');
}

/** Vendors that issue the signing secret themselves (it is pasted in, never generated here), and what they call it. */
export const VENDOR_ISSUED_SECRETS: Partial<Record<Vendor, string>> = { lever: 'token', smartrecruiters: 'secret key' };

/** A new signing secret in the vendor's expected form (Standard Webhooks: whsec_ + base64 of 32 bytes). */
export function generateSecret(vendor: Vendor): string {
  const bytes = crypto.randomBytes(32);
  return vendor === 'generic' ? `whsec_${bytes.toString('base64')}` : bytes.toString('hex');
}
