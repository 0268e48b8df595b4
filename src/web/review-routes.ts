// The security team's pages: dashboard, queue (and its CSV), case page and the case actions, which go through
// the same validation (changeSchema, noteSchema) and repository calls as PATCH /api/v1/cases/:id and its notes.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { describeIssues } from '../applicants/parse-applicant';
import type { ApiKeyService } from '../auth/api-keys';
import type { User, UserService } from '../auth/users';
import { userActor } from '../auth/users';
import type { CaseDashboard } from '../cases/case-dashboard';
import type { CaseRepository } from '../cases/case-repository';
import type { CaseSummary } from '../cases/case-types';
import type { CaseDecisions } from '../cases/decide-case';
import type { FindingReviewService } from '../cases/finding-dispositions';
import { AppError } from '../errors';
import { changeSchema, noteSchema } from '../http/routes/cases';
import { approveSchema, dispositionSchema, rejectSchema, storableText } from '../http/routes/finding-dispositions';
import type { LinkViews } from '../links/link-views';
import type { SanctionsEntry } from '../sanctions/types';
import { sanctionsStatusLabels } from '../scoring/sanctions-status';
import { csvLine } from './csv';
import { requireCsrf } from './csrf';
import { pageAccess } from './page-access';
import { readQueueQuery } from './queue-query';
import { casePage, VERIFICATION_OUTCOMES } from './views/case-page';
import { MASKED_FIELDS } from '../cases/masking';
import { dashboardPage } from './views/dashboard';
import { STATUS_LABELS } from './views/findings';
import { queuePage } from './views/queue';
import { webLocals } from './web-locals';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const QUEUE_PAGE_SIZE = 25;
const CSV_MAX_ROWS = 10_000;

export interface ReviewDeps {
  cases: CaseRepository;
  findingReview: FindingReviewService;
  decisions: CaseDecisions;
  dashboard: CaseDashboard;
  linkViews: LinkViews;
  users: UserService;
  /** Names API keys in the audit trail as the keys page does ("greenhouse-sync (hfrc_ab12cd34ef)"). */
  apiKeys: ApiKeyService;
  listedEntry: (uid: string) => SanctionsEntry | undefined;
  reviewSlaHours: number;
}

const verificationSchema = z.strictObject({
  indicator: z.string().regex(/^[a-z0-9_]{1,80}$/),
  outcome: z.enum(VERIFICATION_OUTCOMES.map(([value]) => value) as [string, ...string[]], { message: 'choose an outcome' }),
  note: storableText(2000),
});

const NOTICES: Record<string, string> = { verified: 'The check was recorded (a passed or failed check rescored the case).',  assigned: 'The assignment was changed.', status: 'The status was changed.', decided: 'The decision was recorded.', note: 'The note was added.', marked: 'The finding was marked and the case rescored.', awaiting: 'Recorded: it awaits a second reviewer’s approval. Nothing about the case has changed yet.', approved: 'Approved: the change was applied.', rejected: 'The request was rejected; the case is unchanged.' };

// A rule of src/cases/decide-case.ts refused the change: its field errors, shown beside the form's fields.
const fieldErrorsOf = (error: unknown): Record<string, string> | null =>
  error instanceof AppError && error.code === 'validation_failed' && error.details?.fields?.length ? Object.fromEntries(error.details.fields.map((field) => [field.path, field.message])) : null;

function pageContext(req: Request, res: Response) {
  const session = webLocals(res).session!;
  return { user: session.user, csrfToken: session.csrfToken, path: req.path };
}

const text = (req: Request, name: string): string => {
  const value = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
};

/** An API key as the keys page lists it: its name and prefix. */
export function apiKeyLabel(key: { name: string; prefix: string }): string {
  return `API key “${key.name}” (hfrc_${key.prefix})`;
}

