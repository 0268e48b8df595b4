// Notification endpoints (signed webhook or Slack-compatible): their secrets sealed at rest, never shown after creation.
import { AppError } from '../errors';
import { pick } from '../db/rows';
import { OutboundClient } from '../outbound/outbound-client';
import type { SecretBox } from '../crypto/secret-box';
import { generateSecret } from '../crypto/signatures';
import type { EndpointRow, NotificationEndpointStore } from './notification-endpoint-store';

export const notificationKinds = ['webhook', 'slack'] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/** Notifications start at high: the trigger on cases never looks at low or medium (see the migration). */
export const notificationMinBands = ['high', 'critical'] as const;
export type NotificationMinBand = (typeof notificationMinBands)[number];

export const DEFAULT_NOTIFICATION_MAX_ATTEMPTS = 10;

export interface NotificationEndpoint {
  id: string;
  name: string;
  kind: NotificationKind;
  /** webhook: the receiver's URL; slack: only the origin (the full URL is the credential and stays sealed). */
  displayUrl: string;
  minBand: NotificationMinBand;
  maxAttempts: number;
  enabled: boolean;
  disabledReason: string | null;
  createdAt: Date;
}

/** An endpoint with its secret opened, for sending only. */
export interface UsableEndpoint extends NotificationEndpoint {
  /** Where to POST (for slack, the sealed incoming-webhook URL). */
  targetUrl: string;
  /** The Standard Webhooks whsec_ secret (webhook kind). */
  signingSecret?: string;
}

export interface NewEndpoint {
  kind: NotificationKind;
  name: string;
  url: string;
  minBand?: NotificationMinBand;
  maxAttempts?: number;
}

export interface EndpointChange {
  enabled?: boolean;
  minBand?: NotificationMinBand;
  url?: string;
  maxAttempts?: number;
}

/** An http(s) URL without credentials in it that the outbound policy allows, or a 400 naming the field. */
export function checkEndpointUrl(value: string, kind: NotificationKind, outbound: OutboundClient): URL {
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    // reported below
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || value.length > 2000) {
    throw new AppError('validation_failed', 'Invalid endpoint URL', {
      fields: [{ path: 'url', message: 'must be an http(s) URL of at most 2000 characters' }],
    });
  }
  if (url.username || url.password) {
    throw new AppError('validation_failed', 'Invalid endpoint URL', {
      fields: [{ path: 'url', message: 'must not carry a user name or password' }],
    });
  }
  try {
    outbound.check(value);
  } catch (error) {
    throw new AppError('validation_failed', 'Endpoint URL not allowed', {
      fields: [{ path: 'url', message: (error as Error).message.replace(/^the URL /, '') }],
    });
  }
  if (kind === 'slack' && url.pathname.length <= 1) {
    throw new AppError('validation_failed', 'Invalid endpoint URL', {
      fields: [
        { path: 'url', message: 'must be the full incoming-webhook URL (https://hooks.slack.com/services/...)' },
      ],
    });
  }
  return url;
}

/** graphile-worker keeps attempts in a smallint; past 25 the backoff would wait for days. */
function checkMaxAttempts(value: number | undefined): void {
  if (value !== undefined && (!Number.isInteger(value) || value < 1 || value > 25)) {
    throw new AppError('validation_failed', 'Invalid max attempts', {
      fields: [{ path: 'maxAttempts', message: 'must be a whole number from 1 to 25' }],
    });
  }
}

function toEndpoint(row: EndpointRow): NotificationEndpoint {
  return {
    ...pick(row, ['id', 'name', 'kind']),
    displayUrl: row.url,
    ...pick(row, ['minBand', 'maxAttempts', 'enabled', 'disabledReason', 'createdAt']),
  };
}

export class NotificationEndpointService {
  constructor(
    private readonly store: NotificationEndpointStore,
    private readonly box: SecretBox,
    /** The outbound URL policy (OUTBOUND_ALLOW_HOSTS): checked when a URL is saved, and again when it is called. */
    private readonly outbound: OutboundClient = new OutboundClient(),
  ) {}

