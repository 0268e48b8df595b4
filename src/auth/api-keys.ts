// API keys: "hfrc_<prefix>_<secret>"; only SHA-256 of the secret is stored; checks are constant-time.
import crypto from 'node:crypto';
import type { ApiKeyStore } from './api-key-store';

export const roles = ['recruiter', 'reviewer', 'admin'] as const;
export type Role = (typeof roles)[number];

export interface Principal {
  apiKeyId: string;
  name: string;
  role: Role;
  /** How this caller appears in the audit trail. */
  actor: string;
}

const KEY_PATTERN = /^hfrc_([a-z0-9]{10})_([A-Za-z0-9_-]{43})$/;
// A verified key is remembered briefly so that each request does not cost a database round trip. A revocation's change
// notice empties the cache on every instance within a second (src/instances); this time is the fallback.
const CACHE_TTL_MS = 30_000;
const TOUCH_INTERVAL_MS = 60_000;

// Once per API request: the one-shot hash builds no Hash object.
function sha256(value: string): Buffer {
  return crypto.hash('sha256', value, 'buffer');
}

export function generateApiKey(): { key: string; prefix: string; secretHash: Buffer } {
  const prefix = crypto.randomBytes(10).toString('hex').slice(0, 10);
  const secret = crypto.randomBytes(32).toString('base64url');
  return { key: `hfrc_${prefix}_${secret}`, prefix, secretHash: sha256(secret) };
}

interface CachedKey {
  principal: Principal;
  secretHash: Buffer;
  expiresAt: number;
}

export class ApiKeyService {
  private readonly cache = new Map<string, CachedKey>();
  private readonly lastTouched = new Map<string, number>();
  // Bumped by forget(): a lookup that started before it must not cache what it read.
  private generation = 0;

  constructor(private readonly store: ApiKeyStore) {}

  async create(name: string, role: Role): Promise<{ key: string; id: string; prefix: string }> {
    const { key, prefix, secretHash } = generateApiKey();
    const row = await this.store.insert({ name, role, prefix, secretHash });
    return { key, id: row.id, prefix };
  }

  async list(): Promise<
    {
      id: string;
      name: string;
      role: Role;
      prefix: string;
      createdAt: Date;
      lastUsedAt: Date | null;
      revokedAt: Date | null;
    }[]
  > {
    const rows = await this.store.listByAge();
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      role: row.role,
      prefix: row.prefix,
      createdAt: row.createdAt,
      lastUsedAt: row.lastUsedAt,
      revokedAt: row.revokedAt,
    }));
  }

  async revoke(prefix: string): Promise<boolean> {
    const isRevoked = await this.store.revoke(prefix);
    this.cache.delete(prefix);
    return isRevoked;
  }

  /** Empties the cache of verified keys (a key was revoked, possibly on another instance). */
  forget(): void {
    this.generation += 1;
    this.cache.clear();
  }

  /** The caller behind a presented key, or null when the key is malformed, unknown, revoked or wrong. */
  async verify(presented: string): Promise<Principal | null> {
    const match = KEY_PATTERN.exec(presented);
    if (!match) return null;
    const [, prefix, secret] = match as unknown as [string, string, string];
    const presentedHash = sha256(secret);
    const now = Date.now();
    let entry = this.cache.get(prefix);
    if (!entry || entry.expiresAt < now) {
      const generation = this.generation;
      const row = await this.store.findByPrefix(prefix);
      if (!row || row.revokedAt) {
        this.cache.delete(prefix);
        return null;
      }
      entry = {
        principal: { apiKeyId: row.id, name: row.name, role: row.role, actor: `apikey:${row.id}` },
        secretHash: row.secretHash,
        expiresAt: now + CACHE_TTL_MS,
      };
      if (generation === this.generation) this.cache.set(prefix, entry);
    }
    if (!crypto.timingSafeEqual(entry.secretHash, presentedHash)) return null;
    this.touch(entry.principal.apiKeyId, now);
    return entry.principal;
  }

  // Records last use at most once a minute per key, off the request path.
  private touch(id: string, now: number): void {
    if ((this.lastTouched.get(id) ?? 0) + TOUCH_INTERVAL_MS > now) return;
    this.lastTouched.set(id, now);
    this.store.recordUse(id, new Date(now)).catch(() => this.lastTouched.delete(id));
  }
}
