// The JSON API and the machine endpoints, as pieces the app (src/app.ts) mounts in order: the request edge every
// route passes, health/OpenAPI/metrics/webhooks, the /api router, and the one JSON error handler.
import express, { type Express } from 'express';
import type { ApiKeyService } from '../auth/api-keys';
import { publicRoute } from '../auth/route-access';
import type { CaseRepository } from '../cases/case-repository';
import type { CaseDecisions } from '../cases/decide-case';
import type { FindingReviewService } from '../cases/finding-dispositions';
import type { ReadinessReport } from '../db/readiness';
import type { KnownAddressService } from '../known-addresses/known-address-service';
import type { LinkViews } from '../links/link-views';
import type { Logger } from '../logger';
import { metricsEndpoint, requestMetrics } from '../metrics/http';
import type { AppMetrics } from '../metrics/metrics';
import type { NotificationStore } from '../notifications/notification-store';
import { requestContext } from '../request-context';
import type { ActiveSanctionsList } from '../sanctions/active-list';
import type { ScreeningService } from '../screening/screen-applicant';
import type { DeliveryStore } from '../webhooks/delivery-store';
import type { WebhookSourceService } from '../webhooks/webhook-sources';
import { authenticate } from './auth';
import { errorHandler, notFoundHandler } from './error-handler';
import { rejectDeepJson } from './json-depth';
import { openApiRoutes } from './openapi/routes';
import { rejectUnreadableQuery } from './query-string';
import { limitPerApiKey, limitPerClientAddress, type BucketStoreFactory, type RateLimitSettings } from './rate-limit';
import { onlyRoutedPaths } from './route-exists';
import { caseRoutes, type SanctionsReportPage } from './routes/cases';
import { findingDispositionRoutes } from './routes/finding-dispositions';
import { healthRoutes } from './routes/health';
import { knownAddressRoutes } from './routes/known-addresses';
import { caseLinkRoutes, clusterRoutes } from './routes/links';
import { notificationDeliveryRoutes } from './routes/notification-deliveries';
import { screeningRoutes } from './routes/screenings';
import { webhookDeliveryRoutes } from './routes/webhook-deliveries';
import { webhookRoutes } from './routes/webhooks';
import { apiContentSecurityPolicy, securityHeaders } from './security-headers';

export interface ApiServices {
  screening: ScreeningService;
  cases: CaseRepository;
  apiKeys: ApiKeyService;
  linkViews: LinkViews;
  checkReadiness: () => Promise<ReadinessReport>;
  /** The listed entries behind sanctions findings, for the compliance report. */
  sanctions: Pick<ActiveSanctionsList, 'current'>;
  /** Prometheus metrics (GET /metrics); without them the app serves no /metrics. */
  metrics?: AppMetrics;
  /** ATS webhooks: configured sources, the delivery store and the Standard Webhooks timestamp tolerance. */
  webhooks: {
    sources: WebhookSourceService;
    deliveries: DeliveryStore;
    toleranceSeconds: number;
    publicBaseUrl?: string;
  };
  /** The outbound notification log (src/notifications); without it the app serves no notification-deliveries route. */
  notifications?: { store: NotificationStore };
  /** Reviewers' dispositions of findings (false positives, checks' outcomes) and the rescoring they trigger. */
  findingReview: FindingReviewService;
  /** Status changes, judgements and their second reviews (four eyes), the same rules for the API and the pages. */
  decisions: CaseDecisions;
  /** The company's declared offices, depots and staffing partners (src/known-addresses); without it no such routes. */
  knownAddresses?: KnownAddressService;
}

/**
 * `rateLimits`: main.ts passes them from config; without them (tests, benches) nothing is rate-limited. `rateLimitBuckets`:
 * where the counts live: main.ts passes the PostgreSQL store shared by every instance; default this process's memory.
 */
