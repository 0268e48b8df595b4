// The security team's pages, registered in one place: dashboard and queue (queue-routes.ts), the case page and its
// reveal (here), and the case forms (case-form-routes.ts, finding-routes.ts, approval-routes.ts), which take the same
// input schemas and access rules as the API (src/cases/*-case.ts, mark-finding.ts, decide-approval.ts).
import { Router, type Request, type Response } from 'express';
import { CASE_WORKERS } from '../cases/case-access';
import { MASKED_FIELDS } from '../cases/masking';
import { revealCase } from '../cases/reveal-case';
import { AppError } from '../errors';
import { isUuid } from '../validation/request';
import { registerApprovalRoutes } from './approval-routes';
import { registerCaseFormRoutes } from './case-form-routes';
import { registerFindingRoutes } from './finding-routes';
import { pageAccess } from './page-access';
import { registerQueueRoutes } from './queue-routes';
import { actorOf, caseRenderer, postCaseForm, type ReviewDeps } from './review-pages';

const NOTICES: Record<string, string> = {
  verified: 'The check was recorded (a passed or failed check rescored the case).',
  assigned: 'The assignment was changed.',
  status: 'The status was changed.',
  decided: 'The decision was recorded.',
  note: 'The note was added.',
  marked: 'The finding was marked and the case rescored.',
  awaiting: 'Recorded: it awaits a second reviewer’s approval. Nothing about the case has changed yet.',
  approved: 'Approved: the change was applied.',
  rejected: 'The request was rejected; the case is unchanged.',
};

export function reviewRoutes(deps: ReviewDeps): Router {
  const router = Router({ caseSensitive: true });
  const renderCase = caseRenderer(deps);
  registerQueueRoutes(router, deps, pageAccess.roles(...CASE_WORKERS));

  router.get('/cases/:id', pageAccess.roles(...CASE_WORKERS), (req: Request, res: Response) =>
    renderCase(req, res, String(req.params.id), { notice: NOTICES[String(req.query.done ?? '')] }),
  );

  // Each reveal is an audit event, and shows the values in this answer only (a later GET is masked again).
  postCaseForm(router, '/cases/:id/reveal', revealCase, async (req, res, id) => {
    const event = isUuid(id) ? await deps.cases.recordReveal(id, actorOf(res), MASKED_FIELDS) : null;
    if (!event) throw new AppError('not_found', 'No case with this id.');
    await renderCase(req, res, id, { isRevealed: true });
  });

  registerCaseFormRoutes(router, deps, renderCase);
  registerFindingRoutes(router, deps, renderCase);
  registerApprovalRoutes(router, deps, renderCase);
  return router;
}
