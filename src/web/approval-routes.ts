// Four eyes on the case page: a different reviewer approves the held change (applied at once); anyone may reject it
// with a reason. The same input schemas and rules as the API (src/cases/decide-approval.ts, decide-case.ts).
import type { Router } from 'express';
import { approveChange, rejectChange } from '../cases/decide-approval';
import { AppError } from '../errors';
import { describeIssues } from '../validation/field-problems';
import { isUuid } from '../validation/request';
import { actorOf, postCaseForm, text, type RenderCase, type ReviewDeps } from './review-pages';

export function registerApprovalRoutes(router: Router, deps: ReviewDeps, renderCase: RenderCase): void {
  for (const decision of ['approve', 'reject'] as const) {
    const action = decision === 'approve' ? approveChange : rejectChange;
    postCaseForm(router, `/cases/:id/approvals/:approvalId/${decision}`, action, async (req, res, id) => {
      const approvalId = String(req.params.approvalId);
      if (!isUuid(id) || !isUuid(approvalId)) throw new AppError('not_found', 'No case with this id.');
      const form = `approval:${approvalId}`;
      const reason = text(req, 'reason').trim() ? text(req, 'reason') : undefined;
      const parsed = action.input.safeParse({ reason });
      if (!parsed.success) {
        const fields = Object.fromEntries(
          describeIssues(parsed.error.issues, 'second review').map((problem) => [
            problem.path,
            problem.path === 'reason' && !reason ? 'is required: say why' : problem.message,
          ]),
        );
        return renderCase(req, res, id, {
          status: 400,
          errors: { form, fields, values: { reason: text(req, 'reason') } },
        });
      }
      try {
        if (decision === 'approve') await deps.decisions.approve(id, approvalId, actorOf(res), parsed.data.reason);
        else await deps.decisions.reject(id, approvalId, actorOf(res), parsed.data.reason!);
      } catch (error) {
        // The requester approving their own request, or a request already decided: said beside the request.
        if (!(error instanceof AppError) || (error.code !== 'forbidden' && error.code !== 'conflict')) throw error;
        return renderCase(req, res, id, {
          status: error.httpStatus,
          errors: { form, fields: { approval: error.message }, values: {} },
        });
      }
      res.redirect(303, `/cases/${id}?done=${decision === 'approve' ? 'approved' : 'rejected'}`);
    });
  }
}
