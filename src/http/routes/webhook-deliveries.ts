// GET /api/v1/webhook-deliveries (by source and status) and POST /api/v1/webhook-deliveries/:id/replay.
import type { Router } from 'express';
import { deliveryStatuses, type DeliveryStore } from '../../webhooks/delivery-store';
import { deliveryLogQuery, deliveryLogRoutes } from './delivery-log';

export const deliveryQuerySchema = deliveryLogQuery('source', deliveryStatuses);

// A delivery shows its metadata only, never the body (it holds the candidate's personal data): the store selects none.
export function webhookDeliveryRoutes(deliveries: DeliveryStore): Router {
  return deliveryLogRoutes(deliveries, 'source', deliveryQuerySchema, {
    notFound: 'No webhook delivery with that id',
    action: 'replay',
    refusals: { erased: 'This delivery’s body was erased with the candidate’s personal data; it cannot be replayed' },
  });
}
