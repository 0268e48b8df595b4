// POST /webhooks/:vendor: verify the signature over the raw bytes, store the delivery with its job, answer 200.
import express, { Router, type Request, type Response } from 'express';
import { publicRoute } from '../../auth/route-access';
import { AppError } from '../../errors';
import type { AppMetrics } from '../../metrics/metrics';
import { eventOf } from '../../webhooks/adapters';
import { vendors, type Vendor } from '../../webhooks/adapters/types';
import type { DeliveryStore } from '../../webhooks/delivery-store';
import { deliveryIdOf, verifySignature, type IncomingDelivery } from '../../webhooks/signatures';
import type { WebhookSourceService } from '../../webhooks/webhook-sources';
import { locals } from '../request-context';

export interface WebhookIntake {
  sources: WebhookSourceService;
  deliveries: DeliveryStore;
  /** Standard Webhooks timestamp tolerance (WEBHOOK_TOLERANCE_SECONDS). */
  toleranceSeconds: number;
  metrics?: Pick<AppMetrics, 'observeWebhookRejected' | 'observeWebhookAccepted'>;
}

function isVendor(value: string): value is Vendor {
  return (vendors as readonly string[]).includes(value);
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
  // The raw bytes are what the vendors sign: no JSON parser runs before the signature is checked.
  router.post('/:vendor', publicRoute('ATS senders: each delivery is checked by its signature before anything else'), express.raw({ type: () => true, limit: '2mb' }), async (req: Request, res: Response) => {
    const vendor = String(req.params.vendor);
    if (!isVendor(vendor)) throw new AppError('not_found', `No webhook endpoint for "${vendor.slice(0, 40)}": use one of ${vendors.join(', ')}`);
    const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const delivery: IncomingDelivery = { rawBody, header: (name) => req.get(name) };
    const body = parseJson(rawBody);
    const sources = await intake.sources.enabledFor(vendor);
    const now = Date.now();
    // Each enabled source of the vendor is tried: several accounts may post to one URL.
    const reasons: string[] = [];
    const source = sources.find((candidate) => {
      const verification = verifySignature(vendor, delivery, body, candidate.secret, { now, toleranceSeconds: intake.toleranceSeconds });
      if (!verification.ok) reasons.push(verification.reason);
      return verification.ok;
    });
    if (!source) {
      intake.metrics?.observeWebhookRejected(vendor);
      locals(res).log.warn({ vendor, sources: sources.length, reason: reasons[0] ?? 'no enabled source for this vendor' }, 'webhook signature rejected');
      throw new AppError('unauthorized', sources.length === 0 ? `No ${vendor} webhook source is configured` : 'The webhook signature does not verify');
    }
    if (body === undefined) throw new AppError('invalid_json', 'The webhook body is not JSON');
    const { event, candidateId } = eventOf(vendor, body);
    if (event === 'ping') {
      res.status(200).json({ received: true, ping: true });
      return;
    }
    const stored = await intake.deliveries.accept({ sourceId: source.id, deliveryId: deliveryIdOf(vendor, delivery, body), event, candidateId, rawBody });
    intake.metrics?.observeWebhookAccepted(vendor, stored.duplicate);
    // Exactly 200 (Greenhouse counts anything else as a failure); a duplicate is acknowledged and does nothing.
    res.status(200).json({ received: true, duplicate: stored.duplicate, deliveryId: stored.id });
  });
  return router;
}
