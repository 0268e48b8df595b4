// GET /api/v1/notification-deliveries (the outbound notification log) and POST /api/v1/notification-deliveries/:id/resend.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { describeIssues } from '../../applicants/parse-applicant';
import { AppError } from '../../errors';
import { notificationStatuses, type NotificationDelivery, type NotificationStore } from '../../notifications/notification-store';
import { requireRole } from '../auth';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const statusList = z
  .union([z.string(), z.array(z.string())])
  .transform((value) => (Array.isArray(value) ? value : [value]).flatMap((item) => item.split(',')).filter(Boolean))
  .pipe(z.array(z.enum(notificationStatuses)).min(1));

export const notificationQuerySchema = z.strictObject({
  endpoint: z.string().min(1).max(200).optional(),
  status: statusList.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z
    .string()
    .transform((value) => Buffer.from(value, 'base64url').toString('utf8'))
    .refine((value) => UUID.test(value), 'is not a cursor returned by this API')
    .optional(),
});

/** A notification as the API shows it: the payload is what was sent (no personal data in it). */
export function notificationView(delivery: NotificationDelivery) {
  return { ...delivery, createdAt: delivery.createdAt.toISOString(), sentAt: delivery.sentAt?.toISOString() ?? null };
}

export function notificationDeliveryRoutes(store: NotificationStore): Router {
  const router = Router({ caseSensitive: true });
  router.get('/', requireRole('reviewer', 'admin'), async (req: Request, res: Response) => {
    const parsed = notificationQuerySchema.safeParse(req.query, { reportInput: true });
    if (!parsed.success) {
      const fields = describeIssues(parsed.error.issues, 'query parameters').map((field) => ({ ...field, path: `query.${field.path}` }));
      throw new AppError('validation_failed', 'Invalid query parameters', { fields });
    }
    const q = parsed.data;
    const page = await store.list({ endpointName: q.endpoint, statuses: q.status, limit: q.limit, cursor: q.cursor });
    res.json({ items: page.items.map(notificationView), nextCursor: page.nextCursor ? Buffer.from(page.nextCursor).toString('base64url') : null });
  });

  router.post('/:id/resend', requireRole('admin'), async (req: Request, res: Response) => {
    const id = String(req.params.id);
    if (!UUID.test(id)) throw new AppError('not_found', 'No notification with that id');
    const resent = await store.resend(id);
    if (!resent) throw new AppError('not_found', 'No notification with that id');
    if (resent === 'not_dead') throw new AppError('conflict', 'Only a dead notification can be sent again (this one is queued or sent)');
    if (resent === 'endpoint_disabled') throw new AppError('conflict', 'Its endpoint is disabled: enable it first (npm run cli -- notify-endpoint update NAME --enable)');
    res.status(202).json(notificationView(resent));
  });
  return router;
}
