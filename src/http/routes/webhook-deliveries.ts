// GET /api/v1/webhook-deliveries (by source and status) and POST /api/v1/webhook-deliveries/:id/replay.
import type { Router } from 'express';
import { deliveryStatuses, type DeliveryStore, type DeliverySummary } from '../../webhooks/delivery-store';
import { deliveryLogQuery, deliveryLogRoutes } from './delivery-log';

export const deliveryQuerySchema = deliveryLogQuery('source', deliveryStatuses);

/** The delivery as the API shows it: metadata only, never the body (it holds the candidate's personal data). */
export function deliveryView(delivery: DeliverySummary) {
  return {
    ...delivery,
    receivedAt: delivery.receivedAt.toISOString(),
    processedAt: delivery.processedAt?.toISOString() ?? null,
  };
}

export function webhookDeliveryRoutes(deliveries: DeliveryStore): Router {
  return deliveryLogRoutes({
    query: deliveryQuerySchema,
    list: (q) => deliveries.list({ sourceName: q.source, statuses: q.status, limit: q.limit, cursor: q.cursor }),
    view: deliveryView,
    notFound: 'No webhook delivery with that id',
    action: {
      path: 'replay',
      run: (id) => deliveries.replay(id),
      refusals: { erased: 'This delivery’s body was erased with the candidate’s personal data; it cannot be replayed' },
    },
  });
}
