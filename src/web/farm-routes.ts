// The farm view for the security team: shared values held by the most cases (GET /farms) and one value's members
// (GET /farms/:kind/:valueId), both paged by keyset so that a farm of thousands never makes one huge page.
import { Router, type Request, type Response } from 'express';
import { AppError } from '../errors';
import { decodeGroupCursor, encodeGroupCursor, type FarmQueries } from '../links/farms';
import { CLUSTER_KINDS } from '../links/link-store';
import { cursorParam, encodeCursor } from '../validation/request';
import { pageAccess } from './page-access';
import { farmGroupPage, farmsPage } from './views/farms';
import { pageContext } from './web-locals';

const VALUE_ID = /^[0-9a-f]{12}$/;

// A cursor these pages did not write is a bad request, said in words (as the queue's filters are).
const badCursor = () =>
  new AppError('validation_failed', 'This page link is not valid any more: start again from the first page.');

export function farmRoutes(farms: FarmQueries): Router {
  const router = Router({ caseSensitive: true });
  const reviewers = pageAccess.roles('reviewer', 'admin');

  router.get('/farms', reviewers, async (req: Request, res: Response) => {
    const raw = req.query.after;
    const after = raw === undefined ? undefined : typeof raw === 'string' ? decodeGroupCursor(raw) : null;
    if (after === null) throw badCursor();
    const { groups, nextCursor } = await farms.groups(after);
    res.type('html').send(
      farmsPage(pageContext(req, res), {
        groups,
        nextCursor: nextCursor ? encodeGroupCursor(nextCursor) : null,
        isFirstPage: !after,
      }),
    );
  });

  router.get('/farms/:kind/:valueId', reviewers, async (req: Request, res: Response) => {
    const kind = String(req.params.kind);
    const valueId = String(req.params.valueId);
    const raw = req.query.after;
    const after = raw === undefined ? undefined : cursorParam.safeParse(raw).data;
    if (raw !== undefined && after === undefined) throw badCursor();
    const found =
      CLUSTER_KINDS.includes(kind) && VALUE_ID.test(valueId) ? await farms.group(kind, valueId, after) : null;
    if (!found) throw new AppError('not_found', 'No value with this name is shared by two or more cases.');
    res.type('html').send(
      farmGroupPage(pageContext(req, res), {
        group: found.group,
        members: found.page.items,
        nextCursor: encodeCursor(found.page.nextCursor),
        isFirstPage: !after,
      }),
    );
  });

  return router;
}
