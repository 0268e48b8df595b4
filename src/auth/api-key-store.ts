// The api_keys table: rows in and out, no rules (hashing, caching and checks live in api-keys.ts).
import type { Db } from '../db/prisma-client';
import type { Role } from './api-keys';
import { orNull } from '../db/rows';

export interface ApiKeyRow {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  secretHash: Buffer;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

type PrismaApiKey = Awaited<ReturnType<Db['apiKey']['findUniqueOrThrow']>>;

const toRow = (row: PrismaApiKey): ApiKeyRow => ({
  ...row,
  role: row.role as Role,
  secretHash: Buffer.from(row.secretHash),
});

const rowOrNull = orNull(toRow);

export class ApiKeyStore {
  constructor(private readonly db: Db) {}

  async insert(key: { name: string; role: Role; prefix: string; secretHash: Buffer }): Promise<ApiKeyRow> {
    return toRow(await this.db.apiKey.create({ data: { ...key, secretHash: new Uint8Array(key.secretHash) } }));
  }

  async listByAge(): Promise<ApiKeyRow[]> {
    return (await this.db.apiKey.findMany({ orderBy: { createdAt: 'asc' } })).map(toRow);
  }

  /** Whether an active key with this prefix was revoked now. */
  async revoke(prefix: string): Promise<boolean> {
    const result = await this.db.apiKey.updateMany({
      where: { prefix, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    return result.count === 1;
  }

  async findByPrefix(prefix: string): Promise<ApiKeyRow | null> {
    return rowOrNull(await this.db.apiKey.findUnique({ where: { prefix } }));
  }

  async recordUse(id: string, at: Date): Promise<void> {
    await this.db.apiKey.update({ where: { id }, data: { lastUsedAt: at } });
  }
}
