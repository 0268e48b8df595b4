// POST /webhooks/:vendor: verify the signature over the raw bytes, store the delivery with its job, answer 200 (202 to
// SmartRecruiters); and SmartRecruiters' subscription activation, which only echoes its X-Hook-Secret header.
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { publicRoute } from '../../auth/route-access';
import { AppError } from '../../errors';
import type { AppMetrics } from '../../metrics/metrics';
import { eventOf } from '../../webhooks/adapters';
import { vendors, type Vendor } from '../../webhooks/adapters/types';
import type { DeliveryStore } from '../../webhooks/delivery-store';
import { deliveryIdOf, leverFieldsAgree, verifySignature, type IncomingDelivery } from '../../crypto/signatures';
import type { WebhookSourceService } from '../../webhooks/webhook-sources';
import { clientAddressKey, memoryBuckets, refuse, type BucketStoreFactory } from '../rate-limit';
import { locals } from '../../request-context';

export interface WebhookIntake {
  sources: WebhookSourceService;
  deliveries: DeliveryStore;
  /** Standard Webhooks timestamp tolerance (WEBHOOK_TOLERANCE_SECONDS). */
  toleranceSeconds: number;
  metrics?: Pick<AppMetrics, 'observeWebhookRejected' | 'observeWebhookAccepted'>;
  /** Deliveries a minute per client address whose signature fails before that address gets 429s; 0/unset = none. */
  signatureFailuresPerIpPerMinute?: number;
  /** Where that budget is counted (default this process's memory; the service: PostgreSQL, across instances). */
  rateLimitBuckets?: BucketStoreFactory;
}

function isVendor(value: string): value is Vendor {
  return (vendors as readonly string[]).includes(value);
}

// What an activation secret may look like: visible ASCII, bounded (it is echoed back in a response header).
const HOOK_SECRET = /^[\x21-\x7e]{1,256}$/;

/**
 * SmartRecruiters' subscription activation: a POST carrying X-Hook-Secret, to be answered 200 with the same header
 * within 20 s. It is unsigned (the signing key is made after activation), so it is answered to anyone and does nothing
 * else: nothing is stored, no body is read, no source is looked up. An echo tells the caller only what it sent; who
 * may activate a subscription pointing here is decided by SmartRecruiters (its account's API credentials), and the
 * deliveries of a subscription someone else activated still fail the signature check against our sources' keys.
 */
function answerActivation(req: Request, res: Response): boolean {
  const secret = req.get('x-hook-secret');
  if (secret === undefined) return false;
  if (!HOOK_SECRET.test(secret))
    throw new AppError('validation_failed', 'X-Hook-Secret must be 1 to 256 visible ASCII characters', {
      fields: [{ path: 'X-Hook-Secret', message: 'must be 1 to 256 visible ASCII characters' }],
    });
  // The body (if any) is not read; closing the connection spares draining it.
  const hasBody = (req.get('content-length') ?? '0') !== '0' || req.get('transfer-encoding') !== undefined;
  if (hasBody) res.setHeader('Connection', 'close');
  res.setHeader('X-Hook-Secret', secret);
  res.status(200).json({ received: true, activated: true });
  return true;
}

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
}

export function webhookRoutes(intake: WebhookIntake): Router {
  const router = Router({ caseSensitive: true });
  const perMinute = intake.signatureFailuresPerIpPerMinute ?? 0;
  // Only failures are counted: a vendor's steady, signed traffic never spends this budget.
  const failures =
    perMinute > 0 ? (intake.rateLimitBuckets ?? memoryBuckets)('webhook-signature-failures', perMinute) : null;

  // Before the body is read: an unknown vendor, or an address that keeps sending bad signatures, costs no 2 MB read.
  const screen = async (req: Request, res: Response, next: NextFunction) => {
    const vendor = String(req.params.vendor);
    if (!isVendor(vendor))
      throw new AppError(
        'not_found',
        `No webhook endpoint for "${vendor.slice(0, 40)}": use one of ${vendors.join(', ')}`,
      );
    const budget = await failures?.peek(clientAddressKey(req.ip));
    if (budget && !budget.isAllowed) {
      // The body is not read; closing the connection spares draining it.
      res.setHeader('Connection', 'close');
      refuse(
        res,
        budget.retryAfterSeconds,
        `Too many webhook deliveries with a bad signature from this address (at most ${perMinute} a minute)`,
      );
    }
    if (vendor === 'smartrecruiters' && answerActivation(req, res)) return;
    next();
  };

  // The raw bytes are what the vendors sign: nothing parses the body before the signature is checked.
  router.post(
    '/:vendor',
    publicRoute('ATS senders: each delivery is checked by its signature before anything else'),
    screen,
    express.raw({ type: () => true, limit: '2mb' }),
    async (req: Request, res: Response) => {
      const vendor = String(req.params.vendor) as Vendor;
      const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const delivery: IncomingDelivery = { rawBody, header: (name) => req.get(name) };
      const sources = await intake.sources.enabledFor(vendor);
      const now = Date.now();
      // Each enabled source of the vendor is tried: several accounts may post to one URL.
      const reasons: string[] = [];
      const source = sources.find((candidate) => {
        const verification = verifySignature(vendor, delivery, candidate.secret, {
          now,
          toleranceSeconds: intake.toleranceSeconds,
        });
        if (!verification.ok) reasons.push(verification.reason);
        return verification.ok;
      });
      const body = source ? parseJson(rawBody) : undefined;
      // Lever's signature sits inside the body, read by a scan of the bytes: the parsed fields must be the ones checked.
      const isForgedLever =
        source !== undefined && body !== undefined && vendor === 'lever' && !leverFieldsAgree(body, rawBody);
      if (!source || isForgedLever) {
        await failures?.take(clientAddressKey(req.ip));
        intake.metrics?.observeWebhookRejected(vendor);
        const reason = isForgedLever
          ? 'the parsed token, triggeredAt or signature is not the one verified'
          : (reasons[0] ?? 'no enabled source for this vendor');
        locals(res).log.warn({ vendor, sources: sources.length, reason }, 'webhook signature rejected');
        throw new AppError(
          'unauthorized',
          sources.length === 0 ? `No ${vendor} webhook source is configured` : 'The webhook signature does not verify',
        );
      }
      if (body === undefined) throw new AppError('invalid_json', 'The webhook body is not JSON');
      // SmartRecruiters names the event in a signed header; its body holds ids only.
      const { event, candidateId } = eventOf(
        vendor,
        body,
        vendor === 'smartrecruiters' ? req.get('event-name') : undefined,
      );
      if (event === 'ping') {
        res.status(200).json({ received: true, ping: true });
        return;
      }
      const stored = await intake.deliveries.accept({
        sourceId: source.id,
        deliveryId: deliveryIdOf(vendor, delivery, body),
        event,
        candidateId,
        rawBody,
      });
      intake.metrics?.observeWebhookAccepted(vendor, stored.duplicate);
      // Exactly 200 (Greenhouse counts anything else as a failure), 202 to SmartRecruiters (what it expects); a duplicate
      // is acknowledged and does nothing.
      res
        .status(vendor === 'smartrecruiters' ? 202 : 200)
        .json({ received: true, duplicate: stored.duplicate, deliveryId: stored.id });
    },
  );
  return router;
}