export function reviewRoutes(deps: ReviewDeps): Router {
  const router = Router({ caseSensitive: true });
  const reviewers = pageAccess.roles('reviewer', 'admin');

  // Assignees are people who can work cases (reviewers and admins); audit actors are shown by e-mail.
  const isAssignable = (user: User) => user.role !== 'recruiter' && !user.disabledAt;
  const assignees = async () => (await deps.users.list()).filter(isAssignable).map((user) => user.email);
  const people = async () => {
    const [users, keys] = await Promise.all([deps.users.list(), deps.apiKeys.list()]);
    const byActor = new Map(users.map((user) => [userActor(user), user.email]));
    for (const key of keys) byActor.set(`apikey:${key.id}`, apiKeyLabel(key));
    const actorName = (actor: string) => byActor.get(actor) ?? (actor.startsWith('apikey:') ? `API key ${actor.slice(7, 15)}…` : actor.startsWith('system:') ? `the system (${actor.slice(7)})` : actor);
    return { actorName, assignees: users.filter(isAssignable).map((user) => user.email) };
  };

  router.get('/dashboard', reviewers, async (req: Request, res: Response) => {
    const dashboard = await deps.dashboard.read();
    res.type('html').send(dashboardPage(pageContext(req, res), dashboard, { now: Date.now(), slaHours: deps.reviewSlaHours }));
  });

  router.get('/queue', reviewers, async (req: Request, res: Response) => {
    const me = webLocals(res).session!.user.email;
    const now = Date.now();
    const { filters, list, errors } = readQueueQuery(req.query, me, { now, slaHours: deps.reviewSlaHours });
    const page = await deps.cases.list({ ...list, limit: QUEUE_PAGE_SIZE });
    const reasons = await deps.cases.topReasonsOf(page.items.map((item) => item.id));
    res
      .status(Object.keys(errors).length ? 400 : 200)
      .type('html')
      .send(queuePage(pageContext(req, res), { filters, errors, items: page.items, reasons, nextCursor: page.nextCursor, slaHours: deps.reviewSlaHours, now, assignees: await assignees() }));
  });

  router.get('/queue.csv', reviewers, async (req: Request, res: Response) => {
    const now = Date.now();
    const { list, errors } = readQueueQuery(req.query, webLocals(res).session!.user.email, { now, slaHours: deps.reviewSlaHours });
    if (Object.keys(errors).length) throw new AppError('validation_failed', `Invalid filter: ${Object.entries(errors).map(([key, message]) => `${key} ${message}`).join('; ')}`);
    res.type('text/csv; charset=utf-8').attachment(`review-queue-${new Date(now).toISOString().slice(0, 10)}.csv`);
    // A byte-order mark, so that spreadsheet programs read names in every script as UTF-8.
    res.write('\uFEFF');
    res.write(csvLine(['Case ID', 'Candidate', 'Source', 'External ID', 'Band', 'Score', 'Top reasons', 'Sanctions check', 'Status', 'Assigned to', 'Created (UTC)', 'Age (hours)', 'Over review time']));
    let cursor = list.cursor;
    let written = 0;
    do {
      const page = await deps.cases.list({ ...list, cursor, limit: 200 });
      const reasons = await deps.cases.topReasonsOf(page.items.map((item) => item.id));
      for (const item of page.items) {
        const ageHours = (now - Date.parse(item.createdAt)) / 3_600_000;
        const isOpen = ['open', 'in_review', 'escalated'].includes(item.status);
        res.write(csvLine([item.id, item.subjectName, item.source, item.externalId, item.band, item.score, (reasons.get(item.id) ?? []).join('; '), sanctionsStatusLabels[item.sanctionsStatus], STATUS_LABELS[item.status] ?? item.status, item.assignee, item.createdAt, ageHours.toFixed(1), isOpen && ageHours > deps.reviewSlaHours ? 'yes' : 'no']));
      }
      written += page.items.length;
      cursor = page.nextCursor ?? undefined;
    } while (cursor && written < CSV_MAX_ROWS);
    res.end();
  });

  // The case after this one in the queue's default order (open cases, highest score first); from a decided case, the top one.
  async function nextInQueue(detail: CaseSummary, me: string): Promise<string | null> {
    const { list } = readQueueQuery({}, me);
    const isInQueue = list.statuses?.includes(detail.status) ?? true;
    const page = await deps.cases.list({ ...list, limit: 2, cursor: isInQueue ? detail.id : undefined });
    return page.items.find((item) => item.id !== detail.id)?.id ?? null;
  }

  async function renderCase(req: Request, res: Response, id: string, extra: { status?: number; errors?: { form: string; fields: Record<string, string>; values: Record<string, string> }; notice?: string; isRevealed?: boolean } = {}) {
    const detail = UUID.test(id) ? await deps.cases.findDetail(id) : null;
    if (!detail) throw new AppError('not_found', 'No case with this id.');
    // A farm is one group per shared value, a page of its members at a time (?linksAfter= the next page).
    const linksAfter = typeof req.query.linksAfter === 'string' && UUID.test(req.query.linksAfter) ? req.query.linksAfter : undefined;
    const [links, { actorName, assignees: assignable }, nextCaseId] = await Promise.all([deps.linkViews.linksOf(id, { after: linksAfter }), people(), nextInQueue(detail, webLocals(res).session!.user.email)]);
    res
      .status(extra.status ?? 200)
      .type('html')
      .send(
        casePage(pageContext(req, res), {
          detail,
          links,
          listedEntry: deps.listedEntry,
          actorName,
          assignees: assignable,
          me: webLocals(res).session!.user.email,
          slaHours: deps.reviewSlaHours,
          now: Date.now(),
          errors: extra.errors,
          notice: extra.notice,
          isRevealed: extra.isRevealed,
          nextCaseId,
        }),
      );
  }

  router.get('/cases/:id', reviewers, (req: Request, res: Response) => renderCase(req, res, String(req.params.id), { notice: NOTICES[String(req.query.done ?? '')] }));

  // One handler per form; a validation error re-renders the case with the message beside the form's field.
  async function change(req: Request, res: Response, form: string, input: Record<string, unknown>, done: string, options: { shareReasonWithRecruiter?: boolean } = {}) {
    const id = String(req.params.id);
    const parsed = changeSchema.safeParse(input, { reportInput: true });
    if (!parsed.success) {
      const fields = Object.fromEntries(describeIssues(parsed.error.issues, 'case change').map((problem) => [problem.path, problem.message]));
      const values = Object.fromEntries(Object.entries(input).map(([key, value]) => [key, String(value ?? '')]));
      if (options.shareReasonWithRecruiter) values.shareReason = 'yes';
      await renderCase(req, res, id, { status: 400, errors: { form, fields, values } });
      return;
    }
    const values = Object.fromEntries(Object.entries(input).map(([key, value]) => [key, String(value ?? '')]));
    if (options.shareReasonWithRecruiter) values.shareReason = 'yes';
    let result;
    try {
      result = UUID.test(id) ? await deps.decisions.change(id, { ...parsed.data, ...options }, userActor(webLocals(res).session!.user)) : null;
    } catch (error) {
      const fields = fieldErrorsOf(error);
      if (!fields) throw error;
      await renderCase(req, res, id, { status: 400, errors: { form, fields, values } });
      return;
    }
    if (!result) throw new AppError('not_found', 'No case with this id.');
    res.redirect(303, `/cases/${id}?done=${result.kind === 'awaiting_second_review' ? 'awaiting' : done}`);
  }

  router.post('/cases/:id/assign', reviewers, requireCsrf, (req: Request, res: Response) => change(req, res, 'assign', { assignee: text(req, 'assignee').trim() || null }, 'assigned'));

  router.post('/cases/:id/status', reviewers, requireCsrf, (req: Request, res: Response) => {
    const isDecision = text(req, 'form') === 'decide';
    const input: Record<string, unknown> = { status: text(req, 'status') || undefined };
    // Reopening a decided case carries its reason (required by the rule in src/cases/decide-case.ts).
    if (!isDecision) return change(req, res, 'status', text(req, 'reason').trim() ? { ...input, reason: text(req, 'reason') } : input, 'status');
    input.reason = text(req, 'reason').trim() ? text(req, 'reason') : undefined;
    // A decision form must carry a decision: other statuses go through the status form.
    if (input.status !== 'cleared' && input.status !== 'confirmed_fraud') {
      const fields: Record<string, string> = { status: 'choose Cleared or Confirmed fraud' };
      if (!input.reason) fields.reason = 'is required for a decision';
      return renderCase(req, res, String(req.params.id), { status: 400, errors: { form: 'decide', fields, values: { status: '', reason: text(req, 'reason'), shareReason: text(req, 'shareReason') } } });
    }
    // Whether the recruiter reads the reason is the reviewer's choice, kept in the decision's audit event.
    return change(req, res, 'decide', input, 'decided', { shareReasonWithRecruiter: text(req, 'shareReason') === 'yes' });
  });

  // Each reveal is an audit event, and shows the values in this answer only (a later GET is masked again).
  router.post('/cases/:id/reveal', reviewers, requireCsrf, async (req: Request, res: Response) => {
    const id = String(req.params.id);
    const event = UUID.test(id) ? await deps.cases.recordReveal(id, userActor(webLocals(res).session!.user), MASKED_FIELDS) : null;
    if (!event) throw new AppError('not_found', 'No case with this id.');
    await renderCase(req, res, id, { isRevealed: true });
  });

  // A check done for a finding and its outcome, an audit event; passed clears the finding, failed confirms it (rescored).
  // recordCheck() also answers 404 when the case went away meanwhile.
  router.post('/cases/:id/verifications', reviewers, requireCsrf, async (req: Request, res: Response) => {
    const id = String(req.params.id);
    const detail = UUID.test(id) ? await deps.cases.findDetail(id) : null;
    if (!detail) throw new AppError('not_found', 'No case with this id.');
    const indicators = new Set(detail.screenings[0]?.findings.map((finding) => finding.indicator) ?? []);
    const input = { indicator: text(req, 'indicator'), outcome: text(req, 'outcome'), note: text(req, 'note') };
    const parsed = verificationSchema.safeParse(input);
    if (!indicators.has(input.indicator)) throw new AppError('validation_failed', 'The latest screening has no such finding.');
    if (!parsed.success) {
      const fields = Object.fromEntries(describeIssues(parsed.error.issues, 'check').map((problem) => [problem.path, problem.message]));
      await renderCase(req, res, id, { status: 400, errors: { form: `verify:${input.indicator}`, fields, values: input } });
      return;
    }
    const recorded = await deps.decisions.recordCheck(id, parsed.data, userActor(webLocals(res).session!.user));
    res.redirect(303, `/cases/${id}?done=${recorded.kind === 'awaiting_second_review' ? 'awaiting' : 'verified'}#finding-${parsed.data.indicator}`);
  });

  // A finding (or one hit of it) marked false positive or confirmed, with a reason: stored, audited, rescored at once.
  router.post('/cases/:id/findings/:indicator/disposition', reviewers, requireCsrf, async (req: Request, res: Response) => {
    const id = String(req.params.id);
    const indicator = String(req.params.indicator);
    const detail = UUID.test(id) ? await deps.cases.findDetail(id) : null;
    if (!detail) throw new AppError('not_found', 'No case with this id.');
    if (!detail.screenings[0]?.findings.some((finding) => finding.indicator === indicator)) throw new AppError('validation_failed', 'The latest screening has no such finding.');
    const input = { disposition: text(req, 'disposition'), reason: text(req, 'reason'), subject: text(req, 'subject') };
    const parsed = dispositionSchema.safeParse({ ...input, subject: input.subject || undefined });
    if (!parsed.success) {
      const fields = Object.fromEntries(describeIssues(parsed.error.issues, 'mark').map((problem) => [problem.path, problem.message]));
      await renderCase(req, res, id, { status: 400, errors: { form: `mark:${indicator}`, fields, values: input } });
      return;
    }
    const result = await deps.decisions.mark(id, { indicator, ...parsed.data }, userActor(webLocals(res).session!.user));
    res.redirect(303, result.kind === 'awaiting_second_review' ? `/cases/${id}?done=awaiting#second-review` : `/cases/${id}?done=marked#finding-${indicator}`);
  });

  // Four eyes: a different reviewer approves the held change (applied at once); anyone may reject it with a reason.
  for (const decision of ['approve', 'reject'] as const) {
    router.post(`/cases/:id/approvals/:approvalId/${decision}`, reviewers, requireCsrf, async (req: Request, res: Response) => {
      const id = String(req.params.id);
      const approvalId = String(req.params.approvalId);
      if (!UUID.test(id) || !UUID.test(approvalId)) throw new AppError('not_found', 'No case with this id.');
      const form = `approval:${approvalId}`;
      const reason = text(req, 'reason').trim() ? text(req, 'reason') : undefined;
      const parsed = (decision === 'approve' ? approveSchema : rejectSchema).safeParse({ reason });
      if (!parsed.success) {
        const fields = Object.fromEntries(describeIssues(parsed.error.issues, 'second review').map((problem) => [problem.path, problem.path === 'reason' && !reason ? 'is required: say why' : problem.message]));
        await renderCase(req, res, id, { status: 400, errors: { form, fields, values: { reason: text(req, 'reason') } } });
        return;
      }
      const actor = userActor(webLocals(res).session!.user);
      try {
        if (decision === 'approve') await deps.decisions.approve(id, approvalId, actor, parsed.data.reason);
        else await deps.decisions.reject(id, approvalId, actor, parsed.data.reason!);
      } catch (error) {
        // The requester approving their own request, or a request already decided: said beside the request.
        if (!(error instanceof AppError) || (error.code !== 'forbidden' && error.code !== 'conflict')) throw error;
        await renderCase(req, res, id, { status: error.httpStatus, errors: { form, fields: { approval: error.message }, values: {} } });
        return;
      }
      res.redirect(303, `/cases/${id}?done=${decision === 'approve' ? 'approved' : 'rejected'}`);
    });
  }

  router.post('/cases/:id/notes', reviewers, requireCsrf, async (req: Request, res: Response) => {
    const id = String(req.params.id);
    const parsed = noteSchema.safeParse({ text: text(req, 'text') });
    if (!parsed.success) {
      const fields = Object.fromEntries(describeIssues(parsed.error.issues, 'note').map((problem) => [problem.path, problem.message]));
      await renderCase(req, res, id, { status: 400, errors: { form: 'note', fields, values: { text: text(req, 'text') } } });
      return;
    }
    const event = UUID.test(id) ? await deps.cases.addNote(id, parsed.data.text, userActor(webLocals(res).session!.user)) : null;
    if (!event) throw new AppError('not_found', 'No case with this id.');
    res.redirect(303, `/cases/${id}?done=note#timeline`);
  });

  return router;
}
