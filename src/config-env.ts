// The environment variables the service reads and what each must be; every bad one is named at once.
import { z } from 'zod';
import { parseCidrList } from './intel/network';
import { parseAllowHosts } from './outbound/outbound-policy';
import { ruleSetOverridesSchema } from './scoring/rule-set';

const port = z.coerce.number().int().min(0).max(65535);
// A whole number from `min` to `max`, `fallback` when unset.
const wholeNumber = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

// A list checked at start-up by its parser, so that a typo stops the service instead of being ignored.
const checkedBy = (parse: (value: string | undefined) => unknown) =>
  z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      try {
        parse(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
      }
    });
// Comma-separated CIDR ranges.
const cidrList = checkedBy(parseCidrList);
const secretKey = z
  .string()
  .optional()
  .refine((value) => !value || decodeKey(value) !== null, 'must be at least 32 bytes, hex or base64');

const isLoopbackUrl = (value: string) => /^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?(\/|$)/.test(value);
const optionalText = z
  .string()
  .optional()
  .transform((value) => value?.trim() || undefined);
// Comma-separated claim values (group names or ids); empty entries are ignored.
const groupList = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((one) => one.trim())
      .filter(Boolean),
  );

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: port.default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  // Unset: ./.data, or /var/lib/hfrc/<project hash> as root from a private folder (src/db/data-dir.ts).
  DATA_DIR: z.string().min(1).optional(),
  EMBEDDED_PG_PORT: port.default(54329),
  DB_POOL_MAX: wholeNumber(1, 200, 10),
  // Longest statement the service's pool may run (PostgreSQL statement_timeout); 0 = none. Not applied to migrations or the CLI.
  DB_STATEMENT_TIMEOUT_MS: wholeNumber(0, 3_600_000, 30_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SHUTDOWN_TIMEOUT_MS: wholeNumber(0, 120_000, 10_000),
  // How long a stored answer to an Idempotency-Key is replayed; after that the key may be used again.
  // How often a running instance checks whether another sanctions list version became active (0: never).
  SANCTIONS_POLL_SECONDS: wholeNumber(0, 86_400, 30),
  IDEMPOTENCY_TTL_HOURS: wholeNumber(1, 24 * 30, 24),
  // JSON: {"points":{"pay_crypto":25},"familyCaps":{"payment":45},"thresholds":{"high":50}} (docs/indicators.md).
  SCORING_RULES: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (!value?.trim()) return undefined;
      try {
        return JSON.parse(value) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON' });
        return z.NEVER;
      }
    })
    .pipe(ruleSetOverridesSchema.optional()),
  // The employer's own VPN/office egress: sessions from these ranges are not treated as VPN or hosting.
  CORPORATE_EGRESS_CIDRS: cidrList,
  // HMAC key for identifier fingerprints (hex or base64, at least 32 bytes); unset = kept in DATA_DIR/link-key.
  LINK_KEY: secretKey,
  // The key before a rotation: still looked up so that earlier screenings stay linkable.
  LINK_KEY_PREVIOUS: secretKey,
  // Shared networks (coworking spaces, campuses) whose IPs never link applicants.
  LINK_SHARED_NETWORK_CIDRS: cidrList,
  // Encrypts webhook signing secrets and ATS API keys at rest (AES-256-GCM); unset = kept in DATA_DIR/secrets-key.
  SECRETS_KEY: secretKey,
  // The key before a rotation: still decrypts until `webhook-source reseal` re-encrypts under SECRETS_KEY.
  SECRETS_KEY_PREVIOUS: secretKey,
  // Standard Webhooks (generic): how far webhook-timestamp may be from now.
  WEBHOOK_TOLERANCE_SECONDS: wholeNumber(10, 3600, 300),
  // Attempts per webhook job before it is dead (retries back off exponentially: about 9.5 hours for 10).
  WEBHOOK_MAX_ATTEMPTS: wholeNumber(1, 25, 10),
  // Where people open the service (https://risk.example.com): links in notes written back to the ATS.
  PUBLIC_BASE_URL: z
    .string()
    .optional()
    .transform((value) => value?.trim() || undefined)
    .refine((value) => value === undefined || /^https?:\/\/[^\s/]+(\/\S*)?$/.test(value), 'must be an http(s) URL'),
  // Webhook jobs this process runs at once; 0 = none (run `npm run cli -- worker` elsewhere).
  WORKER_CONCURRENCY: wholeNumber(0, 100, 4),
  // Bearer token GET /metrics requires. Unset or empty: in production /metrics is not served at all (404), closed by
  // default; in development and test it is open (keep the port off the public network then).
  METRICS_TOKEN: z
    .string()
    .optional()
    .transform((value) => value?.trim() || undefined)
    .refine((value) => value === undefined || /^\S{16,}$/.test(value), 'must be at least 16 characters without spaces'),
  // Web pages: how long an open case may wait for review, and how long a sign-in lasts (idle and at most).
  REVIEW_SLA_HOURS: wholeNumber(1, 24 * 90, 48),
  SESSION_IDLE_MINUTES: wholeNumber(5, 24 * 60, 60),
  SESSION_MAX_HOURS: wholeNumber(1, 24 * 30, 12),
  // Wrong passwords for one account, and from one client address (any accounts, successes between them do not reset
  // it), before sign-in pauses, and for how long.
  LOGIN_MAX_FAILURES: wholeNumber(3, 100, 5),
  LOGIN_MAX_FAILURES_PER_ADDRESS: wholeNumber(3, 1000, 10),
  LOGIN_THROTTLE_MINUTES: wholeNumber(1, 24 * 60, 15),
  // Requests a minute per client address (IPv6: per /64) on /api and /webhooks, and per API key on /api; 0 = no limit.
  RATE_LIMIT_PER_IP_PER_MINUTE: wholeNumber(0, 1_000_000, 1200),
  RATE_LIMIT_PER_KEY_PER_MINUTE: wholeNumber(0, 1_000_000, 600),
  // Requests a minute per client address on /webhooks (before the signature check); 0 = no limit.
  RATE_LIMIT_WEBHOOKS_PER_IP_PER_MINUTE: wholeNumber(0, 1_000_000, 12_000),
  // Webhook deliveries a minute per client address whose signature fails; over it, 429 before the body is read; 0 = no budget.
  RATE_LIMIT_WEBHOOK_SIGNATURE_FAILURES_PER_IP_PER_MINUTE: wholeNumber(0, 1_000_000, 20),
  // Requests a minute per client address on the pages (a budget of their own; sign-in is throttled apart); 0 = no limit.
  RATE_LIMIT_PAGES_PER_IP_PER_MINUTE: wholeNumber(0, 1_000_000, 600),
  // Hosts (host or host:port, comma-separated) the service may call though they are private or loopback: self-hosted
  // notification receivers, an ATS API or OFAC mirror inside the network. Unset = only public addresses.
  OUTBOUND_ALLOW_HOSTS: checkedBy(parseAllowHosts),
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
  // Single sign-on (OpenID Connect, docs/operations.md#single-sign-on): set OIDC_ISSUER to turn it on.
  OIDC_ISSUER: optionalText
    .refine(
      (value) => value === undefined || /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(value),
      'must be an http(s) URL without query or fragment',
    )
    .refine(
      (value) => value === undefined || value.startsWith('https://') || isLoopbackUrl(value),
      'must be an https URL (plain http only for a provider on this machine)',
    ),
  OIDC_CLIENT_ID: optionalText,
  OIDC_CLIENT_SECRET: optionalText,
  OIDC_REDIRECT_URL: optionalText.refine(
    (value) => value === undefined || /^https?:\/\/[^\s/?#]+\/login\/oidc\/callback$/.test(value),
    "must be this service's address followed by /login/oidc/callback",
  ),
  OIDC_PROVIDER_NAME: optionalText.refine(
    (value) => value === undefined || value.length <= 60,
    'must be at most 60 characters',
  ),
  // The ID token claim holding the groups or roles (dots for a nested claim: realm_access.roles; a claim named with
  // dots, such as https://risk.example.com/roles, is read by its whole name first).
  OIDC_ROLES_CLAIM: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_:\-/]+(\.[A-Za-z0-9_:\-/]+)*$/, 'must be a claim name (dots for a nested claim)')
    .default('groups'),
  OIDC_ADMIN_GROUPS: groupList,
  OIDC_REVIEWER_GROUPS: groupList,
  OIDC_RECRUITER_GROUPS: groupList,
  LOCAL_LOGIN: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
});

/** The variables as checked and converted: what loadConfig() arranges into the Config. */
export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {}

/** Checks every variable; throws one ConfigError that names each bad one. */
export function readEnv(env: Record<string, string | undefined>): Env {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    // Names and messages only: values may be secrets.
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  return parsed.data;
}

/** A key given as hex or base64, or null when it is neither or shorter than 32 bytes. */
export function decodeKey(value: string): Buffer | null {
  const trimmed = value.trim();
  const bytes =
    /^[0-9a-f]+$/i.test(trimmed) && trimmed.length % 2 === 0
      ? Buffer.from(trimmed, 'hex')
      : Buffer.from(trimmed, 'base64');
  return bytes.length >= 32 ? bytes : null;
}
