// Sign-in throttling in PostgreSQL (shared by every instance): after N wrong passwords for an account, or M from a
// client address, within the throttle period, that account or address is refused for a while, even with the right
// password. A success ends the account's own series only: an address's count survives successful sign-ins, so an
// attacker's own account cannot wash out a password spray across other accounts from the same address.
import type { Queryable } from '../db/prisma-client';

export interface ThrottleSettings {
  /** Wrong passwords for one account that throttle it (5). */
  maxFailures: number;
  /** Wrong passwords from one client address, whatever the accounts, that throttle it (10). */
  maxAddressFailures: number;
  /** How long a throttle lasts; a series whose last failure is older than this starts again. */
  lockMs: number;
}

export interface ThrottleKeys {
  account: string;
  address?: string;
}

export const throttleKeys = (email: string, ip: string | undefined): ThrottleKeys => ({
  account: `account:${email}`,
  ...(ip ? { address: `ip:${ip}` } : {}),
});

const allKeys = (keys: ThrottleKeys): string[] => [keys.account, ...(keys.address ? [keys.address] : [])];

export class LoginThrottleStore {
  constructor(
    private readonly pool: Queryable,
    private readonly settings: ThrottleSettings,
  ) {}

  /** When the latest throttle on the account or the address ends, or null when neither is throttled. */
  async lockedUntil(keys: ThrottleKeys): Promise<Date | null> {
    const { rows } = await this.pool.query<{ until: Date | null }>(
      'SELECT max(locked_until) AS until FROM login_throttles WHERE key = ANY($1::text[]) AND locked_until > now()',
      [allKeys(keys)],
    );
    return rows[0]?.until ?? null;
  }

  /** Counts one failure on the account and the address; answers when the throttle now ends, if this failure started one. */
  async recordFailure(keys: ThrottleKeys): Promise<Date | null> {
    const limits = [this.settings.maxFailures, ...(keys.address ? [this.settings.maxAddressFailures] : [])];
    // A series restarts after a throttle ended, or when the last failure is older than the throttle period.
    const { rows } = await this.pool.query<{ locked_until: Date | null }>(
      `INSERT INTO login_throttles AS t (key, failures, last_failed_at, locked_until)
         SELECT k, 1, now(), CASE WHEN 1 >= m THEN now() + $3 * interval '1 millisecond' END FROM unnest($1::text[], $2::int[]) AS u(k, m)
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN t.locked_until <= now() OR t.last_failed_at < now() - $3 * interval '1 millisecond' THEN 1 ELSE t.failures + 1 END,
         locked_until = CASE WHEN (CASE WHEN t.locked_until <= now() OR t.last_failed_at < now() - $3 * interval '1 millisecond' THEN 1 ELSE t.failures + 1 END)
                                  >= (SELECT u2.m FROM unnest($1::text[], $2::int[]) AS u2(k, m) WHERE u2.k = t.key)
                             THEN now() + $3 * interval '1 millisecond' END,
         last_failed_at = now()
       RETURNING locked_until`,
      [allKeys(keys), limits, this.settings.lockMs],
    );
    const until = rows.map((row) => row.locked_until).filter((value): value is Date => value !== null);
    return until.length ? new Date(Math.max(...until.map((date) => date.getTime()))) : null;
  }

  /** A successful sign-in ends the account's series; the address keeps its count until its period runs out. */
  async clearAccount(keys: ThrottleKeys): Promise<void> {
    await this.pool.query('DELETE FROM login_throttles WHERE key = $1', [keys.account]);
  }
}
