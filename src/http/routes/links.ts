// Links between cases: GET /api/v1/cases/:id/links, GET /api/v1/cases/:id/cluster and GET /api/v1/clusters (reviewers and admins).
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { CaseRepository } from '../../cases/case-repository';
import { AppError } from '../../errors';
import type { LinkViews } from '../../links/link-views';
import { isUuid, validateQuery } from '../../validation/request';
import { requireRole } from '../auth';

export const clusterQuery = z.strictObject({
  minSize: z.coerce.number().int().min(2).max(10_000).default(2),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const linksQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  after: z.string().refine(isUuid, "must be a case id (a group's nextAfter)").optional(),
});

async function existingCaseId(req: Request, cases: CaseRepository): Promise<string> {
  const id = String(req.params.id);
  if (!isUuid(id) || !(await cases.exists(id))) throw new AppError('not_found', 'No case with this id');
  return id;
}

// Linked cases carry other applicants' names: recruiters, who see only their own cases, get none of it.
export function caseLinkRoutes(links: LinkViews, cases: CaseRepository): Router {
  const router = Router({ caseSensitive: true });
  router.get('/:id/links', requireRole('reviewer', 'admin'), async (req: Request, res: Response) => {
    const page = validateQuery(linksQuery, req.query);
    res.json(await links.linksOf(await existingCaseId(req, cases), page));
  });
  router.get('/:id/cluster', requireRole('reviewer', 'admin'), async (req: Request, res: Response) => {
    res.json(await links.clusterOfCase(await existingCaseId(req, cases)));
  });
  return router;
}

export function clusterRoutes(links: LinkViews): Router {
  const router = Router({ caseSensitive: true });
  router.get('/', requireRole('reviewer', 'admin'), async (req: Request, res: Response) => {
    const query = validateQuery(clusterQuery, req.query);
    res.json({ items: await links.clusters(query.minSize, query.limit) });
  });
  return router;
}
