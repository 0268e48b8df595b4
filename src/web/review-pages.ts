// What the security team's pages share: their services, form fields and field errors, the people
// shown (assignees, audit actors) and the case page's renderer, which every case form re-renders on a refusal.
import type { Request, Response, Router } from 'express';
import type { Role } from '../auth/api-keys';
import type { z } from 'zod';
import type { ApiKeyService } from '../auth/api-keys';
import type { User, UserService } from '../auth/users';
import { userActor } from '../auth/users';
import { CASE_WORKERS } from '../cases/case-access';
import type { CaseDashboard } from '../cases/case-dashboard';
import type { CaseRepository } from '../cases/case-repository';
import type { CaseSummary } from '../cases/case-types';
import type { CaseDecisions } from '../cases/decide-case';
import type { FindingReviewService } from '../cases/finding-dispositions';
import { AppError } from '../errors';
import type { LinkViews } from '../links/link-views';
import type { SanctionsEntry } from '../sanctions/types';
import { describeIssues } from '../validation/field-problems';
import { isUuid } from '../validation/request';
import { requireCsrf } from './csrf';
import { pageAccess } from './page-access';
import { readQueueQuery } from './queue-query';
import { casePage } from './views/case-page';
import { pageContext, webLocals } from './web-locals';

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

/** A refused form: which one, its fields' messages, and the values to show again. */
export interface FormErrors {
  form: string;
  fields: Record<string, string>;
  values: Record<string, string>;
}

export interface CaseRenderOptions {
  status?: number;
  errors?: FormErrors;
  notice?: string;
  isRevealed?: boolean;
}

/** Renders the case page (404 when there is no such case): after a GET, a reveal, or a refused form. */
export type RenderCase = (req: Request, res: Response, id: string, options?: CaseRenderOptions) => Promise<void>;

/** The signed-in reviewer as the audit trail names them. */
export const actorOf = (res: Response): string => userActor(webLocals(res).session!.user);

/** A form field as sent ('' when absent or not text). */
export const text = (req: Request, name: string): string => {
  const value = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
};

/** zod's issues as one message per form field. */
export const fieldMessages = (issues: z.core.$ZodIssue[], subject: string): Record<string, string> =>
  Object.fromEntries(describeIssues(issues, subject).map((problem) => [problem.path, problem.message]));

// A rule of src/cases/decide-case.ts refused the change: its field errors, shown beside the form's fields.
export const fieldErrorsOf = (error: unknown): Record<string, string> | null =>
  error instanceof AppError && error.code === 'validation_failed' && error.details?.fields?.length
    ? Object.fromEntries(error.details.fields.map((field) => [field.path, field.message]))
    : null;

/** An API key as the keys page lists it: its name and prefix. */
/** A form posted from the case page: for the roles `operation` allows, its form token checked; `handle` gets the id. */
export function postCaseForm(
  router: Router,
  path: string,
  operation: { roles: readonly Role[] },
  handle: (req: Request, res: Response, id: string) => Promise<unknown>,
): void {
  router.post(path, pageAccess.roles(...operation.roles), requireCsrf, (req: Request, res: Response) =>
    handle(req, res, String(req.params.id)),
  );
}

export function apiKeyLabel(key: { name: string; prefix: string }): string {
  return `API key “${key.name}” (hfrc_${key.prefix})`;
}

// Assignees are people who can work cases (reviewers and admins); audit actors are shown by e-mail.
const isAssignable = (user: User) => (CASE_WORKERS as readonly string[]).includes(user.role) && !user.disabledAt;

export async function assigneesOf(users: UserService): Promise<string[]> {
  return (await users.list()).filter(isAssignable).map((user) => user.email);
}

async function people(deps: ReviewDeps) {
  const [users, keys] = await Promise.all([deps.users.list(), deps.apiKeys.list()]);
  const byActor = new Map(users.map((user) => [userActor(user), user.email]));
  for (const key of keys) byActor.set(`apikey:${key.id}`, apiKeyLabel(key));
  const actorName = (actor: string) =>
    byActor.get(actor) ??
    (actor.startsWith('apikey:')
      ? `API key ${actor.slice(7, 15)}…`
      : actor.startsWith('system:')
        ? `the system (${actor.slice(7)})`
        : actor);
  return { actorName, assignees: users.filter(isAssignable).map((user) => user.email) };
}

// The case after this one in the queue's default order (open cases, highest score first); from a decided case, the top one.
async function nextInQueue(deps: ReviewDeps, detail: CaseSummary, me: string): Promise<string | null> {
  const { list } = readQueueQuery({}, me);
  const isInQueue = list.statuses?.includes(detail.status) ?? true;
  const page = await deps.cases.list({ ...list, limit: 2, cursor: isInQueue ? detail.id : undefined });
  return page.items.find((item) => item.id !== detail.id)?.id ?? null;
}

export function caseRenderer(deps: ReviewDeps): RenderCase {
  return async (req, res, id, extra = {}) => {
    const detail = isUuid(id) ? await deps.cases.findDetail(id) : null;
    if (!detail) throw new AppError('not_found', 'No case with this id.');
    const me = webLocals(res).session!.user.email;
    // A farm is one group per shared value, a page of its members at a time (?linksAfter= the next page).
    const linksAfter = isUuid(req.query.linksAfter) ? req.query.linksAfter : undefined;
    const [links, { actorName, assignees }, nextCaseId] = await Promise.all([
      deps.linkViews.linksOf(id, { after: linksAfter }),
      people(deps),
      nextInQueue(deps, detail, me),
    ]);
    const page = casePage(pageContext(req, res), {
      detail,
      links,
      listedEntry: deps.listedEntry,
      actorName,
      assignees,
      me,
      slaHours: deps.reviewSlaHours,
      now: Date.now(),
      errors: extra.errors,
      notice: extra.notice,
      isRevealed: extra.isRevealed,
      nextCaseId,
    });
    res
      .status(extra.status ?? 200)
      .type('html')
      .send(page);
  };
}
