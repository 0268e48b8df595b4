// GET /api/v1/notification-deliveries (the outbound notification log) and POST /api/v1/notification-deliveries/:id/resend.
import type { Router } from 'express';
import {
  notificationStatuses,
  type NotificationDelivery,
  type NotificationStore,
} from '../../notifications/notification-store';
import { deliveryLogQuery, deliveryLogRoutes } from './delivery-log';

export const notificationQuerySchema = deliveryLogQuery('endpoint', notificationStatuses);

/** A notification as the API shows it: the payload is what was sent (no personal data in it). */
export function notificationView(delivery: NotificationDelivery) {
  return { ...delivery, createdAt: delivery.createdAt.toISOString(), sentAt: delivery.sentAt?.toISOString() ?? null };
}

export function notificationDeliveryRoutes(store: NotificationStore): Router {
  return deliveryLogRoutes({
    query: notificationQuerySchema,
    list: (q) => store.list({ endpointName: q.endpoint, statuses: q.status, limit: q.limit, cursor: q.cursor }),
    view: notificationView,
    notFound: 'No notification with that id',
    action: {
      path: 'resend',
      run: (id) => store.resend(id),
      refusals: {
        not_dead: 'Only a dead notification can be sent again (this one is queued or sent)',
        endpoint_disabled:
          'Its endpoint is disabled: enable it first (npm run cli -- notify-endpoint update NAME --enable)',
      },
    },
  });
}
