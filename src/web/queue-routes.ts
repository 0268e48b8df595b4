// The security team's overview pages: the dashboard, the review queue and the queue as CSV.
import type { Request, RequestHandler, Response, Router } from 'express';
import { AppError } from '../errors';
import { sanctionsStatusLabels } from '../scoring/sanctions-status';
import { csvLine } from './csv';
import { readQueueQuery } from './queue-query';
import { assigneesOf, type ReviewDeps } from './review-pages';
import { dashboardPage } from './views/dashboard';
import { STATUS_LABELS } from './views/findings';
import { queuePage } from './views/queue';
import { pageContext, webLocals } from './web-locals';

const QUEUE_PAGE_SIZE = 25;
const CSV_MAX_ROWS = 10_000;
const CSV_PAGE_SIZE = 200;
const CSV_HEADER = [
  'Case ID',
  'Candidate',
  'Source',
  'External ID',
  'Band',
  'Score',
  'Top reasons',
  'Sanctions check',
  'Status',
  'Assigned to',
  'Created (UTC)',
  'Age (hours)',
  'Over review time',
];

export function registerQueueRoutes(router: Router, deps: ReviewDeps, guard: RequestHandler): void {
  router.get('/dashboard', guard, async (req: Request, res: Response) => {
    const dashboard = await deps.dashboard.read();
    res
      .type('html')
      .send(dashboardPage(pageContext(req, res), dashboard, { now: Date.now(), slaHours: deps.reviewSlaHours }));
  });

  router.get('/queue', guard, async (req: Request, res: Response) => {
    const me = webLocals(res).session!.user.email;
    const now = Date.now();
    const { filters, list, errors } = readQueueQuery(req.query, me, { now, slaHours: deps.reviewSlaHours });
    const page = await deps.cases.list({ ...list, limit: QUEUE_PAGE_SIZE });
    const reasons = await deps.cases.topReasonsOf(page.items.map((item) => item.id));
    res
      .status(Object.keys(errors).length ? 400 : 200)
      .type('html')
      .send(
        queuePage(pageContext(req, res), {
          filters,
          errors,
          items: page.items,
          reasons,
          nextCursor: page.nextCursor,
          slaHours: deps.reviewSlaHours,
          now,
          assignees: await assigneesOf(deps.users),
        }),
      );
  });

  router.get('/queue.csv', guard, (req: Request, res: Response) => sendQueueCsv(req, res, deps));
}

async function sendQueueCsv(req: Request, res: Response, deps: ReviewDeps): Promise<void> {
  const now = Date.now();
  const { list, errors } = readQueueQuery(req.query, webLocals(res).session!.user.email, {
    now,
    slaHours: deps.reviewSlaHours,
  });
  if (Object.keys(errors).length)
    throw new AppError(
      'validation_failed',
      `Invalid filter: ${Object.entries(errors)
        .map(([key, message]) => `${key} ${message}`)
        .join('; ')}`,
    );
  res.type('text/csv; charset=utf-8').attachment(`review-queue-${new Date(now).toISOString().slice(0, 10)}.csv`);
  // A byte-order mark, so that spreadsheet programs read names in every script as UTF-8.
  res.write('\uFEFF');
  res.write(csvLine(CSV_HEADER));
  let cursor = list.cursor;
  let written = 0;
  do {
    const page = await deps.cases.list({ ...list, cursor, limit: CSV_PAGE_SIZE });
    const reasons = await deps.cases.topReasonsOf(page.items.map((item) => item.id));
    for (const item of page.items) {
      const ageHours = (now - Date.parse(item.createdAt)) / 3_600_000;
      const isOpen = ['open', 'in_review', 'escalated'].includes(item.status);
      res.write(
        csvLine([
          item.id,
          item.subjectName,
          item.source,
          item.externalId,
          item.band,
          item.score,
          (reasons.get(item.id) ?? []).join('; '),
          sanctionsStatusLabels[item.sanctionsStatus],
          STATUS_LABELS[item.status] ?? item.status,
          item.assignee,
          item.createdAt,
          ageHours.toFixed(1),
          isOpen && ageHours > deps.reviewSlaHours ? 'yes' : 'no',
        ]),
      );
    }
    written += page.items.length;
    cursor = page.nextCursor ?? undefined;
  } while (cursor && written < CSV_MAX_ROWS);
  res.end();
}
