// Web users: accounts with a role, argon2id passwords, one-time passwords and throttled sign-in.
import { z } from 'zod';
import { AppError } from '../errors';
import { isoOrNull, pick } from '../db/rows';
import type { Role } from './api-keys';
import { throttleKeys, type LoginThrottleStore } from './login-throttle-store';
import { hashPassword, oneTimePassword, passwordProblem, verifyAgainstNothing, verifyPassword } from './passwords';
import type { UserRow, UserStore } from './user-store';

export interface User {
  id: string;
  email: string;
  role: Role;
  /** Single sign-on identity (`oidc:<issuer>#<subject>`); null for a local account. */
  externalId: string | null;
  mustChangePassword: boolean;
  createdAt: string;
  lastLoginAt: string | null;
  disabledAt: string | null;
}

export type SignInResult =
  { outcome: 'signed_in'; user: User } | { outcome: 'wrong_credentials' } | { outcome: 'throttled'; until: Date };

/** Who the identity provider says signed in, and the role their groups give (null: none of the mapped groups). */
export interface ExternalIdentity {
  externalId: string;
  /** From the email claim (or an address-shaped preferred_username or upn); unset when the provider sent none. */
  email: string | undefined;
  role: Role | null;
}

export type ExternalSignInResult =
  | { outcome: 'signed_in'; user: User }
  | { outcome: 'no_role' }
  | { outcome: 'disabled' }
  | { outcome: 'no_email' }
  | { outcome: 'email_taken'; email: string };

const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: 'must be an e-mail address' }));

/** The e-mail address as stored (trimmed, lower case), or an AppError naming the field. */
export function normaliseEmail(value: unknown, field = 'email'): string {
  const parsed = emailSchema.safeParse(value);
  if (!parsed.success)
    throw new AppError('validation_failed', 'Invalid e-mail address', {
      fields: [{ path: field, message: 'must be an e-mail address' }],
    });
  return parsed.data;
}

/** How a user appears in the audit trail and in cases' created_by: `user:<id>`, or `oidc:<issuer>#<subject>` for single sign-on. */
export const userActor = (user: Pick<User, 'id' | 'externalId'>) => user.externalId ?? `user:${user.id}`;

function toUser(row: UserRow): User {
  return {
    ...pick(row, ['id', 'email', 'role', 'externalId', 'mustChangePassword']),
    createdAt: row.createdAt.toISOString(),
    lastLoginAt: isoOrNull(row.lastLoginAt),
    disabledAt: isoOrNull(row.disabledAt),
  };
}

export class UserService {
  constructor(
    private readonly store: UserStore,
    private readonly throttle: LoginThrottleStore,
  ) {}

  /** Creates an account with a one-time password (shown once; the first sign-in must change it). */
  async create(emailInput: string, role: Role, createdBy: string): Promise<{ user: User; oneTimePassword: string }> {
    const email = normaliseEmail(emailInput);
    const password = oneTimePassword();
    const taken = () =>
      new AppError('conflict', `A user with e-mail ${email} already exists`, {
        fields: [{ path: 'email', message: 'already has an account' }],
      });
    if (await this.store.findByEmail(email)) throw taken();
    const inserted = await this.store.insert({ email, role, passwordHash: await hashPassword(password), createdBy });
    if (inserted.kind === 'taken') throw taken();
    return { user: toUser(inserted.row), oneTimePassword: password };
  }

  async list(): Promise<User[]> {
    return (await this.store.listByEmail()).map(toUser);
  }

  async findById(id: string): Promise<User | null> {
    const row = await this.store.findById(id);
    return row ? toUser(row) : null;
  }

  /**
   * Checks a password. Throttled accounts and addresses are refused before the password is looked at, so a
   * throttle cannot be used to test guesses; unknown and disabled accounts cost the same time as wrong passwords.
   */
  async signIn(emailInput: string, password: string, ip: string | undefined): Promise<SignInResult> {
    // PostgreSQL keeps no NUL in text: such an address is no account's, and its throttle key must still be storable (it was a 500).
    const email = (
      emailSchema.safeParse(emailInput).data ?? String(emailInput).trim().toLowerCase().slice(0, 254)
    ).replaceAll('\u0000', '\uFFFD');
    const keys = throttleKeys(email, ip);
    const lockedUntil = await this.throttle.lockedUntil(keys);
    if (lockedUntil) return { outcome: 'throttled', until: lockedUntil };
    const row = await this.store.findByEmail(email);
    // Single sign-on accounts have no password: they cost the same time as an unknown account.
    const isValid =
      row?.passwordHash && !row.disabledAt
        ? await verifyPassword(row.passwordHash, password)
        : (await verifyAgainstNothing(password), false);
    if (!isValid || !row) {
      const until = await this.throttle.recordFailure(keys);
      return until ? { outcome: 'throttled', until } : { outcome: 'wrong_credentials' };
    }
    await this.throttle.clearAccount(keys);
    const updated = await this.store.update(row.id, { lastLoginAt: new Date() });
    return { outcome: 'signed_in', user: toUser(updated) };
  }

