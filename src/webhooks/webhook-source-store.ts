// The webhook_sources table: rows with their sealed secrets in and out, no rules (checks, sealing and the intake's
// cache live in webhook-sources.ts).
import { insertUnlessTaken, type InsertOutcome } from '../db/insert-unless-taken';
import type { Db } from '../db/prisma-client';
import type { Vendor } from './adapters/types';
import type { SourceSettings } from './source-settings';
import { orNull } from '../db/rows';

export interface SourceRow {
  id: string;
  vendor: Vendor;
  name: string;
  secretCiphertext: Uint8Array;
  apiKeyCiphertext: Uint8Array | null;
  apiBaseUrl: string | null;
  /** As stored: read it with readSettings. */
  settings: unknown;
  enabled: boolean;
  createdAt: Date;
}

export interface NewSourceRow {
  vendor: Vendor;
  name: string;
  secretCiphertext: Uint8Array;
  apiKeyCiphertext: Uint8Array | null;
  apiBaseUrl: string | null;
  settings: SourceSettings;
}

/** Unset fields stay as they are; a null API key or base URL removes it. */
export interface SourceRowChange {
  enabled?: boolean;
  secretCiphertext?: Uint8Array;
  apiKeyCiphertext?: Uint8Array | null;
  apiBaseUrl?: string | null;
  settings?: SourceSettings;
}

type PrismaSource = Awaited<ReturnType<Db['webhookSource']['findFirstOrThrow']>>;

const toRow = (row: PrismaSource): SourceRow => ({
  id: row.id,
  vendor: row.vendor as Vendor,
  name: row.name,
  secretCiphertext: row.secretCiphertext,
  apiKeyCiphertext: row.apiKeyCiphertext,
  apiBaseUrl: row.apiBaseUrl,
  settings: row.settings,
  enabled: row.enabled,
  createdAt: row.createdAt,
});

const bytes = <T extends Uint8Array | null | undefined>(value: T) =>
  value instanceof Uint8Array ? new Uint8Array(value) : (value as Exclude<T, Uint8Array>);

function toData(change: SourceRowChange) {
  return {
    ...change,
    secretCiphertext: bytes(change.secretCiphertext),
    apiKeyCiphertext: bytes(change.apiKeyCiphertext),
  };
}

const rowOrNull = orNull(toRow);

export class WebhookSourceStore {
  constructor(private readonly db: Db) {}

  /** `taken` when a source of that name exists. */
  async insert(source: NewSourceRow): Promise<InsertOutcome<SourceRow>> {
    const data = {
      ...source,
      secretCiphertext: new Uint8Array(source.secretCiphertext),
      apiKeyCiphertext: bytes(source.apiKeyCiphertext),
    };
    return insertUnlessTaken(async () => toRow(await this.db.webhookSource.create({ data })));
  }

  async listByAge(): Promise<SourceRow[]> {
    return (await this.db.webhookSource.findMany({ orderBy: { createdAt: 'asc' } })).map(toRow);
  }

  /** Every source, in no order (re-sealing). */
  async all(): Promise<SourceRow[]> {
    return (await this.db.webhookSource.findMany()).map(toRow);
  }

  async enabledOf(vendor: Vendor): Promise<SourceRow[]> {
    return (
      await this.db.webhookSource.findMany({ where: { vendor, enabled: true }, orderBy: { createdAt: 'asc' } })
    ).map(toRow);
  }

  async findByName(name: string): Promise<SourceRow | null> {
    return rowOrNull(await this.db.webhookSource.findUnique({ where: { name } }));
  }

  async findById(id: string): Promise<SourceRow | null> {
    return rowOrNull(await this.db.webhookSource.findUnique({ where: { id } }));
  }

  async updateByName(name: string, change: SourceRowChange): Promise<SourceRow> {
    return toRow(await this.db.webhookSource.update({ where: { name }, data: toData(change) }));
  }

  async updateById(id: string, change: SourceRowChange): Promise<void> {
    await this.db.webhookSource.update({ where: { id }, data: toData(change) });
  }
}
