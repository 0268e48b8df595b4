// The case page's forms on one finding: a check done for it (passed clears it, failed confirms it) and a reviewer's
// judgement (false positive or confirmed). The judgement takes the API's input schema (src/cases/mark-finding.ts);
// both are rescored at once, or held for a second reviewer (src/cases/decide-case.ts).
import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import { markFinding } from '../cases/mark-finding';
import { storableText } from '../cases/reviewer-text';
import { AppError } from '../errors';
import { isUuid } from '../validation/request';
import { requireCsrf } from './csrf';
import { pageAccess } from './page-access';
import { actorOf, fieldMessages, text, type RenderCase, type ReviewDeps } from './review-pages';
import { VERIFICATION_OUTCOMES } from './views/case-page';

const verificationSchema = z.strictObject({
  indicator: z.string().regex(/^[a-z0-9_]{1,80}$/),
  outcome: z.enum(VERIFICATION_OUTCOMES.map(([value]) => value) as [string, ...string[]], {
    message: 'choose an outcome',
  }),
  note: storableText(2000),
});

const NO_SUCH_FINDING = 'The latest screening has no such finding.';

export function registerFindingRoutes(router: Router, deps: ReviewDeps, renderCase: RenderCase): void {
  const mayJudge = pageAccess.roles(...markFinding.roles);

  async function latestIndicators(id: string): Promise<Set<string>> {
    const detail = isUuid(id) ? await deps.cases.findDetail(id) : null;
    if (!detail) throw new AppError('not_found', 'No case with this id.');
    return new Set(detail.screenings[0]?.findings.map((finding) => finding.indicator) ?? []);
  }

  // A check done for a finding and its outcome, an audit event; passed clears the finding, failed confirms it (rescored).
  // recordCheck() also answers 404 when the case went away meanwhile.
  router.post('/cases/:id/verifications', mayJudge, requireCsrf, async (req: Request, res: Response) => {
    const id = String(req.params.id);
    const indicators = await latestIndicators(id);
    const input = { indicator: text(req, 'indicator'), outcome: text(req, 'outcome'), note: text(req, 'note') };
    const parsed = verificationSchema.safeParse(input);
    if (!indicators.has(input.indicator)) throw new AppError('validation_failed', NO_SUCH_FINDING);
    if (!parsed.success)
      return renderCase(req, res, id, {
        status: 400,
        errors: {
          form: `verify:${input.indicator}`,
          fields: fieldMessages(parsed.error.issues, 'check'),
          values: input,
        },
      });
    const recorded = await deps.decisions.recordCheck(id, parsed.data, actorOf(res));
    res.redirect(
      303,
      `/cases/${id}?done=${recorded.kind === 'awaiting_second_review' ? 'awaiting' : 'verified'}#finding-${parsed.data.indicator}`,
    );
  });

  // A finding (or one hit of it) marked false positive or confirmed, with a reason: stored, audited, rescored at once.
  router.post(
    '/cases/:id/findings/:indicator/disposition',
    mayJudge,
    requireCsrf,
    async (req: Request, res: Response) => {
      const id = String(req.params.id);
      const indicator = String(req.params.indicator);
      if (!(await latestIndicators(id)).has(indicator)) throw new AppError('validation_failed', NO_SUCH_FINDING);
      const input = {
        disposition: text(req, 'disposition'),
        reason: text(req, 'reason'),
        subject: text(req, 'subject'),
      };
      const parsed = markFinding.input.safeParse({ ...input, subject: input.subject || undefined });
      if (!parsed.success)
        return renderCase(req, res, id, {
          status: 400,
          errors: { form: `mark:${indicator}`, fields: fieldMessages(parsed.error.issues, 'mark'), values: input },
        });
      const result = await deps.decisions.mark(id, { indicator, ...parsed.data }, actorOf(res));
      res.redirect(
        303,
        result.kind === 'awaiting_second_review'
          ? `/cases/${id}?done=awaiting#second-review`
          : `/cases/${id}?done=marked#finding-${indicator}`,
      );
    },
  );
}