  /** What is stored for a URL: the plain URL and the sealed signing secret (webhook), or the origin and the sealed URL (slack). */
  private sealedTarget(
    kind: NotificationKind,
    url: URL,
    signingSecret: string | undefined,
  ): { url: string; secretCiphertext: Buffer } {
    if (kind === 'slack') return { url: url.origin, secretCiphertext: this.box.encrypt(url.toString()) };
    return { url: url.toString(), secretCiphertext: this.box.encrypt(signingSecret!) };
  }

  /** Creates an endpoint; for the webhook kind, returns its new Standard Webhooks secret (shown once). */
  async create(input: NewEndpoint): Promise<{ endpoint: NotificationEndpoint; secret?: string }> {
    const url = checkEndpointUrl(input.url, input.kind, this.outbound);
    checkMaxAttempts(input.maxAttempts);
    const secret = input.kind === 'webhook' ? generateSecret('generic') : undefined;
    const inserted = await this.store.insert({
      name: input.name,
      kind: input.kind,
      ...this.sealedTarget(input.kind, url, secret),
      minBand: input.minBand ?? 'high',
      maxAttempts: input.maxAttempts ?? DEFAULT_NOTIFICATION_MAX_ATTEMPTS,
    });
    if (inserted.kind === 'taken')
      throw new AppError('conflict', `A notification endpoint named "${input.name}" already exists`, {
        fields: [{ path: 'name', message: 'is taken' }],
      });
    return { endpoint: toEndpoint(inserted.row), secret };
  }

  async list(): Promise<NotificationEndpoint[]> {
    return (await this.store.listByAge()).map(toEndpoint);
  }

  async findByName(name: string): Promise<NotificationEndpoint | null> {
    const row = await this.store.findByName(name);
    return row ? toEndpoint(row) : null;
  }

  /** Changes an endpoint; null when there is no endpoint of that name. Enabling clears a recorded disable reason. */
  async update(name: string, change: EndpointChange): Promise<NotificationEndpoint | null> {
    checkMaxAttempts(change.maxAttempts);
    const existing = await this.store.findByName(name);
    if (!existing) return null;
    const kind = existing.kind;
    let target: { url: string; secretCiphertext: Buffer } | undefined;
    if (change.url !== undefined) {
      // A webhook keeps its signing secret when its URL moves; a Slack URL is itself the secret.
      const signingSecret = kind === 'webhook' ? this.box.decrypt(existing.secretCiphertext) : undefined;
      target = this.sealedTarget(kind, checkEndpointUrl(change.url, kind, this.outbound), signingSecret);
    }
    const row = await this.store.updateByName(name, {
      enabled: change.enabled,
      disabledReason: change.enabled === undefined ? undefined : null,
      minBand: change.minBand,
      maxAttempts: change.maxAttempts,
      ...target,
    });
    return toEndpoint(row);
  }

  /** Disabled by the system (a 410 Gone), with the reason kept for `list`. */
  async disable(id: string, reason: string): Promise<void> {
    await this.store.updateById(id, { enabled: false, disabledReason: reason.slice(0, 500) });
  }

  /** Re-seals every secret under the current SECRETS_KEY (after a rotation); returns how many changed. */
  async reseal(): Promise<number> {
    let changed = 0;
    for (const row of await this.store.all()) {
      if (this.box.isCurrent(row.secretCiphertext)) continue;
      await this.store.updateById(row.id, {
        secretCiphertext: this.box.encrypt(this.box.decrypt(row.secretCiphertext)),
      });
      changed += 1;
    }
    return changed;
  }

  async usable(id: string): Promise<UsableEndpoint | null> {
    const row = await this.store.findById(id);
    if (!row) return null;
    const secret = this.box.decrypt(row.secretCiphertext);
    const endpoint = toEndpoint(row);
    return endpoint.kind === 'slack'
      ? { ...endpoint, targetUrl: secret }
      : { ...endpoint, targetUrl: row.url, signingSecret: secret };
  }
}
