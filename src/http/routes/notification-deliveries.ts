// GET /api/v1/notification-deliveries (the outbound notification log) and POST /api/v1/notification-deliveries/:id/resend.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { AppError } from '../../errors';
import { notificationStatuses, type NotificationDelivery, type NotificationStore } from '../../notifications/notification-store';
import { commaListParam, cursorParam, encodeCursor, uuidParam, validateQuery } from '../../validation/request';
import { requireRole } from '../auth';

export const notificationQuerySchema = z.strictObject({
  endpoint: z.string().min(1).max(200).optional(),
  status: commaListParam(notificationStatuses).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: cursorParam.optional(),
});

/** A notification as the API shows it: the payload is what was sent (no personal data in it). */
export function notificationView(delivery: NotificationDelivery) {
  return { ...delivery, createdAt: delivery.createdAt.toISOString(), sentAt: delivery.sentAt?.toISOString() ?? null };
}

const NOT_FOUND = 'No notification with that id';

export function notificationDeliveryRoutes(store: NotificationStore): Router {
  const router = Router({ caseSensitive: true });
  router.get('/', requireRole('reviewer', 'admin'), async (req: Request, res: Response) => {
    const q = validateQuery(notificationQuerySchema, req.query);
    const page = await store.list({ endpointName: q.endpoint, statuses: q.status, limit: q.limit, cursor: q.cursor });
    res.json({ items: page.items.map(notificationView), nextCursor: encodeCursor(page.nextCursor) });
  });

  router.post('/:id/resend', requireRole('admin'), async (req: Request, res: Response) => {
    const resent = await store.resend(uuidParam(req.params.id, NOT_FOUND));
    if (!resent) throw new AppError('not_found', NOT_FOUND);
    if (resent === 'not_dead') throw new AppError('conflict', 'Only a dead notification can be sent again (this one is queued or sent)');
    if (resent === 'endpoint_disabled') throw new AppError('conflict', 'Its endpoint is disabled: enable it first (npm run cli -- notify-endpoint update NAME --enable)');
    res.status(202).json(notificationView(resent));
  });
  return router;
}
