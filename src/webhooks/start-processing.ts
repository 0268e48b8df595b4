// Wires the webhook job processor over the shared services and starts the queue runner.
import { erasePersonalData } from '../cases/erasure-store';
import { ATS_NOTE_TASK, LINK_RESCORE_TASK } from '../queue/task-names';
import type { Logger } from '../logger';
import { createNotifier } from '../notifications/notifier';
import type { Services } from '../services';
import { DeliveryProcessor } from './process-delivery';
import { startWebhookWorker, type WebhookWorker } from './worker';

export function createDeliveryProcessor(services: Services, logger: Logger): DeliveryProcessor {
  return new DeliveryProcessor({
    deliveries: services.webhooks.deliveries,
    sources: services.webhooks.sources,
    screening: services.screening,
    cases: services.cases,
    eraseCase: async (caseId, actor, reason) => (await erasePersonalData(services.pool, caseId, actor, reason)).status !== 'not_found',
    logger,
    metrics: services.metrics,
    outbound: services.outbound,
    publicBaseUrl: services.webhooks.publicBaseUrl,
  });
}

export function startWebhookProcessing(services: Services, databaseUrl: string, logger: Logger, concurrency: number, pollIntervalMs?: number): Promise<WebhookWorker> {
  const processor = createDeliveryProcessor(services, logger);
  return startWebhookWorker(databaseUrl, processor, logger, { concurrency, pollIntervalMs }, {
    [ATS_NOTE_TASK]: (payload) => processor.writeNote(payload),
    // The rescoring of the cases holding a value a newcomer shares, queued by the trigger on identifiers (src/links).
    [LINK_RESCORE_TASK]: async (payload) => {
      await services.links.propagate(payload);
    },
    // Notifications the trigger on cases queues when a band rises (src/notifications).
    ...createNotifier(services, logger).tasks(),
  });
}
