// Wires the queue's jobs (webhook deliveries, notes written back to the ATS, link rescoring, notifications) over the
// services they need, and starts the queue runner.
import type { CaseRepository } from '../cases/case-repository';
import { erasePersonalData, type ErasureClient } from '../cases/erasure-store';
import type { LinkService } from '../links/link-service';
import type { Logger } from '../logger';
import type { AppMetrics } from '../metrics/metrics';
import type { NotificationEndpointService } from '../notifications/notification-endpoints';
import type { NotificationStore } from '../notifications/notification-store';
import { createNotifier } from '../notifications/notifier';
import type { OutboundClient } from '../outbound/outbound-client';
import { ATS_NOTE_TASK, LINK_RESCORE_TASK } from '../queue/task-names';
import type { ScreeningService } from '../screening/screen-applicant';
import type { DeliveryStore } from './delivery-store';
import { DeliveryProcessor } from './process-delivery';
import type { WebhookSourceService } from './webhook-sources';
import { startWebhookWorker, type WebhookWorker } from './worker';

/** What the jobs use, and nothing else (the composition's Services has all of it). */
export interface ProcessingDeps {
  /** Handed to the erasure store when an ATS anonymises a candidate. */
  pool: ErasureClient;
  webhooks: { deliveries: DeliveryStore; sources: WebhookSourceService; publicBaseUrl?: string };
  screening: ScreeningService;
  cases: CaseRepository;
  links: Pick<LinkService, 'propagate'>;
  notifications: { endpoints: NotificationEndpointService; store: NotificationStore };
  metrics?: AppMetrics;
  outbound: OutboundClient;
}

export function createDeliveryProcessor(
  deps: Omit<ProcessingDeps, 'links' | 'notifications'>,
  logger: Logger,
): DeliveryProcessor {
  return new DeliveryProcessor({
    deliveries: deps.webhooks.deliveries,
    sources: deps.webhooks.sources,
    screening: deps.screening,
    cases: deps.cases,
    eraseCase: async (caseId, actor, reason) =>
      (await erasePersonalData(deps.pool, caseId, actor, reason)).status !== 'not_found',
    logger,
    metrics: deps.metrics,
    outbound: deps.outbound,
    publicBaseUrl: deps.webhooks.publicBaseUrl,
  });
}

export function startWebhookProcessing(
  deps: ProcessingDeps,
  databaseUrl: string,
  logger: Logger,
  concurrency: number,
  pollIntervalMs?: number,
): Promise<WebhookWorker> {
  const processor = createDeliveryProcessor(deps, logger);
  return startWebhookWorker(
    databaseUrl,
    processor,
    logger,
    { concurrency, pollIntervalMs },
    {
      [ATS_NOTE_TASK]: (payload) => processor.writeNote(payload),
      // The rescoring of the cases holding a value a newcomer shares, queued by the trigger on identifiers (src/links).
      [LINK_RESCORE_TASK]: async (payload) => {
        await deps.links.propagate(payload);
      },
      // Notifications the trigger on cases queues when a band rises (src/notifications).
      ...createNotifier(deps, logger).tasks(),
    },
  );
}
