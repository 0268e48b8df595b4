// Configured webhook sources: created with a signing secret (sealed at rest), looked up per vendor at intake.
import { AppError } from '../errors';
import { pick } from '../db/rows';
import { OutboundClient } from '../outbound/outbound-client';
import type { Vendor } from './adapters/types';
import type { SecretBox } from '../crypto/secret-box';
import { generateSecret } from '../crypto/signatures';
import { readSettings, sourceSettingsSchema, type SourceSettings } from './source-settings';
import type { SourceRow, WebhookSourceStore } from './webhook-source-store';

export interface WebhookSource {
  id: string;
  vendor: Vendor;
  name: string;
  enabled: boolean;
  apiBaseUrl: string | null;
  hasApiKey: boolean;
  settings: SourceSettings;
  createdAt: Date;
}

/** A source with its secrets opened, for the intake and the worker only. */
export interface UsableSource extends WebhookSource {
  secret: string;
  apiKey?: string;
}

/** What a client of the vendor's API reads of a source: its API key and base URL (null: the vendor's own). */
export type SourceApi = Pick<UsableSource, 'apiKey' | 'apiBaseUrl'>;

export interface NewSource {
  vendor: Vendor;
  name: string;
  /** The vendor's signing secret when it issues one (Lever, Ashby); otherwise one is generated. */
  secret?: string;
  apiKey?: string;
  apiBaseUrl?: string;
  settings?: SourceSettings;
}

// Intake looks sources up on every delivery; a short cache keeps that off the database. A change notice empties it on
// every instance within a second (src/instances); this time is the fallback when a notice is lost.
const CACHE_TTL_MS = 10_000;

function toSource(row: SourceRow): WebhookSource {
  return {
    ...pick(row, ['id', 'vendor', 'name', 'enabled', 'apiBaseUrl']),
    hasApiKey: row.apiKeyCiphertext !== null,
    settings: readSettings(row.settings),
    createdAt: row.createdAt,
  };
}

export class WebhookSourceService {
  private readonly cache = new Map<Vendor, { sources: UsableSource[]; expiresAt: number }>();
  private readonly byId = new Map<string, { source: UsableSource | null; expiresAt: number }>();
  // Bumped by forget(): a read that started before it must not put what it read into the emptied cache.
  private generation = 0;

  constructor(
    private readonly store: WebhookSourceStore,
    private readonly box: SecretBox,
    /** The outbound URL policy (OUTBOUND_ALLOW_HOSTS): an API base URL is checked when saved, and again when called. */
    private readonly outbound: OutboundClient = new OutboundClient(),
  ) {}

  /** A vendor API base URL the outbound policy allows, or a 400 naming the field. */
  private checkApiBaseUrl(value: string | null | undefined): void {
    if (value === undefined || value === null) return;
    try {
      this.outbound.check(value);
    } catch (error) {
      throw new AppError('validation_failed', 'API base URL not allowed', {
        fields: [{ path: 'apiBaseUrl', message: (error as Error).message.replace(/^the URL /, '') }],
      });
    }
  }

  async create(input: NewSource): Promise<{ source: WebhookSource; secret: string }> {
    this.checkApiBaseUrl(input.apiBaseUrl);
    const secret = input.secret ?? generateSecret(input.vendor);
    const settings = sourceSettingsSchema.parse(input.settings ?? {});
    const inserted = await this.store.insert({
      vendor: input.vendor,
      name: input.name,
      secretCiphertext: this.box.encrypt(secret),
      apiKeyCiphertext: input.apiKey ? this.box.encrypt(input.apiKey) : null,
      apiBaseUrl: input.apiBaseUrl ?? null,
      settings,
    });
    if (inserted.kind === 'taken')
      throw new AppError('conflict', `A webhook source named "${input.name}" already exists`, {
        fields: [{ path: 'name', message: 'is taken' }],
      });
    this.forget();
    return { source: toSource(inserted.row), secret };
  }

  async list(): Promise<WebhookSource[]> {
    return (await this.store.listByAge()).map(toSource);
  }

  /** Changes a source; false when there is no source of that name. */
  async update(
    name: string,
    change: {
      enabled?: boolean;
      secret?: string;
      apiKey?: string | null;
      apiBaseUrl?: string | null;
      settings?: SourceSettings;
    },
  ): Promise<WebhookSource | null> {
    this.checkApiBaseUrl(change.apiBaseUrl);
    const existing = await this.store.findByName(name);
    if (!existing) return null;
    const row = await this.store.updateByName(name, {
      enabled: change.enabled,
      secretCiphertext: change.secret !== undefined ? this.box.encrypt(change.secret) : undefined,
      apiKeyCiphertext:
        change.apiKey === undefined ? undefined : change.apiKey === null ? null : this.box.encrypt(change.apiKey),
      apiBaseUrl: change.apiBaseUrl,
      settings: change.settings !== undefined ? sourceSettingsSchema.parse(change.settings) : undefined,
    });
    this.forget();
    return toSource(row);
  }

  /** Re-seals every secret under the current SECRETS_KEY (after a rotation); returns how many changed. */
  async reseal(): Promise<number> {
    let changed = 0;
    for (const row of await this.store.all()) {
      const stale =
        !this.box.isCurrent(row.secretCiphertext) ||
        (row.apiKeyCiphertext !== null && !this.box.isCurrent(row.apiKeyCiphertext));
      if (!stale) continue;
      await this.store.updateById(row.id, {
        secretCiphertext: this.box.encrypt(this.box.decrypt(row.secretCiphertext)),
        apiKeyCiphertext: row.apiKeyCiphertext ? this.box.encrypt(this.box.decrypt(row.apiKeyCiphertext)) : null,
      });
      changed += 1;
    }
    return changed;
  }

  private open(row: SourceRow): UsableSource {
    return {
      ...toSource(row),
      secret: this.box.decrypt(row.secretCiphertext),
      apiKey: row.apiKeyCiphertext ? this.box.decrypt(row.apiKeyCiphertext) : undefined,
    };
  }

  /** Empties the caches (a source changed, possibly on another instance). */
  forget(): void {
    this.generation += 1;
    this.cache.clear();
    this.byId.clear();
  }

  /** The enabled sources of a vendor, secrets opened (cached briefly). */
  async enabledFor(vendor: Vendor): Promise<UsableSource[]> {
    const cached = this.cache.get(vendor);
    if (cached && cached.expiresAt > Date.now()) return cached.sources;
    const generation = this.generation;
    const rows = await this.store.enabledOf(vendor);
    const sources = rows.map((row) => this.open(row));
    if (generation === this.generation) this.cache.set(vendor, { sources, expiresAt: Date.now() + CACHE_TTL_MS });
    return sources;
  }

  /** A source by id, enabled or not, secrets opened (cached briefly: every webhook job asks). */
  async usable(id: string): Promise<UsableSource | null> {
    const cached = this.byId.get(id);
    if (cached && cached.expiresAt > Date.now()) return cached.source;
    const generation = this.generation;
    const row = await this.store.findById(id);
    const source = row ? this.open(row) : null;
    if (generation !== this.generation) return source;
    if (this.byId.size > 1000) this.byId.clear();
    this.byId.set(id, { source, expiresAt: Date.now() + CACHE_TTL_MS });
    return source;
  }
}
