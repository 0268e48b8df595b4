// Builds the services every entry point (HTTP, CLI, tests, benchmarks) shares, over one Prisma client.
import crypto from 'node:crypto';
import type pg from 'pg';
import { ApiKeyService } from './auth/api-keys';
import { ApiKeyStore } from './auth/api-key-store';
import { CaseRepository } from './cases/case-repository';
import { ScreeningStore } from './cases/screening-store';
import { migrationsLocation } from './db/locations';
import { createDatabaseClients, type Db } from './db/prisma-client';
import { createReadinessCheck } from './db/readiness';
import type { AppServices } from './app';
import type { Config } from './config';
import { ScreeningService } from './screening/screen-applicant';
import { SanctionsRescreener } from './screening/rescreen-sanctions';
import { RescreenStore } from './sanctions/rescreen-store';
import { createScorer } from './screening/scorer';
import { Fingerprinter } from './links/fingerprint-keys';
import { FarmQueries } from './links/farms';
import { FarmStore } from './links/farm-store';
import { LinkViews } from './links/link-views';
import { LinkService } from './links/link-service';
import { LinkStore } from './links/link-store';
import { createIpLinkFilter } from './links/ip-link-filter';
import { resolveLinkKey, resolveStoredKey } from './links/link-key';
import { DeliveryStore } from './webhooks/delivery-store';
import { SecretBox } from './crypto/secret-box';
import { WebhookSourceService } from './webhooks/webhook-sources';
import { WebhookSourceStore } from './webhooks/webhook-source-store';
import { LoginThrottleStore } from './auth/login-throttle-store';
import { SessionStore } from './auth/session-store';
import { UserService } from './auth/users';
import { UserStore } from './auth/user-store';
import { CaseDashboard } from './cases/case-dashboard';
import { DashboardStore } from './cases/dashboard-store';
import { FindingReviewService } from './cases/finding-dispositions';
import { CaseDecisions } from './cases/decide-case';
import { ApprovalStore } from './cases/approval-store';
import { DispositionStore } from './cases/disposition-store';
import { RescoringStore } from './cases/rescoring-store';
import type { WebSettings } from './config';
import type { SignInSettings } from './config-sign-in';
import { OidcSignIn } from './auth/oidc-sign-in';
import { createLogger, type Logger } from './logger';
import { createMetrics, type AppMetrics } from './metrics/metrics';
import { readQueueSnapshot } from './queue/queue-depth-store';
import { createActiveSanctionsList, sanctionsListHealth, type ActiveSanctionsList } from './sanctions/active-list';
import { SanctionsStore } from './sanctions/sanctions-store';
import { NotificationEndpointService } from './notifications/notification-endpoints';
import { NotificationEndpointStore } from './notifications/notification-endpoint-store';
import { NotificationStore } from './notifications/notification-store';
import { KnownAddressService } from './known-addresses/known-address-service';
import { KnownAddressStore } from './known-addresses/known-address-store';
import { OutboundClient, type Resolver } from './outbound/outbound-client';
import type { AllowedHost } from './outbound/outbound-policy';
import { InstanceSync } from './instances/instance-sync';
import { InstanceStore } from './instances/instance-store';
import { SharedRateLimits } from './http/rate-limit-store';

export interface Services extends AppServices {
  db: Db;
  /** The pool Prisma and the hot paths share (its counters feed the metrics). */
  pool: pg.Pool;
  metrics: AppMetrics;
  links: LinkService;
  sanctions: ActiveSanctionsList;
  sanctionsRescreener: SanctionsRescreener;
  webhooks: AppServices['webhooks'] & { maxAttempts: number; publicBaseUrl?: string };
  web: NonNullable<AppServices['web']>;
  /** Outbound notifications when a case's band rises (src/notifications): endpoints and the delivery log. */
  notifications: { endpoints: NotificationEndpointService; store: NotificationStore };
  /** The company's declared offices, depots and staffing partners: never link applicants (src/known-addresses). */
  knownAddresses: KnownAddressService;
  /** Every request to a URL the service was given (notifications, ATS APIs) goes through it (OUTBOUND_ALLOW_HOSTS). */
  outbound: OutboundClient;
  /** Long-running processes (service, worker): reloads caches on change notices and reports it (src/instances). */
  instanceSync?: InstanceSync;
  /** Running instances and the cache versions they use (the CLI waits on them after a change). */
  instances: InstanceStore;
  /** Rate-limit buckets in PostgreSQL, shared by every instance (createApp's rateLimitBuckets: rateLimits.buckets). */
  rateLimits: SharedRateLimits;
  close(): Promise<void>;
}

