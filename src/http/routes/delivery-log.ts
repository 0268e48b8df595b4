// What the two delivery logs share (webhook deliveries in, notifications out): the list query, a page of items by
// owner and status, and one admin action on a dead delivery whose refusals are conflicts.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { LogQuery, Page } from '../../db/keyset-page';
import { AppError } from '../../errors';
import { commaListParam, cursorParam, encodeCursor, uuidParam, validateQuery } from '../../validation/request';
import { requireRole } from '../auth';

/** The list query: `owner` names the source or endpoint, `status` takes one or several of `statuses`. */
export function deliveryLogQuery<const Owner extends string, const Status extends string>(
  owner: Owner,
  statuses: readonly [Status, ...Status[]],
) {
  return z.strictObject({
    ...({ [owner]: z.string().min(1).max(200).optional() } as Record<Owner, z.ZodOptional<z.ZodString>>),
    status: commaListParam(statuses).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: cursorParam.optional(),
  });
}

/** The list as the API shows it: dates as ISO strings; the items are what the stores select (no bodies). */
type Shown<Item> = {
  [K in keyof Item]: Item[K] extends Date ? string : Item[K] extends Date | null ? string | null : Item[K];
};
const shown = <Item extends object>(item: Item): Shown<Item> =>
  Object.fromEntries(
    Object.entries(item).map(([key, value]) => [key, value instanceof Date ? value.toISOString() : value]),
  ) as Shown<Item>;

/** An item's admin action (POST /:id/<name>): the item again, null when there is none, or a refusal. */
type Actions<Name extends string, Item, Refusal> = Record<Name, (id: string) => Promise<Item | Refusal | null>>;

/**
 * A delivery log's routes over its store: GET / lists it by `owner` (the query parameter naming its source or
 * endpoint) and status; POST /:id/<action> (admins) runs the action, its refusals explained as conflicts.
 */
export function deliveryLogRoutes<
  Owner extends string,
  Status extends string,
  Item extends { id: string },
  Action extends string,
  Refusal extends string,
>(
  store: { list(query: LogQuery<Status>): Promise<Page<Item>> } & Actions<Action, Item, Refusal>,
  owner: Owner,
  query: z.ZodType<Partial<Record<Owner, string>> & { status?: Status[]; limit: number; cursor?: string }>,
  log: { notFound: string; action: Action; refusals: Record<Refusal, string> },
): Router {
  const router = Router({ caseSensitive: true });
  router.get('/', requireRole('reviewer', 'admin'), async (req: Request, res: Response) => {
    const { [owner]: ownerName, status, limit, cursor } = validateQuery(query, req.query);
    const page = await store.list({ ownerName, statuses: status, limit, cursor });
    res.json({ items: page.items.map(shown), nextCursor: encodeCursor(page.nextCursor) });
  });

  router.post(`/:id/${log.action}`, requireRole('admin'), async (req: Request, res: Response) => {
    const outcome = await store[log.action](uuidParam(req.params.id, log.notFound));
    if (outcome === null) throw new AppError('not_found', log.notFound);
    if (typeof outcome === 'string' && Object.hasOwn(log.refusals, outcome))
      throw new AppError('conflict', log.refusals[outcome as Refusal]);
    res.status(202).json(shown(outcome as Item));
  });
  return router;
}
