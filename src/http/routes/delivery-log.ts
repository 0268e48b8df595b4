// What the two delivery logs share (webhook deliveries in, notifications out): the list query, a page of items by
// owner and status, and one admin action on a dead delivery whose refusals are conflicts.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Page } from '../../db/keyset-page';
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

interface DeliveryLog<Item, Query, Refusal extends string> {
  query: z.ZodType<Query>;
  list(query: Query): Promise<Page<Item>>;
  view(item: Item): unknown;
  notFound: string;
  /** POST /:id/<path> (admins): the item again, null when there is none, or a refusal explained in `refusals`. */
  action: { path: string; run(id: string): Promise<Item | Refusal | null>; refusals: Record<Refusal, string> };
}

export function deliveryLogRoutes<Item, Query, Refusal extends string>(log: DeliveryLog<Item, Query, Refusal>): Router {
  const router = Router({ caseSensitive: true });
  router.get('/', requireRole('reviewer', 'admin'), async (req: Request, res: Response) => {
    const page = await log.list(validateQuery(log.query, req.query));
    res.json({ items: page.items.map(log.view), nextCursor: encodeCursor(page.nextCursor) });
  });

  router.post(`/:id/${log.action.path}`, requireRole('admin'), async (req: Request, res: Response) => {
    const outcome = await log.action.run(uuidParam(req.params.id, log.notFound));
    if (outcome === null) throw new AppError('not_found', log.notFound);
    if (typeof outcome === 'string' && Object.hasOwn(log.action.refusals, outcome))
      throw new AppError('conflict', log.action.refusals[outcome as Refusal]);
    res.status(202).json(log.view(outcome as Item));
  });
  return router;
}
