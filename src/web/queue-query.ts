// The review queue's filters, read from the query string (the same filters serve the page and its CSV export).
import { z } from 'zod';
import { OPEN_STATUSES } from '../cases/case-dashboard';
import { caseStatuses, type CaseListQuery, type CaseStatus } from '../cases/case-types';
import { bands, sanctionsStatuses, type Band, type SanctionsStatus } from '../scoring/types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// A day as a date input sends it (YYYY-MM-DD), or empty for no bound.
const day = z.string().refine((value) => value === '' || (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))), 'must be a date, YYYY-MM-DD');
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
  // "" (or absent): any sanctions status.
  sanctions: z.union([z.enum(sanctionsStatuses), z.literal('')]).optional(),
  // "" (or absent): open work; "all": every status.
  status: z.union([z.enum(caseStatuses), z.literal('all'), z.literal('')]).optional(),
  // "me", "none" (unassigned), or an assignee as written.
  assignee: z.string().trim().max(200).optional(),
  source: z.string().trim().max(40).optional(),
  from: day.optional(),
  to: day.optional(),
  sort: z.enum(['-score', 'createdAt', '-createdAt', 'score']).default('-score'),
  cursor: z.string().regex(UUID).optional(),
});

export interface QueueFilters {
  bands: Band[];
  sanctions: string;
  status: string;
  assignee: string;
  source: string;
  from: string;
  to: string;
  sort: CaseListQuery['sort'];
  cursor?: string;
}

/** Filters (as typed, for the form), the repository query, and a message per invalid filter. */
export function readQueueQuery(query: unknown, me: string): { filters: QueueFilters; list: Omit<CaseListQuery, 'limit'>; errors: Record<string, string> } {
  const raw = (query ?? {}) as Record<string, unknown>;
  const errors: Record<string, string> = {};
  const parsed = queueSchema.safeParse(raw);
  let data: z.output<typeof queueSchema> = { sort: '-score' };
  if (parsed.success) data = parsed.data;
  else {
    for (const issue of parsed.error.issues) errors[String(issue.path[0])] = issue.message.startsWith('Invalid') ? 'is not one of the choices' : issue.message;
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
    sort: data.sort,
    cursor: data.cursor,
  };
  // A range that ends before it starts matches nothing: say so instead of showing an empty queue.
  if (filters.from && filters.to && filters.to < filters.from) {
    errors.to = `is before the start date (${filters.from}): choose an end date on or after it`;
    filters.to = '';
  }
  const statuses: CaseStatus[] | undefined = filters.status === 'all' ? undefined : filters.status ? [filters.status as CaseStatus] : [...OPEN_STATUSES];
  const assignee = filters.assignee === 'me' ? me : filters.assignee === 'none' ? null : filters.assignee || undefined;
  const list: Omit<CaseListQuery, 'limit'> = {
    bands: filters.bands.length ? filters.bands : undefined,
    sanctionsStatuses: filters.sanctions ? [filters.sanctions as SanctionsStatus] : undefined,
    statuses,
    assignee,
    source: filters.source || undefined,
    createdFrom: filters.from ? new Date(`${filters.from}T00:00:00Z`) : undefined,
    // "To" is inclusive: up to the end of that day.
    createdTo: filters.to ? new Date(Date.parse(`${filters.to}T00:00:00Z`) + 86_400_000) : undefined,
    sort: filters.sort,
    cursor: filters.cursor,
  };
  return { filters, list, errors };
}

/** The query string of these filters (without the cursor unless given). */
export function queueQueryString(filters: QueueFilters, cursor?: string): string {
  const params = new URLSearchParams();
  for (const band of filters.bands) params.append('band', band);
  for (const key of ['sanctions', 'status', 'assignee', 'source', 'from', 'to'] as const) if (filters[key]) params.set(key, filters[key]);
  params.set('sort', filters.sort);
  if (cursor) params.set('cursor', cursor);
  return params.toString();
}
