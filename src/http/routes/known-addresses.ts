// GET/POST /api/v1/known-addresses and DELETE /api/v1/known-addresses/:id: the company's own offices, depots and
// staffing partners, which never link applicants. Reviewers and admins read; admins declare and remove.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { KnownAddress, KnownAddressService } from '../../known-addresses/known-address-service';
import { validateQuery } from '../../validation/request';
import { requireRole } from '../auth';
import { requireJsonBody } from '../json-body';
import { locals } from '../../request-context';

export const knownAddressQuerySchema = z.strictObject({
  includeRemoved: z.enum(['true', 'false'], { message: 'must be true or false' }).optional(),
});

/** The address as the API shows it. */
export function knownAddressView(known: KnownAddress) {
  return {
    id: known.id,
    label: known.label,
    kind: known.kind,
    address: {
      line1: known.line1,
      line2: known.line2,
      city: known.city,
      region: known.region,
      postalCode: known.postalCode,
      country: known.country,
    },
    matchKey: known.matchKey,
    addedBy: known.addedBy,
    addedAt: known.addedAt.toISOString(),
    removedBy: known.removedBy,
    removedAt: known.removedAt?.toISOString() ?? null,
  };
}

export function knownAddressRoutes(knownAddresses: KnownAddressService): Router {
  const router = Router({ caseSensitive: true });

  router.get('/', requireRole('reviewer', 'admin'), async (req: Request, res: Response) => {
    const query = validateQuery(knownAddressQuerySchema, req.query);
    const items = await knownAddresses.list({ includeRemoved: query.includeRemoved === 'true' });
    res.json({ items: items.map(knownAddressView) });
  });

  router.post('/', requireRole('admin'), requireJsonBody, async (req: Request, res: Response) => {
    const { address, unlinkedCases } = await knownAddresses.add(req.body, locals(res).principal!.actor);
    res.status(201).json({ ...knownAddressView(address), unlinkedCases });
  });

  router.delete('/:id', requireRole('admin'), async (req: Request, res: Response) => {
    const removed = await knownAddresses.remove(String(req.params.id), locals(res).principal!.actor);
    res.json(knownAddressView(removed));
  });

  return router;
}
