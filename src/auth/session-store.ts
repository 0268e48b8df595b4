// Web sessions in PostgreSQL: the cookie carries a random token, the table only its SHA-256; each session has
// its own CSRF token (synchronizer pattern), an idle timeout and an absolute lifetime.
import crypto from 'node:crypto';
import type { Db } from '../db/prisma-client';
import type { Role } from './api-keys';

export interface SessionSettings {
  idleMs: number;
  maxMs: number;
}

export interface ActiveSession {
  tokenHash: Buffer;
  csrfToken: string;
  user: { id: string; email: string; role: Role; externalId: string | null; mustChangePassword: boolean };
}

const TOUCH_INTERVAL_MS = 60_000;

const sha256 = (value: string) => crypto.createHash('sha256').update(value).digest();
const randomToken = () => crypto.randomBytes(32).toString('base64url');

export class SessionStore {
  constructor(
    private readonly db: Db,
    readonly settings: SessionSettings,
  ) {}

  /** A new session for a user who just signed in; the token goes in the cookie and is never stored. */
  async create(userId: string): Promise<{ token: string; csrfToken: string }> {
    const token = randomToken();
    const csrfToken = randomToken();
    const now = Date.now();
    await this.db.webSession.create({
      data: {
        tokenHash: new Uint8Array(sha256(token)),
        userId,
        csrfToken,
        expiresAt: new Date(now + this.settings.maxMs),
      },
    });
    // Sessions that ran out are useless: forget them now and then, off the request path.
    this.db.webSession
      .deleteMany({
        where: {
          OR: [{ expiresAt: { lt: new Date(now) } }, { lastSeenAt: { lt: new Date(now - this.settings.idleMs) } }],
        },
      })
      .catch(() => undefined);
    return { token, csrfToken };
  }

  /** The live session behind a cookie token, or null (unknown, expired, idle too long, or the user disabled). */
  async find(token: string): Promise<ActiveSession | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
    const tokenHash = sha256(token);
    const row = await this.db.webSession.findUnique({
      where: { tokenHash: new Uint8Array(tokenHash) },
      include: { user: true },
    });
    const now = Date.now();
    if (
      !row ||
      row.expiresAt.getTime() <= now ||
      row.lastSeenAt.getTime() + this.settings.idleMs <= now ||
      row.user.disabledAt
    )
      return null;
    if (row.lastSeenAt.getTime() + TOUCH_INTERVAL_MS < now) {
      await this.db.webSession.updateMany({
        where: { tokenHash: new Uint8Array(tokenHash) },
        data: { lastSeenAt: new Date(now) },
      });
    }
    return {
      tokenHash,
      csrfToken: row.csrfToken,
      user: {
        id: row.user.id,
        email: row.user.email,
        role: row.user.role as Role,
        externalId: row.user.externalId,
        mustChangePassword: row.user.mustChangePassword,
      },
    };
  }

  async destroy(tokenHash: Buffer): Promise<void> {
    await this.db.webSession.deleteMany({ where: { tokenHash: new Uint8Array(tokenHash) } });
  }

  /** Ends the user's other sessions (after a password change). */
  async destroyOthers(userId: string, keep: Buffer): Promise<void> {
    await this.db.webSession.deleteMany({ where: { userId, NOT: { tokenHash: new Uint8Array(keep) } } });
  }
}