export interface ServiceOptions {
  poolMax?: number;
  /** PostgreSQL statement_timeout for this pool, ms (main.ts: DB_STATEMENT_TIMEOUT_MS); unset = none (CLI jobs). */
  statementTimeoutMs?: number;
  /** Hours an Idempotency-Key's answer is replayed (default 24). */
  idempotencyTtlHours?: number;
  scoring?: Config['scoring'];
  /** The resolved link key (see src/links/link-key.ts) and link settings. */
  links: { key: Buffer; previousKey?: Buffer; sharedNetworkCidrs?: string };
  /** How often to look for a newly activated sanctions list version (default 30 s; 0: only on refresh()). */
  sanctionsPollMs?: number;
  /** How often to reload the known company addresses (default 10 s; 0: only on ready(), refresh() and own changes). */
  knownAddressesPollMs?: number;
  /** false: load the sanctions list only when sanctions.ready() is first called (CLI commands that do not screen). */
  loadSanctionsOnStart?: boolean;
  logger?: Logger;
  /** Bearer token GET /metrics requires (METRICS_TOKEN); unset = open, where served. */
  metricsToken?: string;
  /** false: no GET /metrics at all (production without METRICS_TOKEN, src/config.ts); default true. */
  isMetricsServed?: boolean;
  /** The resolved secrets key (SECRETS_KEY or DATA_DIR/secrets-key) and webhook settings. */
  webhooks?: {
    secretsKey: Buffer;
    previousSecretsKey?: Buffer;
    toleranceSeconds?: number;
    maxAttempts?: number;
    publicBaseUrl?: string;
  };
  /** Web pages: review SLA, session lifetimes, sign-in throttling (defaults as in src/config.ts). */
  web?: Partial<WebSettings>;
  /** OUTBOUND_ALLOW_HOSTS, and the resolver to check names with (the system's; tests stand in for DNS). */
  outbound?: { allowHosts?: readonly AllowedHost[]; resolve?: Resolver };
  /** A long-running process: follow change notices and report as a running instance (start with instanceSync.start()). */
  instanceKind?: 'service' | 'worker';
}

const WEB_DEFAULTS: WebSettings = {
  reviewSlaHours: 48,
  sessionIdleMs: 60 * 60_000,
  sessionMaxMs: 12 * 3_600_000,
  loginMaxFailures: 5,
  loginMaxAddressFailures: 10,
  loginThrottleMs: 15 * 60_000,
};

/** Service options from configuration, resolving the link key (LINK_KEY, or the one kept in DATA_DIR). */
export function serviceOptionsFromConfig(config: Config, poolMax = config.database.poolMax): ServiceOptions {
  return {
    poolMax,
    idempotencyTtlHours: config.http.idempotencyTtlHours,
    scoring: config.scoring,
    links: { ...config.links, key: resolveLinkKey(config.links.key, config.database.embedded.dataDir) },
    sanctionsPollMs: config.sanctions.pollIntervalMs,
    metricsToken: config.metrics.token,
    isMetricsServed: config.metrics.isServed,
    web: config.web,
    outbound: { allowHosts: config.outbound.allowHosts },
    webhooks: {
      ...config.webhooks,
      secretsKey: resolveStoredKey(config.webhooks.secretsKey, config.database.embedded.dataDir, 'secrets-key'),
    },
  };
}

/** Sets how people sign in; with OIDC_ISSUER it reads the provider's discovery document first (OidcDiscoveryError when it cannot). */
export async function configureSignIn(services: Services, settings: SignInSettings): Promise<void> {
  const oidc = settings.oidc ? await OidcSignIn.discover(settings.oidc, services.outbound) : undefined;
  services.web.signIn = { isLocalLoginOn: settings.isLocalLoginOn, oidc };
}

