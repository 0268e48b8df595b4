// POST /api/v1/cases/:id/findings/:indicator/disposition: a reviewer marks a finding (or one hit of it) as a false
// positive or confirmed; stored, audited and honoured at once by a rescoring of the case.
import { Router, type Request, type Response } from 'express';
import { describeIssues } from '../../applicants/parse-applicant';
import { approveChange, rejectChange } from '../../cases/decide-approval';
import type { CaseDecisions } from '../../cases/decide-case';
import { markFinding } from '../../cases/mark-finding';
import { AppError } from '../../errors';
import { catalogue } from '../../scoring/catalogue';
import { requireRole } from '../auth';
import { requireJsonBody } from '../json-body';
import { locals } from '../../request-context';
import { isUuid, validateBody } from '../../validation/request';

const indicatorIds = new Set(catalogue.map((indicator) => indicator.id));
export function findingDispositionRoutes(decisions: CaseDecisions): Router {
  const router = Router({ caseSensitive: true });

  router.post(
    '/:id/findings/:indicator/disposition',
    requireRole(...markFinding.roles),
    requireJsonBody,
    async (req: Request, res: Response) => {
      const id = String(req.params.id);
      const indicator = String(req.params.indicator);
      if (!isUuid(id)) throw new AppError('not_found', 'No case with this id');
      if (!indicatorIds.has(indicator))
        throw new AppError('not_found', `No indicator "${indicator}" (see docs/indicators.md)`);
      const input = validateBody(markFinding.input, req.body, 'disposition');
      const result = await decisions.mark(id, { indicator, ...input }, locals(res).principal!.actor);
      // A sanctions hit marked false positive waits for a second reviewer: nothing is rescored yet.
      if (result.kind === 'awaiting_second_review') {
        res.status(202).json({ awaitingSecondReview: true, approval: result.approval });
        return;
      }
      res.status(201).json(result.outcome);
    },
  );

  // Four eyes: a different reviewer approves a held clearing or false positive (applied at once), or anyone rejects it.
  for (const decision of ['approve', 'reject'] as const) {
    router.post(
      `/:id/approvals/:approvalId/${decision}`,
      requireRole(...(decision === 'approve' ? approveChange : rejectChange).roles),
      requireJsonBody,
      async (req: Request, res: Response) => {
        const id = String(req.params.id);
        const approvalId = String(req.params.approvalId);
        if (!isUuid(id) || !isUuid(approvalId)) throw new AppError('not_found', 'No such request for a second review');
        const parsed = (decision === 'approve' ? approveChange : rejectChange).input.safeParse(req.body, {
          reportInput: true,
        });
        if (!parsed.success)
          throw new AppError('validation_failed', `Invalid ${decision === 'approve' ? 'approval' : 'rejection'}`, {
            fields: describeIssues(parsed.error.issues, 'second review'),
          });
        const actor = locals(res).principal!.actor;
        const result =
          decision === 'approve'
            ? await decisions.approve(id, approvalId, actor, parsed.data.reason)
            : await decisions.reject(id, approvalId, actor, parsed.data.reason!);
        res.json(result);
      },
    );
  }

  return router;
}
