// POST /api/v1/cases/:id/findings/:indicator/disposition: a reviewer marks a finding (or one hit of it) as a false
// positive or confirmed; stored, audited and honoured at once by a rescoring of the case.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { describeIssues } from '../../applicants/parse-applicant';
import type { CaseDecisions } from '../../cases/decide-case';
import { AppError } from '../../errors';
import { catalogue } from '../../scoring/catalogue';
import { requireRole } from '../auth';
import { requireJsonBody } from '../json-body';
import { locals } from '../../request-context';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const indicatorIds = new Set(catalogue.map((indicator) => indicator.id));
// PostgreSQL keeps neither NUL nor an unpaired surrogate: refused by field rather than failing the insert.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Text a reviewer types, trimmed, 1..max characters, and storable in PostgreSQL. */
export const storableText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((value) => !value.includes('\u0000') && !LONE_SURROGATE.test(value), 'contains a character that cannot be stored (NUL or a lone surrogate)');

/** The body reviewers send; `cleared_by_check` and `confirmed_by_check` come only from recorded checks. */
export const dispositionSchema = z.strictObject({
  disposition: z.enum(['false_positive', 'confirmed'], { message: 'must be false_positive or confirmed' }),
  reason: storableText(2000),
  subject: storableText(200).optional(),
});

/** A second reviewer's approval (a note is optional) or rejection (a reason is required). */
export const approveSchema = z.strictObject({ reason: storableText(2000).optional() });
export const rejectSchema = z.strictObject({ reason: storableText(2000) });

export function findingDispositionRoutes(decisions: CaseDecisions): Router {
  const router = Router({ caseSensitive: true });

  router.post('/:id/findings/:indicator/disposition', requireRole('reviewer', 'admin'), requireJsonBody, async (req: Request, res: Response) => {
    const id = String(req.params.id);
    const indicator = String(req.params.indicator);
    if (!UUID.test(id)) throw new AppError('not_found', 'No case with this id');
    if (!indicatorIds.has(indicator)) throw new AppError('not_found', `No indicator "${indicator}" (see docs/indicators.md)`);
    const parsed = dispositionSchema.safeParse(req.body, { reportInput: true });
    if (!parsed.success) throw new AppError('validation_failed', 'Invalid disposition', { fields: describeIssues(parsed.error.issues, 'disposition') });
    const result = await decisions.mark(id, { indicator, ...parsed.data }, locals(res).principal!.actor);
    // A sanctions hit marked false positive waits for a second reviewer: nothing is rescored yet.
    if (result.kind === 'awaiting_second_review') {
      res.status(202).json({ awaitingSecondReview: true, approval: result.approval });
      return;
    }
    res.status(201).json(result.outcome);
  });

  // Four eyes: a different reviewer approves a held clearing or false positive (applied at once), or anyone rejects it.
  for (const decision of ['approve', 'reject'] as const) {
    router.post(`/:id/approvals/:approvalId/${decision}`, requireRole('reviewer', 'admin'), requireJsonBody, async (req: Request, res: Response) => {
      const id = String(req.params.id);
      const approvalId = String(req.params.approvalId);
      if (!UUID.test(id) || !UUID.test(approvalId)) throw new AppError('not_found', 'No such request for a second review');
      const parsed = (decision === 'approve' ? approveSchema : rejectSchema).safeParse(req.body, { reportInput: true });
      if (!parsed.success) throw new AppError('validation_failed', `Invalid ${decision === 'approve' ? 'approval' : 'rejection'}`, { fields: describeIssues(parsed.error.issues, 'second review') });
      const actor = locals(res).principal!.actor;
      const result = decision === 'approve' ? await decisions.approve(id, approvalId, actor, parsed.data.reason) : await decisions.reject(id, approvalId, actor, parsed.data.reason!);
      res.json(result);
    });
  }

  return router;
}
