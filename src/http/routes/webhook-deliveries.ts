// GET /api/v1/webhook-deliveries (by source and status) and POST /api/v1/webhook-deliveries/:id/replay.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { AppError } from '../../errors';
import { commaListParam, cursorParam, encodeCursor, uuidParam, validateQuery } from '../../validation/request';
import { deliveryStatuses, type DeliveryStore, type DeliverySummary } from '../../webhooks/delivery-store';
import { requireRole } from '../auth';

export const deliveryQuerySchema = z.strictObject({
  source: z.string().min(1).max(200).optional(),
  status: commaListParam(deliveryStatuses).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: cursorParam.optional(),
});

/** The delivery as the API shows it: metadata only, never the body (it holds the candidate's personal data). */
export function deliveryView(delivery: DeliverySummary) {
  return { ...delivery, receivedAt: delivery.receivedAt.toISOString(), processedAt: delivery.processedAt?.toISOString() ?? null };
}

const NOT_FOUND = 'No webhook delivery with that id';

export function webhookDeliveryRoutes(deliveries: DeliveryStore): Router {
  const router = Router({ caseSensitive: true });
  router.get('/', requireRole('reviewer', 'admin'), async (req: Request, res: Response) => {
    const q = validateQuery(deliveryQuerySchema, req.query);
    const page = await deliveries.list({ sourceName: q.source, statuses: q.status, limit: q.limit, cursor: q.cursor });
    res.json({ items: page.items.map(deliveryView), nextCursor: encodeCursor(page.nextCursor) });
  });

  router.post('/:id/replay', requireRole('admin'), async (req: Request, res: Response) => {
    const replayed = await deliveries.replay(uuidParam(req.params.id, NOT_FOUND));
    if (!replayed) throw new AppError('not_found', NOT_FOUND);
    if (replayed === 'erased') throw new AppError('conflict', 'This delivery’s body was erased with the candidate’s personal data; it cannot be replayed');
    res.status(202).json(deliveryView(replayed));
  });
  return router;
}
