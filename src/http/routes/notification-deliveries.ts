// GET /api/v1/notification-deliveries (the outbound notification log) and POST /api/v1/notification-deliveries/:id/resend.
import type { Router } from 'express';
import { notificationStatuses, type NotificationStore } from '../../notifications/notification-store';
import { deliveryLogQuery, deliveryLogRoutes } from './delivery-log';

export const notificationQuerySchema = deliveryLogQuery('endpoint', notificationStatuses);

// A notification's payload is what was sent (no personal data in it).
export function notificationDeliveryRoutes(store: NotificationStore): Router {
  return deliveryLogRoutes(store, 'endpoint', notificationQuerySchema, {
    notFound: 'No notification with that id',
    action: 'resend',
    refusals: {
      not_dead: 'Only a dead notification can be sent again (this one is queued or sent)',
      endpoint_disabled:
        'Its endpoint is disabled: enable it first (npm run cli -- notify-endpoint update NAME --enable)',
    },
  });
}
