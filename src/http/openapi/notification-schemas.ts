// Answers of the notification deliveries API, as zod schemas (OpenAPI components; checked in tests).
import { z } from 'zod';
import { notificationKinds } from '../../notifications/notification-endpoints';
import { notificationStatuses } from '../../notifications/notification-store';

const timestamp = z.iso.datetime({ offset: true });

export const notificationDeliverySchema = z
  .strictObject({
    id: z.string().describe('also the webhook-id header of every attempt'),
    endpointId: z.string(),
    endpointName: z.string(),
    kind: z.enum(notificationKinds),
    caseId: z.string().nullable().describe('null for a test event'),
    eventType: z.string().describe('case.band_raised, or notification.test'),
    payload: z
      .strictObject({ type: z.string(), timestamp: z.string(), data: z.record(z.string(), z.unknown()) })
      .describe('exactly what is sent to a webhook endpoint (Slack gets a text made from it); no personal data'),
    status: z.enum(notificationStatuses),
    attempts: z.number().int().min(0),
    lastError: z.string().nullable(),
    responseStatus: z.number().int().nullable().describe("the receiver's HTTP status on the last attempt"),
    createdAt: timestamp,
    sentAt: timestamp.nullable(),
  })
  .meta({ id: 'NotificationDelivery' });

export const notificationDeliveryPageSchema = z
  .strictObject({
    items: z.array(notificationDeliverySchema).describe('newest first'),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'NotificationDeliveryPage' });
