// Express application factory (no listen): routes, middleware and the one error handler.
import express, { type Express } from 'express';
import type { ApiKeyService } from '../auth/api-keys';
import type { CaseRepository } from '../cases/case-repository';
import type { FindingReviewService } from '../cases/finding-dispositions';
import type { CaseDecisions } from '../cases/decide-case';
import type { ReadinessReport } from '../db/readiness';
import type { ActiveSanctionsList } from '../sanctions/active-list';
import type { Logger } from '../logger';
import type { LinkViews } from '../links/link-views';
import { metricsEndpoint, requestMetrics } from '../metrics/http';
import type { AppMetrics } from '../metrics/metrics';
import type { ScreeningService } from '../screening/screen-applicant';
import { publicRoute } from '../auth/route-access';
import { authenticate } from './auth';
import { onlyRoutedPaths } from './route-exists';
import { errorHandler, notFoundHandler } from './error-handler';
import { openApiRoutes } from './openapi/routes';
import { rejectDeepJson } from './json-depth';
import { rejectUnreadableQuery } from './query-string';
import { limitPerApiKey, limitPerClientAddress, memoryBuckets, type BucketStoreFactory, type RateLimitSettings } from './rate-limit';
import { requestContext } from './request-context';
import { apiContentSecurityPolicy, securityHeaders } from './security-headers';
import { caseRoutes } from './routes/cases';
import { findingDispositionRoutes } from './routes/finding-dispositions';
import { caseLinkRoutes, clusterRoutes } from './routes/links';
import { healthRoutes } from './routes/health';
import { screeningRoutes } from './routes/screenings';
import { webhookDeliveryRoutes } from './routes/webhook-deliveries';
import { knownAddressRoutes } from './routes/known-addresses';
import type { KnownAddressService } from '../known-addresses/known-address-service';
import { notificationDeliveryRoutes } from './routes/notification-deliveries';
import type { NotificationStore } from '../notifications/notification-store';
import { webhookRoutes } from './routes/webhooks';
import type { DeliveryStore } from '../webhooks/delivery-store';
import type { WebhookSourceService } from '../webhooks/webhook-sources';
import { NOT_PAGES, webRouter, type WebServices } from '../web/router';
import { webErrorHandler } from '../web/web-errors';

export interface AppServices {
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
  webhooks: { sources: WebhookSourceService; deliveries: DeliveryStore; toleranceSeconds: number; publicBaseUrl?: string };
  /** The outbound notification log (src/notifications); without it the app serves no notification-deliveries route. */
  notifications?: { store: NotificationStore };
  /** Reviewers' dispositions of findings (false positives, checks' outcomes) and the rescoring they trigger. */
  findingReview: FindingReviewService;
  /** Status changes, judgements and their second reviews (four eyes), the same rules for the API and the pages. */
  decisions: CaseDecisions;
  /** Server-rendered pages for recruiters and the security team (src/web); without them the app serves no pages. */
  web?: WebServices;
  /** The company's declared offices, depots and staffing partners (src/known-addresses); without it no such routes. */
  knownAddresses?: KnownAddressService;
}

/**
 * `rateLimits`: main.ts passes them from config; without them (tests, benches) nothing is rate-limited. `rateLimitBuckets`:
 * where the counts live: main.ts passes the PostgreSQL store shared by every instance; default this process's memory.
 */
export function createApp(services: AppServices, options: { logger: Logger; trustProxy?: boolean; rateLimits?: RateLimitSettings; rateLimitBuckets?: BucketStoreFactory }): Express {
  const buckets = options.rateLimitBuckets ?? memoryBuckets;
  const app = express();
  app.disable('x-powered-by');
  // One spelling per route: a path in other letter case is a 404, never another way in (roles are declared per route).
  app.set('case sensitive routing', true);
  app.set('trust proxy', options.trustProxy ?? false);
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
  if (services.web) app.use(pageErrorsAtTheEdge());
  app.use(healthRoutes(services.checkReadiness));
  app.use(openApiRoutes());
  // Production without METRICS_TOKEN serves no /metrics: closed by default (docs/operations.md#metrics).
  if (services.metrics?.isServed) app.get('/metrics', publicRoute('Prometheus scrapes it; METRICS_TOKEN closes it'), metricsEndpoint(services.metrics));

  // Webhooks authenticate by signature over the raw body, so they sit outside /api (no API key, no JSON parser).
  app.use('/webhooks', webhookRoutes({ ...services.webhooks, metrics: services.metrics, signatureFailuresPerIpPerMinute: options.rateLimits?.webhookSignatureFailuresPerIpPerMinute, rateLimitBuckets: buckets }));

  const api = express.Router({ caseSensitive: true });
  api.use(onlyRoutedPaths(api));
  api.use(authenticate(services.apiKeys));
  if (options.rateLimits) api.use(limitPerApiKey(options.rateLimits.perKeyPerMinute, buckets));
  api.use(express.json({ limit: '1mb', type: ['application/json', 'application/*+json'], strict: true, verify: rejectDeepJson() }));
  api.use('/v1/screenings', screeningRoutes(services.screening));
  api.use('/v1/cases', caseLinkRoutes(services.linkViews, services.cases));
  api.use('/v1/cases', caseRoutes(services.cases, services.decisions, (uid) => services.sanctions.current().index.entry(uid)));
  api.use('/v1/cases', findingDispositionRoutes(services.decisions));
  api.use('/v1/clusters', clusterRoutes(services.linkViews));
  api.use('/v1/webhook-deliveries', webhookDeliveryRoutes(services.webhooks.deliveries));
  if (services.notifications) api.use('/v1/notification-deliveries', notificationDeliveryRoutes(services.notifications.store));
  if (services.knownAddresses) api.use('/v1/known-addresses', knownAddressRoutes(services.knownAddresses));
  app.use('/api', api);

  // Pages: session cookies, CSRF-checked forms and their own CSP (src/web/router.ts).
  if (services.web) {
    if (options.rateLimits) app.use(limitPages(options.rateLimits.pagesPerIpPerMinute, buckets));
    app.use(webRouter({ ...services.web, screening: services.screening, cases: services.cases, findingReview: services.findingReview, decisions: services.decisions, apiKeys: services.apiKeys, linkViews: services.linkViews, webhookSources: services.webhooks.sources, publicBaseUrl: services.webhooks.publicBaseUrl, knownAddresses: services.knownAddresses, listedEntry: (uid) => services.sanctions.current().index.entry(uid) }));
  }

  app.use(notFoundHandler());
  app.use(errorHandler());
  return app;
}

/** An error from the edge middleware above answers as a page on the pages' paths, as JSON elsewhere. */
function pageErrorsAtTheEdge() {
  const pageError = webErrorHandler();
  return (error: unknown, req: express.Request, res: express.Response, next: express.NextFunction) => (NOT_PAGES.test(req.path) ? next(error) : pageError(error, req, res, next));
}


/**
 * Pages, per client address with a budget of their own (sign-in has its own throttle too), refused as a page. /api
 * and /webhooks count in theirs: an unknown path under them passes on to its JSON 404.
 */
function limitPages(perMinute: number, buckets: BucketStoreFactory): express.Router {
  const router = express.Router({ caseSensitive: true });
  const limit = limitPerClientAddress(perMinute, 'pages', buckets);
  router.use((req, res, next) => (/^\/(api|webhooks)(\/|$)/.test(req.path) ? next() : limit(req, res, next)));
  router.use(webErrorHandler());
  return router;
}