  /** Changes a password after checking the current one; a field error names what is wrong. */
  async changePassword(userId: string, current: string, next: string): Promise<void> {
    const row = await this.store.findById(userId);
    if (!row || row.disabledAt) throw new AppError('not_found', 'No such user');
    if (!row.passwordHash)
      throw new AppError('validation_failed', 'This account signs in through single sign-on', {
        fields: [{ path: 'currentPassword', message: 'does not exist: this account signs in through single sign-on' }],
      });
    if (!(await verifyPassword(row.passwordHash, current))) {
      throw new AppError('validation_failed', 'The current password is wrong', {
        fields: [{ path: 'currentPassword', message: 'is not your current password' }],
      });
    }
    const problem =
      passwordProblem(next, row.email) ?? (next === current ? 'must differ from the current password' : null);
    if (problem)
      throw new AppError('validation_failed', 'The new password is not acceptable', {
        fields: [{ path: 'newPassword', message: problem }],
      });
    await this.store.update(userId, { passwordHash: await hashPassword(next), mustChangePassword: false });
  }

  /** A new one-time password (the user must change it at the next sign-in); every session of the user ends. */
  async resetPassword(userId: string, actor = 'system'): Promise<{ user: User; oneTimePassword: string }> {
    const existing = await this.store.findById(userId);
    if (existing?.externalId)
      throw new AppError('conflict', 'This account signs in through single sign-on and has no password to reset');
    const password = oneTimePassword();
    const row = await this.store.updateIfExists(userId, {
      passwordHash: await hashPassword(password),
      mustChangePassword: true,
    });
    if (!row) throw new AppError('not_found', 'No such user');
    await this.store.endSessions(userId);
    await this.record(userId, actor, 'user.password_reset', {});
    return { user: toUser(row), oneTimePassword: password };
  }

  /**
   * A single sign-on: the account is created at the first sign-in and its role recomputed at every one. Someone
   * without a mapped group is refused and their sessions end; a disabled account stays disabled.
   */
  async signInExternal(identity: ExternalIdentity): Promise<ExternalSignInResult> {
    const email = identity.email === undefined ? undefined : emailSchema.safeParse(identity.email).data;
    const row = await this.store.findByExternalId(identity.externalId);
    if (row && (!identity.role || row.disabledAt)) {
      await this.store.endSessions(row.id);
      return { outcome: row.disabledAt ? 'disabled' : 'no_role' };
    }
    if (!identity.role) return { outcome: 'no_role' };
    if (row) {
      // A changed address follows the provider unless another account already has it.
      const isEmailFree = email && email !== row.email && !(await this.store.findByEmail(email));
      const updated = await this.store.update(row.id, {
        role: identity.role,
        lastLoginAt: new Date(),
        ...(isEmailFree ? { email } : {}),
      });
      return { outcome: 'signed_in', user: toUser(updated) };
    }
    if (!email) return { outcome: 'no_email' };
    // Never joined to an existing account by e-mail address: a provider's address is not proof of owning that account.
    if (await this.store.findByEmail(email)) return { outcome: 'email_taken', email };
    const created = await this.store.insert({
      email,
      role: identity.role,
      externalId: identity.externalId,
      passwordHash: null,
      mustChangePassword: false,
      createdBy: 'oidc:just-in-time',
      lastLoginAt: new Date(),
    });
    // Two first sign-ins at once: the other one created the account.
    if (created.kind === 'taken') return this.signInExternal(identity);
    return { outcome: 'signed_in', user: toUser(created.row) };
  }

  /** Disables (ending every session) or re-enables an account. */
  async setDisabled(userId: string, isDisabled: boolean, actor = 'system'): Promise<User> {
    const row = await this.store.updateIfExists(userId, { disabledAt: isDisabled ? new Date() : null });
    if (!row) throw new AppError('not_found', 'No such user');
    if (isDisabled) await this.store.endSessions(userId);
    await this.record(userId, actor, isDisabled ? 'user.disabled' : 'user.enabled', {});
    return toUser(row);
  }

  /** Changes an account's role (a user_events row with before and after); its sessions end, so the new role applies at once. */
  async setRole(userId: string, role: Role, actor: string): Promise<User> {
    return this.store.transaction(async (tx) => {
      const before = await tx.findById(userId);
      if (!before) throw new AppError('not_found', 'No such user');
      // The identity provider's groups set it again at every sign-in, so a change here would not hold.
      if (before.externalId)
        throw new AppError(
          'conflict',
          'This account signs in through single sign-on: its role follows its groups at the identity provider; change them there',
        );
      if (before.role === role) return toUser(before);
      const row = await tx.update(userId, { role });
      await tx.endSessions(userId);
      await tx.recordEvent(userId, actor, 'user.role_changed', { before: before.role, after: role });
      return toUser(row);
    });
  }

  /** The account's audit trail, oldest first. */
  async eventsOf(
    userId: string,
  ): Promise<{ actor: string; action: string; data: Record<string, unknown>; createdAt: string }[]> {
    const rows = await this.store.eventsOf(userId);
    return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
  }

  private async record(userId: string, actor: string, action: string, data: Record<string, string>): Promise<void> {
    await this.store.recordEvent(userId, actor, action, data);
  }
}
