// Answers of the webhook intake and the deliveries API, as zod schemas (OpenAPI components; checked in tests).
import { z } from 'zod';
import { deliveryStatuses } from '../../webhooks/delivery-store';
import { vendors } from '../../webhooks/adapters/types';

const timestamp = z.iso.datetime({ offset: true });

export const webhookReceiptSchema = z
  .strictObject({
    received: z.literal(true),
    ping: z.literal(true).optional().describe('a ping: verified and answered, nothing stored'),
    activated: z
      .literal(true)
      .optional()
      .describe('a SmartRecruiters subscription activation: X-Hook-Secret echoed, nothing else done'),
    duplicate: z.boolean().optional().describe('this delivery id was already stored: nothing new was stored or queued'),
    deliveryId: z.string().nullable().optional().describe('the stored delivery (null for a duplicate)'),
  })
  .meta({ id: 'WebhookReceipt' });

export const webhookDeliverySchema = z
  .strictObject({
    id: z.string(),
    sourceId: z.string(),
    sourceName: z.string(),
    vendor: z.enum(vendors),
    deliveryId: z
      .string()
      .describe(
        "the vendor's delivery id (Greenhouse-Event-ID, webhookActionId, Lever token, SmartRecruiters event-id, webhook-id)",
      ),
    event: z.string(),
    candidateId: z.string().nullable(),
    status: z.enum(deliveryStatuses),
    attempts: z.number().int().min(0),
    lastError: z.string().nullable(),
    outcome: z.string().nullable(),
    caseId: z.string().nullable(),
    receivedAt: timestamp,
    processedAt: timestamp.nullable(),
    hasBody: z.boolean().describe('false once the candidate’s personal data was erased (it can no longer be replayed)'),
  })
  .meta({ id: 'WebhookDelivery' });

export const webhookDeliveryPageSchema = z
  .strictObject({ items: z.array(webhookDeliverySchema).describe('newest first'), nextCursor: z.string().nullable() })
  .meta({ id: 'WebhookDeliveryPage' });
