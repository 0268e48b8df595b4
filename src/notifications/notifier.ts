// Delivers notifications: the queue's `notification_delivery` job (retried with backoff) and the CLI's test event.
import type { Task, TaskList } from 'graphile-worker';
import type { Logger } from '../logger';
import type { AppMetrics } from '../metrics/metrics';
import type { OutboundClient } from '../outbound/outbound-client';
import type { NotificationEndpointService, UsableEndpoint } from './notification-endpoints';
import { NOTIFICATION_TASK } from '../queue/task-names';
import type { NotificationDelivery, NotificationStore } from './notification-store';
import { sendNotification, type SendResult } from './send-notification';

export interface NotifierDeps {
  endpoints: NotificationEndpointService;
  store: NotificationStore;
  logger: Logger;
  metrics?: AppMetrics;
  /** Every notification goes through the outbound URL policy. */
  outbound: OutboundClient;
  timeoutMs?: number;
  /** PUBLIC_BASE_URL: makes the case link in Slack messages absolute. */
  publicBaseUrl?: string;
}

function idOf(payload: unknown): string | null {
  const id = typeof payload === 'object' && payload !== null ? (payload as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : null;
}

export class Notifier {
  constructor(private readonly deps: NotifierDeps) {}

  /**
   * Runs one attempt. Resolves when the notification is finished (sent, or dead: last attempt, 410 Gone, endpoint
   * disabled or deleted); throws when a later attempt may succeed, so that the queue retries it with backoff.
   */
  async process(id: string, attempt: number, maxAttempts: number): Promise<void> {
    const { endpoints, store, logger, metrics } = this.deps;
    const delivery = await store.begin(id, attempt);
    if (!delivery) return;
    const isFinal = attempt >= maxAttempts;
    let endpoint: UsableEndpoint | null;
    try {
      endpoint = await endpoints.usable(delivery.endpointId);
    } catch (error) {
      // A secret sealed under a key this instance lacks (SECRETS_KEY differs between instances): fixable, so retried.
      const message = `cannot open the endpoint's secret: ${(error as Error).message}`;
      await store.markFailed(id, { error: message, responseStatus: null, isFinal });
      metrics?.observeNotification(delivery.kind, isFinal ? 'dead' : 'retry');
      logger.error(
        { notificationId: id, endpointId: delivery.endpointId, attempt, maxAttempts, error: message },
        'notification cannot be sent',
      );
      if (isFinal) return;
      throw error;
    }
    if (!endpoint || !endpoint.enabled) {
      await store.markFailed(id, {
        error: endpoint ? 'the endpoint was disabled before delivery' : 'the endpoint no longer exists',
        responseStatus: null,
        isFinal: true,
      });
      metrics?.observeNotification(delivery.kind, 'dead');
      return;
    }
    const result = await sendNotification(this.deps.outbound, endpoint, delivery, {
      timeoutMs: this.deps.timeoutMs,
      publicBaseUrl: this.deps.publicBaseUrl,
    });
    const context = {
      notificationId: id,
      endpoint: endpoint.name,
      kind: endpoint.kind,
      event: delivery.eventType,
      caseId: delivery.caseId,
      attempt,
      maxAttempts,
    };
    if (result.ok) {
      await store.markSent(id, result.status);
      metrics?.observeNotification(endpoint.kind, 'sent');
      logger.info({ ...context, status: result.status }, 'notification sent');
      return;
    }
    if (result.isGone) {
      await endpoints.disable(endpoint.id, `the receiver answered 410 Gone on ${new Date().toISOString()}`);
      await store.markFailed(id, {
        error: `${result.error} (endpoint disabled)`,
        responseStatus: result.status,
        isFinal: true,
      });
      metrics?.observeNotification(endpoint.kind, 'dead');
      logger.warn({ ...context, status: result.status }, 'notification receiver answered 410 Gone: endpoint disabled');
      return;
    }
    await store.markFailed(id, { error: result.error, responseStatus: result.status, isFinal });
    metrics?.observeNotification(endpoint.kind, isFinal ? 'dead' : 'retry');
    logger.warn(
      { ...context, status: result.status, error: result.error },
      isFinal ? 'notification failed for the last time' : 'notification attempt failed; will retry',
    );
    // The last attempt ends here (dead in our log) rather than leaving a permanently failed job in the queue.
    if (!isFinal) throw new Error(result.error);
  }

  /** Sends a test event to the named endpoint now (even a disabled one), logged like the others; null: no such endpoint. */
  async sendTest(name: string): Promise<{ delivery: NotificationDelivery; result: SendResult } | null> {
    const { endpoints, store, metrics } = this.deps;
    const found = await endpoints.findByName(name);
    const endpoint = found ? await endpoints.usable(found.id) : null;
    if (!endpoint) return null;
    const created = await store.createTest(endpoint.id, endpoint.name);
    const result = await sendNotification(this.deps.outbound, endpoint, created, {
      timeoutMs: this.deps.timeoutMs,
      publicBaseUrl: this.deps.publicBaseUrl,
    });
    if (result.ok) await store.markSent(created.id, result.status);
    else await store.markFailed(created.id, { error: result.error, responseStatus: result.status, isFinal: true });
    metrics?.observeNotification(endpoint.kind, result.ok ? 'sent' : 'dead');
    return { delivery: (await store.find(created.id))!, result };
  }

  /** The queue task the trigger on cases schedules (for the worker's task list). */
  tasks(): TaskList {
    const task: Task = async (payload, helpers) => {
      const id = idOf(payload);
      if (!id) return;
      await this.process(id, helpers.job.attempts, helpers.job.max_attempts);
    };
    return { [NOTIFICATION_TASK]: task };
  }
}

/** The notifier over the shared services (the worker's task and `notify-endpoint test`). */
export function createNotifier(
  services: {
    notifications: { endpoints: NotificationEndpointService; store: NotificationStore };
    metrics?: AppMetrics;
    webhooks: { publicBaseUrl?: string };
    outbound: OutboundClient;
  },
  logger: Logger,
): Notifier {
  return new Notifier({
    endpoints: services.notifications.endpoints,
    store: services.notifications.store,
    logger,
    metrics: services.metrics,
    outbound: services.outbound,
    publicBaseUrl: services.webhooks.publicBaseUrl,
  });
}
