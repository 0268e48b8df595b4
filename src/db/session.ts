// A transaction (or the pool) as use cases hold it: opaque, so that they can pass it from store to store and run one
// unit of work across stores, while only stores can run statements on it.
import type pg from 'pg';
import { inTransaction, type Queryable } from './prisma-client';

declare const opaque: unique symbol;

/** An open transaction or the pool, passed through use cases to the stores that act in it. */
export interface DbSession {
  readonly [opaque]: 'DbSession';
}

export const toSession = (client: Queryable): DbSession => client as unknown as DbSession;

/** The session's client, for stores only (the lint rule keeps db/ out of use cases). */
export const queryableOf = (session: DbSession): Queryable => session as unknown as Queryable;

/** Runs `work` in one transaction (retried on deadlock, as inTransaction), handing it the transaction as a session. */
export function inSession<T>(pool: pg.Pool, work: (session: DbSession) => Promise<T>): Promise<T> {
  return inTransaction(pool, (client) => work(toSession(client)));
}
