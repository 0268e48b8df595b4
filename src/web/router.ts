// The web pages' router: its own security headers (strict CSP, no script at all), form bodies, sessions,
// CSRF-checked forms, and errors answered as pages. Each page route declares its own roles (page-access.ts); routing
// is case-sensitive, so a path in other letter case is a 404 and never a way around a guard.
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { ApiKeyService } from '../auth/api-keys';
import type { SessionStore } from '../auth/session-store';
import type { UserService } from '../auth/users';
import type { CaseDashboard } from '../cases/case-dashboard';
import type { CaseRepository } from '../cases/case-repository';
import type { FindingReviewService } from '../cases/finding-dispositions';
import type { CaseDecisions } from '../cases/decide-case';
import type { FarmQueries } from '../links/farms';
import type { LinkViews } from '../links/link-views';
import type { SanctionsEntry } from '../sanctions/types';
import type { ScreeningService } from '../screening/screen-applicant';
import type { WebhookSourceService } from '../webhooks/webhook-sources';
import { adminRoutes } from './admin-routes';
import { authRoutes, homePath, type SignInMethods } from './auth-routes';
import { oidcRoutes } from './oidc-routes';
import { candidateRoutes } from './candidate-routes';
import { farmRoutes } from './farm-routes';
import { reviewRoutes } from './review-routes';
import { pageAccess } from './page-access';
import { loadSession } from './session-middleware';
import { APP_CSS, APP_CSS_ETAG } from './static-css';
import { webErrorHandler } from './web-errors';
import { webLocals } from './web-locals';
import { webhookSourceRoutes } from './webhook-source-routes';
import { knownAddressRoutes } from './known-address-routes';
import type { KnownAddressService } from '../known-addresses/known-address-service';

export interface WebServices {
  users: UserService;
  sessions: SessionStore;
  dashboard: CaseDashboard;
  /** Hours within which an open case should be reviewed (REVIEW_SLA_HOURS). */
  reviewSlaHours: number;
  /** Password form and/or single sign-on (LOCAL_LOGIN, OIDC_*). */
  signIn: SignInMethods;
  /** Shared values held by several cases, for the farm view (/farms). */
  farms: FarmQueries;
}

export interface WebDeps extends WebServices {
  screening: ScreeningService;
  cases: CaseRepository;
  findingReview: FindingReviewService;
  decisions: CaseDecisions;
  apiKeys: ApiKeyService;
  linkViews: LinkViews;
  listedEntry: (uid: string) => SanctionsEntry | undefined;
  /** ATS webhook sources, managed by admins on /admin/webhook-sources. */
  webhookSources: WebhookSourceService;
  /** PUBLIC_BASE_URL: the address ATS senders use, shown in the webhook set-up text. */
  publicBaseUrl?: string;
  /** The company's known shipping addresses, managed by admins on /admin/known-addresses. */
  knownAddresses?: KnownAddressService;
}

// No script of any kind, styles only from /static, forms only to this site, never framed.
export const WEB_CSP =
  "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

// Paths the web router never answers (the API and the machine endpoints have their own rules).
export const NOT_PAGES = /^\/(api|webhooks|metrics|healthz|readyz|livez)(\/|$)/;

export function webRouter(deps: WebDeps): Router {
  const router = Router({ caseSensitive: true });
  router.use((req: Request, res: Response, next: NextFunction) => {
    if (NOT_PAGES.test(req.path)) return next('router');
    res.setHeader('Content-Security-Policy', WEB_CSP);
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'same-origin');
    next();
  });
  router.get(
    '/static/app.css',
    pageAccess.public('the style sheet, the same for everyone'),
    (_req: Request, res: Response) => {
      res.setHeader('Cache-Control', 'public, max-age=3600');
      res.setHeader('ETag', APP_CSS_ETAG);
      res.type('text/css').send(APP_CSS);
    },
  );
  router.use(express.urlencoded({ extended: false, limit: '300kb', parameterLimit: 2000 }));
  router.use(loadSession(deps.sessions));
  router.use(authRoutes(deps.users, deps.sessions, deps.signIn));
  if (deps.signIn.oidc) router.use(oidcRoutes(deps.signIn.oidc, deps.users, deps.sessions));
  router.get('/', pageAccess.signedIn(), (_req: Request, res: Response) =>
    res.redirect(303, homePath(webLocals(res).session!.user.role)),
  );
  router.use(candidateRoutes(deps.screening, deps.cases));
  router.use(
    reviewRoutes({
      cases: deps.cases,
      findingReview: deps.findingReview,
      decisions: deps.decisions,
      dashboard: deps.dashboard,
      linkViews: deps.linkViews,
      users: deps.users,
      apiKeys: deps.apiKeys,
      listedEntry: deps.listedEntry,
      reviewSlaHours: deps.reviewSlaHours,
    }),
  );
  router.use(farmRoutes(deps.farms));
  router.use(adminRoutes(deps.users, deps.apiKeys));
  router.use(webhookSourceRoutes(deps.webhookSources, deps.publicBaseUrl));
  if (deps.knownAddresses) router.use(knownAddressRoutes(deps.knownAddresses, deps.users));
  router.use(webErrorHandler());
  return router;
}
