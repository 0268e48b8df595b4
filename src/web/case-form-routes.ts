// The case page's forms that change a case: assignment, status and decision, and notes. Each goes through the same
// input schema and access rule as the API (src/cases/change-case.ts, note-case.ts); a refusal re-renders the case with
// the message beside the form's field, a success redirects to the case with a notice.
import type { Request, Response, Router } from 'express';
import { changeCase } from '../cases/change-case';
import { noteCase } from '../cases/note-case';
import { AppError } from '../errors';
import { isUuid } from '../validation/request';
import { requireCsrf } from './csrf';
import { pageAccess } from './page-access';
import {
  actorOf,
  fieldErrorsOf,
  fieldMessages,
  postCaseForm,
  text,
  type RenderCase,
  type ReviewDeps,
} from './review-pages';

type ChangeOptions = { shareReasonWithRecruiter?: boolean };

export function registerCaseFormRoutes(router: Router, deps: ReviewDeps, renderCase: RenderCase): void {
  const mayChange = pageAccess.roles(...changeCase.roles);

  // One handler per form; a validation error re-renders the case with the message beside the form's field.
  async function change(
    req: Request,
    res: Response,
    form: string,
    input: Record<string, unknown>,
    done: string,
    options: ChangeOptions = {},
  ) {
    const id = String(req.params.id);
    const values = Object.fromEntries(Object.entries(input).map(([key, value]) => [key, String(value ?? '')]));
    if (options.shareReasonWithRecruiter) values.shareReason = 'yes';
    const parsed = changeCase.input.safeParse(input, { reportInput: true });
    if (!parsed.success)
      return renderCase(req, res, id, {
        status: 400,
        errors: { form, fields: fieldMessages(parsed.error.issues, 'case change'), values },
      });
    let result;
    try {
      result = isUuid(id) ? await deps.decisions.change(id, { ...parsed.data, ...options }, actorOf(res)) : null;
    } catch (error) {
      const fields = fieldErrorsOf(error);
      if (!fields) throw error;
      return renderCase(req, res, id, { status: 400, errors: { form, fields, values } });
    }
    if (!result) throw new AppError('not_found', 'No case with this id.');
    res.redirect(303, `/cases/${id}?done=${result.kind === 'awaiting_second_review' ? 'awaiting' : done}`);
  }

  router.post('/cases/:id/assign', mayChange, requireCsrf, (req: Request, res: Response) =>
    change(req, res, 'assign', { assignee: text(req, 'assignee').trim() || null }, 'assigned'),
  );

  router.post('/cases/:id/status', mayChange, requireCsrf, (req: Request, res: Response) => {
    const isDecision = text(req, 'form') === 'decide';
    const input: Record<string, unknown> = { status: text(req, 'status') || undefined };
    // Reopening a decided case carries its reason (required by the rule in src/cases/decide-case.ts).
    if (!isDecision)
      return change(
        req,
        res,
        'status',
        text(req, 'reason').trim() ? { ...input, reason: text(req, 'reason') } : input,
        'status',
      );
    input.reason = text(req, 'reason').trim() ? text(req, 'reason') : undefined;
    // A decision form must carry a decision: other statuses go through the status form.
    if (input.status !== 'cleared' && input.status !== 'confirmed_fraud') {
      const fields: Record<string, string> = { status: 'choose Cleared or Confirmed fraud' };
      if (!input.reason) fields.reason = 'is required for a decision';
      return renderCase(req, res, String(req.params.id), {
        status: 400,
        errors: {
          form: 'decide',
          fields,
          values: { status: '', reason: text(req, 'reason'), shareReason: text(req, 'shareReason') },
        },
      });
    }
    // Whether the recruiter reads the reason is the reviewer's choice, kept in the decision's audit event.
    return change(req, res, 'decide', input, 'decided', {
      shareReasonWithRecruiter: text(req, 'shareReason') === 'yes',
    });
  });

  postCaseForm(router, '/cases/:id/notes', noteCase, async (req, res, id) => {
    const parsed = noteCase.input.safeParse({ text: text(req, 'text') });
    if (!parsed.success)
      return renderCase(req, res, id, {
        status: 400,
        errors: {
          form: 'note',
          fields: fieldMessages(parsed.error.issues, 'note'),
          values: { text: text(req, 'text') },
        },
      });
    const event = isUuid(id) ? await deps.cases.addNote(id, parsed.data.text, actorOf(res)) : null;
    if (!event) throw new AppError('not_found', 'No case with this id.');
    res.redirect(303, `/cases/${id}?done=note#timeline`);
  });
}
