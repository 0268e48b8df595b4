// The service's configuration: the only reader of process.env; fails fast with every bad variable named.
import path from 'node:path';
import { decodeKey, readEnv } from './config-env';
import { signInSettings, type SignInSettings } from './config-sign-in';
import { defaultDataDir } from './db/data-dir';
import { parseAllowHosts, type AllowedHost } from './outbound/outbound-policy';
import type { RuleSetOverrides } from './scoring/rule-set';

export interface Config {
  env: 'development' | 'test' | 'production';
  http: {
    port: number;
    host: string;
    trustProxy: boolean;
    shutdownTimeoutMs: number;
    idempotencyTtlHours: number;
    rateLimits: {
      perIpPerMinute: number;
      perKeyPerMinute: number;
      webhookPerIpPerMinute: number;
      pagesPerIpPerMinute: number;
      webhookSignatureFailuresPerIpPerMinute: number;
    };
  };
  database: {
    url?: string;
    poolMax: number;
    statementTimeoutMs: number;
    embedded: { dataDir: string; dataDirMovedBecause?: string; port: number };
  };
  logLevel: string;
  scoring: { overrides?: RuleSetOverrides; corporateEgressCidrs?: string };
  links: { key?: Buffer; previousKey?: Buffer; sharedNetworkCidrs?: string };
  sanctions: { pollIntervalMs: number };
  /** isServed: false in production without a token (GET /metrics answers 404). */
  metrics: { token?: string; isServed: boolean };
  webhooks: {
    secretsKey?: Buffer;
    previousSecretsKey?: Buffer;
    toleranceSeconds: number;
    maxAttempts: number;
    workerConcurrency: number;
    publicBaseUrl?: string;
  };
  web: WebSettings;
  outbound: { allowHosts: AllowedHost[] };
  signIn: SignInSettings;
}
export interface WebSettings {
  reviewSlaHours: number;
  sessionIdleMs: number;
  sessionMaxMs: number;
  loginMaxFailures: number;
  loginMaxAddressFailures: number;
  loginThrottleMs: number;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const e = readEnv(env);
  const signIn = signInSettings(e);
  const dataDirChoice = e.DATA_DIR
    ? { dir: path.resolve(e.DATA_DIR) }
    : defaultDataDir({ cwd: process.cwd(), isRoot: process.getuid?.() === 0, embedded: !e.DATABASE_URL });
  const dataDir = dataDirChoice.dir;
  return {
    env: e.NODE_ENV,
    http: {
      port: e.PORT,
      host: e.HOST,
      trustProxy: e.TRUST_PROXY,
      shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
      idempotencyTtlHours: e.IDEMPOTENCY_TTL_HOURS,
      rateLimits: {
        perIpPerMinute: e.RATE_LIMIT_PER_IP_PER_MINUTE,
        perKeyPerMinute: e.RATE_LIMIT_PER_KEY_PER_MINUTE,
        webhookPerIpPerMinute: e.RATE_LIMIT_WEBHOOKS_PER_IP_PER_MINUTE,
        pagesPerIpPerMinute: e.RATE_LIMIT_PAGES_PER_IP_PER_MINUTE,
        webhookSignatureFailuresPerIpPerMinute: e.RATE_LIMIT_WEBHOOK_SIGNATURE_FAILURES_PER_IP_PER_MINUTE,
      },
    },
    database: {
      url: e.DATABASE_URL,
      poolMax: e.DB_POOL_MAX,
      statementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS,
      embedded: { dataDir, dataDirMovedBecause: dataDirChoice.movedBecause, port: e.EMBEDDED_PG_PORT },
    },
    logLevel: e.LOG_LEVEL,
    scoring: { overrides: e.SCORING_RULES, corporateEgressCidrs: e.CORPORATE_EGRESS_CIDRS },
    links: {
      key: e.LINK_KEY ? decodeKey(e.LINK_KEY)! : undefined,
      previousKey: e.LINK_KEY_PREVIOUS ? decodeKey(e.LINK_KEY_PREVIOUS)! : undefined,
      sharedNetworkCidrs: e.LINK_SHARED_NETWORK_CIDRS,
    },
    sanctions: { pollIntervalMs: e.SANCTIONS_POLL_SECONDS * 1000 },
    metrics: { token: e.METRICS_TOKEN, isServed: e.METRICS_TOKEN !== undefined || e.NODE_ENV !== 'production' },
    webhooks: {
      secretsKey: e.SECRETS_KEY ? decodeKey(e.SECRETS_KEY)! : undefined,
      previousSecretsKey: e.SECRETS_KEY_PREVIOUS ? decodeKey(e.SECRETS_KEY_PREVIOUS)! : undefined,
      toleranceSeconds: e.WEBHOOK_TOLERANCE_SECONDS,
      maxAttempts: e.WEBHOOK_MAX_ATTEMPTS,
      workerConcurrency: e.WORKER_CONCURRENCY,
      publicBaseUrl: e.PUBLIC_BASE_URL,
    },
    outbound: { allowHosts: parseAllowHosts(e.OUTBOUND_ALLOW_HOSTS) },
    signIn,
    web: {
      reviewSlaHours: e.REVIEW_SLA_HOURS,
      sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
      sessionMaxMs: e.SESSION_MAX_HOURS * 3_600_000,
      loginMaxFailures: e.LOGIN_MAX_FAILURES,
      loginMaxAddressFailures: e.LOGIN_MAX_FAILURES_PER_ADDRESS,
      loginThrottleMs: e.LOGIN_THROTTLE_MINUTES * 60_000,
    },
  };
}
