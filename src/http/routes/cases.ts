// GET /api/v1/cases (filtered, sorted, cursor-paginated) and GET /api/v1/cases/:id (with screenings and audit).
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { CaseRepository } from '../../cases/case-repository';
import type { CaseDecisions } from '../../cases/decide-case';
import { caseStatuses, type CaseListQuery } from '../../cases/case-types';
import { CASE_WORKERS, caseAccessFor } from '../../cases/case-access';
import { changeCase } from '../../cases/change-case';
import { maskCaseDetail, revealedValues } from '../../cases/masking';
import { noteCase } from '../../cases/note-case';
import { revealCase } from '../../cases/reveal-case';
import { buildSanctionsReport, type SanctionsReport } from '../../cases/sanctions-report';
import type { SanctionsEntry } from '../../sanctions/types';
import { AppError } from '../../errors';
import { bands, sanctionsStatuses } from '../../scoring/types';
import { anyApiRole, requireRole } from '../auth';
import { requireJsonBody } from '../json-body';
import { locals } from '../../request-context';
import { cursorParam, encodeCursor, isUuid, validateBody, validateQuery } from '../../validation/request';

// Filters may be repeated (?band=high&band=critical) or comma-separated (?band=high,critical).
const list = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((value) => (Array.isArray(value) ? value : [value]).flatMap((item) => item.split(',')).filter(Boolean))
    .pipe(z.array(z.enum(values)).min(1));

const dateTime = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 date-time, e.g. 2026-11-01T00:00:00Z' })
  .transform((value) => new Date(value));

export const listQuerySchema = z.strictObject({
  band: list(bands).optional(),
  sanctionsStatus: list(sanctionsStatuses).optional(),
  status: list(caseStatuses).optional(),
  source: z.string().max(40).optional(),
  createdFrom: dateTime.optional(),
  createdTo: dateTime.optional(),
  sort: z.enum(['score', '-score', 'createdAt', '-createdAt']).default('-createdAt'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: cursorParam.optional(),
});

/** A printable page of a sanctions report and the Content-Security-Policy it needs (rendered by the pages' views). */
export type SanctionsReportPage = (report: SanctionsReport) => { html: string; contentSecurityPolicy: string };

export function caseRoutes(
  cases: CaseRepository,
  decisions: CaseDecisions,
  listedEntry: (uid: string) => SanctionsEntry | undefined,
  sanctionsReportPage: SanctionsReportPage,
): Router {
  const router = Router({ caseSensitive: true });

  router.get('/', anyApiRole(), async (req: Request, res: Response) => {
    const q = validateQuery(listQuerySchema, req.query);
    const query: CaseListQuery = {
      bands: q.band,
      sanctionsStatuses: q.sanctionsStatus,
      statuses: q.status,
      source: q.source,
      createdFrom: q.createdFrom,
      createdTo: q.createdTo,
      sort: q.sort,
      limit: q.limit,
      cursor: q.cursor,
      createdBy: caseAccessFor(locals(res).principal!).createdBy,
    };
    const page = await cases.list(query);
    res.json({ items: page.items, nextCursor: encodeCursor(page.nextCursor) });
  });

  router.get('/:id', anyApiRole(), async (req: Request, res: Response) => {
    const id = String(req.params.id);
    const access = caseAccessFor(locals(res).principal!);
    const found = isUuid(id) ? await cases.findDetail(id) : null;
    // A recruiter asking for someone else's case learns nothing, not even that it exists.
    if (!found || !access.maySee(found)) {
      throw new AppError('not_found', 'No case with this id');
    }
    // Contact details, street lines and wallets masked as on the case page; POST /:id/reveal shows them, audited.
    res.json(maskCaseDetail(access.view(found)));
  });

  // The API's counterpart of the case page's "Show masked values": the named values, and an audit event saying who saw which and why.
  router.post('/:id/reveal', requireRole(...revealCase.roles), requireJsonBody, async (req: Request, res: Response) => {
    const id = String(req.params.id);
    const input = validateBody(revealCase.input, req.body, 'reveal');
    const detail = isUuid(id) ? await cases.findDetail(id) : null;
    if (!detail) throw new AppError('not_found', 'No case with this id');
    if (detail.personalDataErasedAt)
      throw new AppError('conflict', "The applicant's personal data was erased: there is nothing to reveal");
    const event = await cases.recordReveal(id, locals(res).principal!.actor, input.fields, input.reason);
    if (!event) throw new AppError('not_found', 'No case with this id');
    res.json({ caseId: id, values: revealedValues(detail, input.fields), event });
  });

  // For a confirmed sanctions match: the facts for OFAC's report, as JSON or (?format=html) a printable page.
  router.get('/:id/sanctions-report', requireRole(...CASE_WORKERS), async (req: Request, res: Response) => {
    const id = String(req.params.id);
    const detail = isUuid(id) ? await cases.findDetail(id) : null;
    if (!detail) throw new AppError('not_found', 'No case with this id');
    if (detail.status !== 'confirmed_fraud') {
      throw new AppError(
        'conflict',
        'A reviewer must first decide this case as confirmed_fraud (PATCH /api/v1/cases/:id with status and reason)',
      );
    }
    const report = buildSanctionsReport(detail, listedEntry);
    if (!report) throw new AppError('conflict', 'The case has no sanctions finding to report');
    if (req.query.format === 'html') {
      const page = sanctionsReportPage(report);
      res.setHeader('Content-Security-Policy', page.contentSecurityPolicy);
      res.type('html').send(page.html);
      return;
    }
    res.json(report);
  });

  // Reviewers work the queue: status, assignment and decisions, each an audit event. The software never decides.
  // Clearing a critical case is held for a second reviewer (202); reopening a decided case needs a reason.
  router.patch('/:id', requireRole(...changeCase.roles), requireJsonBody, async (req: Request, res: Response) => {
    const id = String(req.params.id);
    const input = validateBody(changeCase.input, req.body, 'case change');
    const result = isUuid(id) ? await decisions.change(id, input, locals(res).principal!.actor) : null;
    if (!result) throw new AppError('not_found', 'No case with this id');
    if (result.kind === 'awaiting_second_review') {
      res.status(202).json({ awaitingSecondReview: true, approval: result.approval });
      return;
    }
    res.json(result.case);
  });

  router.post('/:id/notes', requireRole(...noteCase.roles), requireJsonBody, async (req: Request, res: Response) => {
    const id = String(req.params.id);
    const input = validateBody(noteCase.input, req.body, 'note');
    const event = isUuid(id) ? await cases.addNote(id, input.text, locals(res).principal!.actor) : null;
    if (!event) throw new AppError('not_found', 'No case with this id');
    res.status(201).json(event);
  });

  return router;
}
