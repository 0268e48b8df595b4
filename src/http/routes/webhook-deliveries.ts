// GET /api/v1/webhook-deliveries (by source and status) and POST /api/v1/webhook-deliveries/:id/replay.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { describeIssues } from '../../applicants/parse-applicant';
import { AppError } from '../../errors';
import { deliveryStatuses, type DeliveryStore, type DeliverySummary } from '../../webhooks/delivery-store';
import { requireRole } from '../auth';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const statusList = z
  .union([z.string(), z.array(z.string())])
  .transform((value) => (Array.isArray(value) ? value : [value]).flatMap((item) => item.split(',')).filter(Boolean))
  .pipe(z.array(z.enum(deliveryStatuses)).min(1));

export const deliveryQuerySchema = z.strictObject({
  source: z.string().min(1).max(200).optional(),
  status: statusList.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z
    .string()
    .transform((value) => Buffer.from(value, 'base64url').toString('utf8'))
    .refine((value) => UUID.test(value), 'is not a cursor returned by this API')
    .optional(),
});

/** The delivery as the API shows it: metadata only, never the body (it holds the candidate's personal data). */
export function deliveryView(delivery: DeliverySummary) {
  return { ...delivery, receivedAt: delivery.receivedAt.toISOString(), processedAt: delivery.processedAt?.toISOString() ?? null };
}

export function webhookDeliveryRoutes(deliveries: DeliveryStore): Router {
  const router = Router({ caseSensitive: true });
  router.get('/', requireRole('reviewer', 'admin'), async (req: Request, res: Response) => {
    const parsed = deliveryQuerySchema.safeParse(req.query, { reportInput: true });
    if (!parsed.success) {
      const fields = describeIssues(parsed.error.issues, 'query parameters').map((field) => ({ ...field, path: `query.${field.path}` }));
      throw new AppError('validation_failed', 'Invalid query parameters', { fields });
    }
    const q = parsed.data;
    const page = await deliveries.list({ sourceName: q.source, statuses: q.status, limit: q.limit, cursor: q.cursor });
    res.json({ items: page.items.map(deliveryView), nextCursor: page.nextCursor ? Buffer.from(page.nextCursor).toString('base64url') : null });
  });

  router.post('/:id/replay', requireRole('admin'), async (req: Request, res: Response) => {
    const id = String(req.params.id);
    if (!UUID.test(id)) throw new AppError('not_found', 'No webhook delivery with that id');
    const replayed = await deliveries.replay(id);
    if (!replayed) throw new AppError('not_found', 'No webhook delivery with that id');
    if (replayed === 'erased') throw new AppError('conflict', 'This delivery’s body was erased with the candidate’s personal data; it cannot be replayed');
    res.status(202).json(deliveryView(replayed));
  });
  return router;
}
