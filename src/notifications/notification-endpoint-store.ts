// The notification_endpoints table: rows with their sealed secret in and out, no rules (checks and sealing live in
// notification-endpoints.ts).
import { insertUnlessTaken, type InsertOutcome } from '../db/insert-unless-taken';
import type { Db } from '../db/prisma-client';
import { orNull } from '../db/rows';

export interface EndpointRow {
  id: string;
  name: string;
  kind: 'webhook' | 'slack';
  /** webhook: the receiver's URL; slack: only the origin. */
  url: string;
  secretCiphertext: Uint8Array;
  minBand: 'high' | 'critical';
  maxAttempts: number;
  enabled: boolean;
  disabledReason: string | null;
  createdAt: Date;
}

export type NewEndpointRow = Pick<
  EndpointRow,
  'name' | 'kind' | 'url' | 'secretCiphertext' | 'minBand' | 'maxAttempts'
>;

/** Unset fields stay as they are. */
export type EndpointRowChange = Partial<
  Pick<EndpointRow, 'enabled' | 'disabledReason' | 'minBand' | 'maxAttempts' | 'url' | 'secretCiphertext'>
>;

type PrismaEndpoint = Awaited<ReturnType<Db['notificationEndpoint']['findFirstOrThrow']>>;

const toRow = (row: PrismaEndpoint): EndpointRow => ({
  id: row.id,
  name: row.name,
  kind: row.kind as EndpointRow['kind'],
  url: row.url,
  secretCiphertext: row.secretCiphertext,
  minBand: row.minBand as EndpointRow['minBand'],
  maxAttempts: row.maxAttempts,
  enabled: row.enabled,
  disabledReason: row.disabledReason,
  createdAt: row.createdAt,
});

const bytes = (value: Uint8Array | undefined) => (value === undefined ? undefined : new Uint8Array(value));

const rowOrNull = orNull(toRow);

export class NotificationEndpointStore {
  constructor(private readonly db: Db) {}

  /** `taken` when an endpoint of that name exists. */
  async insert(endpoint: NewEndpointRow): Promise<InsertOutcome<EndpointRow>> {
    return insertUnlessTaken(async () =>
      toRow(
        await this.db.notificationEndpoint.create({
          data: { ...endpoint, secretCiphertext: new Uint8Array(endpoint.secretCiphertext) },
        }),
      ),
    );
  }

  async listByAge(): Promise<EndpointRow[]> {
    return (await this.db.notificationEndpoint.findMany({ orderBy: { createdAt: 'asc' } })).map(toRow);
  }

  /** Every endpoint, in no order (re-sealing). */
  async all(): Promise<EndpointRow[]> {
    return (await this.db.notificationEndpoint.findMany()).map(toRow);
  }

  async findByName(name: string): Promise<EndpointRow | null> {
    return rowOrNull(await this.db.notificationEndpoint.findUnique({ where: { name } }));
  }

  async findById(id: string): Promise<EndpointRow | null> {
    return rowOrNull(await this.db.notificationEndpoint.findUnique({ where: { id } }));
  }

  async updateByName(name: string, change: EndpointRowChange): Promise<EndpointRow> {
    return toRow(
      await this.db.notificationEndpoint.update({
        where: { name },
        data: { ...change, secretCiphertext: bytes(change.secretCiphertext) },
      }),
    );
  }

  async updateById(id: string, change: EndpointRowChange): Promise<void> {
    await this.db.notificationEndpoint.update({
      where: { id },
      data: { ...change, secretCiphertext: bytes(change.secretCiphertext) },
    });
  }
}
