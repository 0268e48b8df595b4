// Sign-in throttling in PostgreSQL (shared by every instance): after N wrong passwords in a row for an account
// or from a client address, that account or address is refused for a while, even with the right password.
import type { Queryable } from '../db/prisma-client';

export interface ThrottleSettings {
  /** Wrong passwords in a row that throttle (5). */
  maxFailures: number;
  /** How long a throttle lasts; failures older than this no longer count. */
  lockMs: number;
}

export const throttleKeys = (email: string, ip: string | undefined): string[] => [`account:${email}`, ...(ip ? [`ip:${ip}`] : [])];

export class LoginThrottle {
  constructor(
    private readonly pool: Queryable,
    private readonly settings: ThrottleSettings,
  ) {}

  /** When the latest throttle on any of the keys ends, or null when none is throttled. */
  async lockedUntil(keys: string[]): Promise<Date | null> {
    const { rows } = await this.pool.query<{ until: Date | null }>(
      'SELECT max(locked_until) AS until FROM login_throttles WHERE key = ANY($1::text[]) AND locked_until > now()',
      [keys],
    );
    return rows[0]?.until ?? null;
  }

  /** Counts one failure on each key; answers when the throttle now ends, if this failure started one. */
  async recordFailure(keys: string[]): Promise<Date | null> {
    // A series restarts after a throttle ended, or when the last failure is older than the throttle period.
    const { rows } = await this.pool.query<{ locked_until: Date | null }>(
      `INSERT INTO login_throttles AS t (key, failures, last_failed_at, locked_until)
         SELECT k, 1, now(), CASE WHEN 1 >= $2 THEN now() + $3 * interval '1 millisecond' END FROM unnest($1::text[]) AS k
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN t.locked_until <= now() OR t.last_failed_at < now() - $3 * interval '1 millisecond' THEN 1 ELSE t.failures + 1 END,
         locked_until = CASE WHEN (CASE WHEN t.locked_until <= now() OR t.last_failed_at < now() - $3 * interval '1 millisecond' THEN 1 ELSE t.failures + 1 END) >= $2
                             THEN now() + $3 * interval '1 millisecond' END,
         last_failed_at = now()
       RETURNING locked_until`,
      [keys, this.settings.maxFailures, this.settings.lockMs],
    );
    const until = rows.map((row) => row.locked_until).filter((value): value is Date => value !== null);
    return until.length ? new Date(Math.max(...until.map((date) => date.getTime()))) : null;
  }

  /** A successful sign-in ends the series for the account and the address. */
  async clear(keys: string[]): Promise<void> {
    await this.pool.query('DELETE FROM login_throttles WHERE key = ANY($1::text[])', [keys]);
  }
}
