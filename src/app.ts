// The Express application (no listen): the composition that mounts the API (src/http) and the pages (src/web) on one
// app, in order, with the one error classifier rendered as JSON or as a page.
import express, { type Express } from 'express';
import {
  apiRouter,
  useApiErrors,
  useMachineRoutes,
  useRequestEdge,
  type ApiOptions,
  type ApiServices,
} from './http/api';
import { limitPerClientAddress, memoryBuckets, type BucketStoreFactory } from './http/rate-limit';
import { NOT_PAGES, webRouter, type WebServices } from './web/router';
import { sanctionsReportPage } from './web/views/sanctions-report';
import { webErrorHandler } from './web/web-errors';

export interface AppServices extends ApiServices {
  /** Server-rendered pages for recruiters and the security team (src/web); without them the app serves no pages. */
  web?: WebServices;
}

export function createApp(services: AppServices, options: ApiOptions): Express {
  const buckets = options.rateLimitBuckets ?? memoryBuckets;
  const app = express();
  app.disable('x-powered-by');
  // One spelling per route: a path in other letter case is a 404, never another way in (roles are declared per route).
  app.set('case sensitive routing', true);
  app.set('trust proxy', options.trustProxy ?? false);
  // No ETag computed over every answer (a hash of each body): all but the style sheet are no-store, and it has its own.
  app.set('etag', false);
  useRequestEdge(app, services, options, buckets);
  if (services.web) app.use(pageErrorsAtTheEdge());
  useMachineRoutes(app, services, options, buckets);
  app.use('/api', apiRouter(services, options, buckets, sanctionsReportPage));

  // Pages: session cookies, CSRF-checked forms and their own CSP (src/web/router.ts).
  if (services.web) {
    if (options.rateLimits) app.use(limitPages(options.rateLimits.pagesPerIpPerMinute, buckets));
    app.use(
      webRouter({
        ...services.web,
        screening: services.screening,
        cases: services.cases,
        findingReview: services.findingReview,
        decisions: services.decisions,
        apiKeys: services.apiKeys,
        linkViews: services.linkViews,
        webhookSources: services.webhooks.sources,
        publicBaseUrl: services.webhooks.publicBaseUrl,
        knownAddresses: services.knownAddresses,
        listedEntry: (uid) => services.sanctions.current().index.entry(uid),
      }),
    );
  }

  useApiErrors(app);
  return app;
}

/** An error from the edge middleware above answers as a page on the pages' paths, as JSON elsewhere. */
function pageErrorsAtTheEdge() {
  const pageError = webErrorHandler();
  return (error: unknown, req: express.Request, res: express.Response, next: express.NextFunction) =>
    NOT_PAGES.test(req.path) ? next(error) : pageError(error, req, res, next);
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
