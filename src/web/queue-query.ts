// The review queue's filters, read from the query string (the same filters serve the page and its CSV export).
import { z } from 'zod';
import { OPEN_STATUSES } from '../cases/case-dashboard';
import { caseStatuses, type CaseListQuery, type CaseStatus } from '../cases/case-types';
import { bands, sanctionsStatuses, type Band, type SanctionsStatus } from '../scoring/types';
import { isUuid } from '../validation/request';

// A day as a date input sends it (YYYY-MM-DD), or empty for no bound.
const day = z
  .string()
  .refine(
    (value) => value === '' || (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))),
    'must be a date, YYYY-MM-DD',
  );
const many = (values: readonly string[]) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((value) => (Array.isArray(value) ? value : [value]).flatMap((item) => item.split(',')).filter(Boolean))
    .pipe(z.array(z.enum(values as [string, ...string[]])));

export const SORTS = [
  ['-score', 'Highest score first'],
  ['createdAt', 'Oldest first'],
  ['-createdAt', 'Newest first'],
  ['score', 'Lowest score first'],
] as const;

const queueSchema = z.object({
  band: many(bands).optional(),
  // "" (or absent): any sanctions status; "hit": a potential or confirmed match.
  sanctions: z.union([z.enum(sanctionsStatuses), z.literal('hit'), z.literal('')]).optional(),
  // "" (or absent): open work; "all": every status.
  status: z.union([z.enum(caseStatuses), z.literal('all'), z.literal('')]).optional(),
  // "me", "none" (unassigned), or an assignee as written.
  assignee: z.string().trim().max(200).optional(),
  source: z.string().trim().max(40).optional(),
  from: day.optional(),
  to: day.optional(),
  // "1": only cases over the review time (not decided yet, older than REVIEW_SLA_HOURS).
  overdue: z.enum(['1', '']).optional(),
  // "1": only cases linked to others (farms, households, referrals).
  linked: z.enum(['1', '']).optional(),
  sort: z.enum(['-score', 'createdAt', '-createdAt', 'score']).default('-score'),
  cursor: z.string().refine(isUuid).optional(),
});

export interface QueueFilters {
  bands: Band[];
  sanctions: string;
  status: string;
  assignee: string;
  source: string;
  from: string;
  to: string;
  overdue: string;
  linked: string;
  sort: CaseListQuery['sort'];
  cursor?: string;
}

/** Filters (as typed, for the form), the repository query, and a message per invalid filter. */
/** Saved views: one link each to the filters reviewers use most. */
export const SAVED_VIEWS: readonly { label: string; query: string }[] = [
  { label: 'Mine', query: 'assignee=me' },
  { label: 'Unassigned critical', query: 'band=critical&assignee=none' },
  { label: 'Over review time', query: 'overdue=1&sort=createdAt' },
  { label: 'Sanctions matches', query: 'sanctions=hit' },
  { label: 'Farms and linked cases', query: 'linked=1' },
];

const DECIDED_OR_CLOSED: readonly string[] = caseStatuses.filter(
  (status) => !(OPEN_STATUSES as readonly string[]).includes(status),
);

/** Filters that can match no case together, said in words (the queue shows them instead of a silent empty page). */
export function contradictions(filters: QueueFilters): string[] {
  const found: string[] = [];
  if (filters.sanctions === 'confirmed_match' && filters.bands.length > 0 && !filters.bands.includes('critical')) {
    found.push(
      'A confirmed sanctions match is always in the critical band: add Critical to the bands or choose another sanctions check.',
    );
  }
  if (filters.overdue && DECIDED_OR_CLOSED.includes(filters.status)) {
    found.push(
      `Only cases not decided yet can be over the review time, and Status is ${filters.status.replace(/_/g, ' ')}: choose "Not decided yet" or leave out "over review time".`,
    );
  }
  return found;
}

export function readQueueQuery(
  query: unknown,
  me: string,
  clock: { now: number; slaHours: number } = { now: Date.now(), slaHours: 48 },
): { filters: QueueFilters; list: Omit<CaseListQuery, 'limit'>; errors: Record<string, string> } {
  const raw = (query ?? {}) as Record<string, unknown>;
  const errors: Record<string, string> = {};
  const parsed = queueSchema.safeParse(raw);
  let data: z.output<typeof queueSchema> = { sort: '-score' };
  if (parsed.success) data = parsed.data;
  else {
    for (const issue of parsed.error.issues)
      errors[String(issue.path[0])] = issue.message.startsWith('Invalid') ? 'is not one of the choices' : issue.message;
    // Keep the valid filters: drop only the ones that failed.
    const kept = Object.fromEntries(Object.entries(raw).filter(([key]) => !errors[key]));
    data = queueSchema.safeParse(kept).data ?? data;
  }
  const filters: QueueFilters = {
    bands: (data.band ?? []) as Band[],
    sanctions: data.sanctions ?? '',
    status: data.status ?? '',
    assignee: data.assignee ?? '',
    source: data.source ?? '',
    from: data.from ?? '',
    to: data.to ?? '',
    overdue: data.overdue ?? '',
    linked: data.linked ?? '',
    sort: data.sort,
    cursor: data.cursor,
  };
  // A range that ends before it starts matches nothing: say so instead of showing an empty queue.
  if (filters.from && filters.to && filters.to < filters.from) {
    errors.to = `is before the start date (${filters.from}): choose an end date on or after it`;
    filters.to = '';
  }
  const statuses: CaseStatus[] | undefined =
    filters.overdue && (filters.status === 'all' || filters.status === '')
      ? [...OPEN_STATUSES]
      : filters.status === 'all'
        ? undefined
        : filters.status
          ? [filters.status as CaseStatus]
          : [...OPEN_STATUSES];
  const assignee = filters.assignee === 'me' ? me : filters.assignee === 'none' ? null : filters.assignee || undefined;
  const endOfTo = filters.to ? Date.parse(`${filters.to}T00:00:00Z`) + 86_400_000 : undefined;
  // Over the review time: created before now minus the review time (and before the end of "Created to", if earlier).
  const overdueBefore = filters.overdue ? clock.now - clock.slaHours * 3_600_000 : undefined;
  const createdTo = [endOfTo, overdueBefore].filter((value): value is number => value !== undefined);
  const list: Omit<CaseListQuery, 'limit'> = {
    bands: filters.bands.length ? filters.bands : undefined,
    sanctionsStatuses:
      filters.sanctions === 'hit'
        ? ['potential_match', 'confirmed_match']
        : filters.sanctions
          ? [filters.sanctions as SanctionsStatus]
          : undefined,
    isLinked: filters.linked === '1' || undefined,
    statuses,
    assignee,
    source: filters.source || undefined,
    createdFrom: filters.from ? new Date(`${filters.from}T00:00:00Z`) : undefined,
    // "To" is inclusive: up to the end of that day.
    createdTo: createdTo.length ? new Date(Math.min(...createdTo)) : undefined,
    sort: filters.sort,
    cursor: filters.cursor,
  };
  return { filters, list, errors };
}

/** The query string of these filters (without the cursor unless given). */
export function queueQueryString(filters: QueueFilters, cursor?: string): string {
  const params = new URLSearchParams();
  for (const band of filters.bands) params.append('band', band);
  for (const key of ['sanctions', 'status', 'assignee', 'source', 'from', 'to', 'overdue', 'linked'] as const)
    if (filters[key]) params.set(key, filters[key]);
  params.set('sort', filters.sort);
  if (cursor) params.set('cursor', cursor);
  return params.toString();
}
