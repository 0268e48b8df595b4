// The users, user_events and (for ending a user's sessions) web_sessions tables: rows in and out, no rules.
import { insertUnlessTaken, type InsertOutcome } from '../db/insert-unless-taken';
import type { Db, Prisma } from '../db/prisma-client';
import type { Role } from './api-keys';
import { orNull } from '../db/rows';

export interface UserRow {
  id: string;
  email: string;
  role: Role;
  /** Null for single sign-on accounts: they have no local password. */
  passwordHash: string | null;
  externalId: string | null;
  mustChangePassword: boolean;
  createdAt: Date;
  lastLoginAt: Date | null;
  disabledAt: Date | null;
}

export interface NewUserRow {
  email: string;
  role: Role;
  passwordHash: string | null;
  createdBy: string;
  externalId?: string;
  mustChangePassword?: boolean;
  lastLoginAt?: Date;
}

export type UserChange = Partial<
  Pick<UserRow, 'email' | 'role' | 'passwordHash' | 'mustChangePassword' | 'lastLoginAt' | 'disabledAt'>
>;

export interface UserEventRow {
  actor: string;
  action: string;
  data: Record<string, unknown>;
  createdAt: Date;
}

type PrismaUser = Awaited<ReturnType<Db['user']['findUniqueOrThrow']>>;

const toRow = (row: PrismaUser): UserRow => ({
  id: row.id,
  email: row.email,
  role: row.role as Role,
  passwordHash: row.passwordHash,
  externalId: row.externalId,
  mustChangePassword: row.mustChangePassword,
  createdAt: row.createdAt,
  lastLoginAt: row.lastLoginAt,
  disabledAt: row.disabledAt,
});

const rowOrNull = orNull(toRow);

export class UserStore {
  constructor(
    private readonly db: Db,
    // Inside transaction(): the transaction's client; otherwise the pool's.
    private readonly client: Prisma.TransactionClient = db,
  ) {}

  /** Runs `work` in one transaction, over a store bound to it. */
  transaction<T>(work: (store: UserStore) => Promise<T>): Promise<T> {
    return this.db.$transaction((tx) => work(new UserStore(this.db, tx)));
  }

  async findById(id: string): Promise<UserRow | null> {
    return rowOrNull(await this.client.user.findUnique({ where: { id } }));
  }

  async findByEmail(email: string): Promise<UserRow | null> {
    return rowOrNull(await this.client.user.findUnique({ where: { email } }));
  }

  async findByExternalId(externalId: string): Promise<UserRow | null> {
    return rowOrNull(await this.client.user.findUnique({ where: { externalId } }));
  }

  async listByEmail(): Promise<UserRow[]> {
    return (await this.client.user.findMany({ orderBy: { email: 'asc' } })).map(toRow);
  }

  /** `taken` when the e-mail address or the external id already has an account. */
  async insert(user: NewUserRow): Promise<InsertOutcome<UserRow>> {
    return insertUnlessTaken(async () => toRow(await this.client.user.create({ data: user })));
  }

  async update(id: string, change: UserChange): Promise<UserRow> {
    return toRow(await this.client.user.update({ where: { id }, data: change }));
  }

  /** As update, but null when it fails (no such user): the callers answer not_found. */
  async updateIfExists(id: string, change: UserChange): Promise<UserRow | null> {
    return this.update(id, change).catch(() => null);
  }

  async endSessions(userId: string): Promise<void> {
    await this.client.webSession.deleteMany({ where: { userId } });
  }

  async recordEvent(userId: string, actor: string, action: string, data: Prisma.InputJsonObject): Promise<void> {
    await this.client.userEvent.create({ data: { userId, actor, action, data } });
  }

  /** The account's audit trail, oldest first. */
  async eventsOf(userId: string): Promise<UserEventRow[]> {
    const rows = await this.client.userEvent.findMany({ where: { userId }, orderBy: { id: 'asc' } });
    return rows.map((row) => ({
      actor: row.actor,
      action: row.action,
      data: row.data as Record<string, unknown>,
      createdAt: row.createdAt,
    }));
  }
}