export interface ApiOptions {
  logger: Logger;
  trustProxy?: boolean;
  rateLimits?: RateLimitSettings;
  rateLimitBuckets?: BucketStoreFactory;
}

/** What every request passes first, API and pages alike: request id and log line, metrics, headers, rate limits. */
export function useRequestEdge(
  app: Express,
  services: ApiServices,
  options: ApiOptions,
  buckets: BucketStoreFactory,
): void {
  app.use(requestContext(options.logger));
  if (services.metrics) app.use(requestMetrics(services.metrics));
  app.use(securityHeaders());
  app.use(['/api', '/webhooks'], apiContentSecurityPolicy());
  if (options.rateLimits) {
    app.use('/api', limitPerClientAddress(options.rateLimits.perIpPerMinute, 'api', buckets));
    app.use('/webhooks', limitPerClientAddress(options.rateLimits.webhookPerIpPerMinute, 'webhooks', buckets));
  }
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  // Once for every route, API and pages: a query that is not valid UTF-8 or holds a NUL is a 400 naming the parameter.
  app.use(rejectUnreadableQuery());
}

/** Health, OpenAPI, /metrics and the ATS webhooks: the endpoints machines call without an API key. */
export function useMachineRoutes(
  app: Express,
  services: ApiServices,
  options: ApiOptions,
  buckets: BucketStoreFactory,
): void {
  app.use(healthRoutes(services.checkReadiness));
  app.use(openApiRoutes());
  // Production without METRICS_TOKEN serves no /metrics: closed by default (docs/operations.md#metrics).
  if (services.metrics?.isServed)
    app.get(
      '/metrics',
      publicRoute('Prometheus scrapes it; METRICS_TOKEN closes it'),
      metricsEndpoint(services.metrics),
    );

  // Webhooks authenticate by signature over the raw body, so they sit outside /api (no API key, no JSON parser).
  app.use(
    '/webhooks',
    webhookRoutes({
      ...services.webhooks,
      metrics: services.metrics,
      signatureFailuresPerIpPerMinute: options.rateLimits?.webhookSignatureFailuresPerIpPerMinute,
      rateLimitBuckets: buckets,
    }),
  );
}

/** The /api router: API-key authentication, a JSON body parser after it (anonymous callers cannot make us parse), routes. */
export function apiRouter(
  services: ApiServices,
  options: ApiOptions,
  buckets: BucketStoreFactory,
  sanctionsReportPage: SanctionsReportPage,
): express.Router {
  const api = express.Router({ caseSensitive: true });
  api.use(onlyRoutedPaths(api));
  api.use(authenticate(services.apiKeys));
  if (options.rateLimits) api.use(limitPerApiKey(options.rateLimits.perKeyPerMinute, buckets));
  api.use(
    express.json({
      limit: '1mb',
      type: ['application/json', 'application/*+json'],
      strict: true,
      verify: rejectDeepJson(),
    }),
  );
  api.use('/v1/screenings', screeningRoutes(services.screening));
  api.use('/v1/cases', caseLinkRoutes(services.linkViews, services.cases));
  api.use(
    '/v1/cases',
    caseRoutes(
      services.cases,
      services.decisions,
      (uid) => services.sanctions.current().index.entry(uid),
      sanctionsReportPage,
    ),
  );
  api.use('/v1/cases', findingDispositionRoutes(services.decisions));
  api.use('/v1/clusters', clusterRoutes(services.linkViews));
  api.use('/v1/webhook-deliveries', webhookDeliveryRoutes(services.webhooks.deliveries));
  if (services.notifications)
    api.use('/v1/notification-deliveries', notificationDeliveryRoutes(services.notifications.store));
  if (services.knownAddresses) api.use('/v1/known-addresses', knownAddressRoutes(services.knownAddresses));
  return api;
}

/** Last: a path no route answered is a JSON 404, and every error is answered as JSON by the one classifier. */
export function useApiErrors(app: Express): void {
  app.use(notFoundHandler());
  app.use(errorHandler());
}