export function createServices(databaseUrl: string, options: ServiceOptions): Services {
  const { db, pool, close } = createDatabaseClients(databaseUrl, options.poolMax, options.statementTimeoutMs);
  const logger = options.logger ?? createLogger('silent');
  const sanctions = createActiveSanctionsList({
    store: new SanctionsStore(pool),
    logger,
    pollIntervalMs: options.sanctionsPollMs,
    loadOnStart: options.loadSanctionsOnStart,
  });
  const fingerprinter = new Fingerprinter(options.links.key, options.links.previousKey);
  const knownAddresses = new KnownAddressService(new KnownAddressStore(pool), fingerprinter, {
    pollIntervalMs: options.knownAddressesPollMs,
    logger,
  });
  const scorer = createScorer(
    options.scoring,
    () => sanctions.current(),
    () => knownAddresses.current(),
  );
  // Without a configured key (benchmarks), secrets sealed now cannot be opened by another process.
  const webhookOptions = options.webhooks ?? { secretsKey: crypto.randomBytes(32) };
  // One key ring seals webhook secrets, notification secrets and delivery bodies alike.
  const secretBox = new SecretBox(
    webhookOptions.secretsKey,
    webhookOptions.previousSecretsKey ? [webhookOptions.previousSecretsKey] : [],
  );
  const deliveries = new DeliveryStore(pool, webhookOptions.maxAttempts ?? 10, secretBox);
  const web = { ...WEB_DEFAULTS, ...options.web };
  const outbound = new OutboundClient(options.outbound?.allowHosts ?? [], options.outbound?.resolve);
  const notificationEndpoints = new NotificationEndpointService(new NotificationEndpointStore(db), secretBox, outbound);
  const notificationStore = new NotificationStore(pool);
  const rescoring = new RescoringStore(pool, scorer.ruleSet);
  const linkStore = new LinkStore(pool);
  const links = new LinkService(
    linkStore,
    fingerprinter,
    createIpLinkFilter(options.links.sharedNetworkCidrs),
    rescoring,
  );
  const findingReview = new FindingReviewService(new DispositionStore(pool), rescoring);
  const apiKeys = new ApiKeyService(new ApiKeyStore(db));
  const webhookSources = new WebhookSourceService(new WebhookSourceStore(db), secretBox, outbound);
  const instances = new InstanceStore(pool);
  const instanceSync = options.instanceKind
    ? new InstanceSync({
        store: instances,
        connectionString: databaseUrl,
        logger,
        kind: options.instanceKind,
        sanctionsVersionId: () => sanctions.current().version.id,
        reloaders: {
          sanctions: () => sanctions.reload(),
          known_addresses: () => knownAddresses.reload(),
          webhook_sources: async () => webhookSources.forget(),
          api_keys: async () => apiKeys.forget(),
        },
      })
    : undefined;
  const cases = new CaseRepository(db);
  const metrics = createMetrics({
    sanctionsHealth: () => sanctions.health(),
    pool,
    token: options.metricsToken,
    isServed: options.isMetricsServed,
    queue: () => readQueueSnapshot(pool),
  });
  return {
    db,
    pool,
    // One registry per services instance (each app has its own), never prom-client's global one.
    metrics,
    links,
    sanctions,
    sanctionsRescreener: new SanctionsRescreener(new RescreenStore(pool), rescoring, logger),
    screening: new ScreeningService(new ScreeningStore(db, pool, options.idempotencyTtlHours), scorer, links, {
      stored: (band) => metrics.observeScreening(band),
    }),
    findingReview,
    cases,
    decisions: new CaseDecisions(new ApprovalStore(pool), cases, findingReview),
    apiKeys,
    linkViews: new LinkViews(linkStore),
    webhooks: {
      sources: webhookSources,
      deliveries,
      toleranceSeconds: webhookOptions.toleranceSeconds ?? 300,
      maxAttempts: webhookOptions.maxAttempts ?? 10,
      publicBaseUrl: webhookOptions.publicBaseUrl,
    },
    web: {
      users: new UserService(
        new UserStore(db),
        new LoginThrottleStore(pool, {
          maxFailures: web.loginMaxFailures,
          maxAddressFailures: web.loginMaxAddressFailures,
          lockMs: web.loginThrottleMs,
        }),
      ),
      sessions: new SessionStore(db, { idleMs: web.sessionIdleMs, maxMs: web.sessionMaxMs }),
      dashboard: new CaseDashboard(new DashboardStore(pool)),
      reviewSlaHours: web.reviewSlaHours,
      farms: new FarmQueries(new FarmStore(pool), fingerprinter),
      // Passwords only until configureSignIn() adds single sign-on.
      signIn: { isLocalLoginOn: true },
    },
    notifications: { endpoints: notificationEndpoints, store: notificationStore },
    knownAddresses,
    outbound,
    instanceSync,
    instances,
    rateLimits: new SharedRateLimits(pool, logger),
    checkReadiness: createReadinessCheck(db, migrationsLocation.migrationsDir, () => sanctionsListHealth(sanctions)),
    close: async () => {
      await instanceSync?.close();
      await sanctions.close();
      await knownAddresses.close();
      await close();
    },
  };
}
