// Request input checked once at the edge, for the API and the pages alike: ids, cursors, lists and schemas whose
// failures become one 400 naming every wrong field (AppError 'validation_failed').
import { z } from 'zod';
import { AppError } from '../errors';
import { describeIssues } from './field-problems';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a UUID as the database writes it; anything else names no row (a 404, never a database error). */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}

/** A path id that must be a UUID: otherwise the thing it names does not exist. */
export function uuidParam(value: unknown, notFound: string): string {
  if (!isUuid(value)) throw new AppError('not_found', notFound);
  return value;
}

/** An opaque keyset cursor: the base64url of the last row's id, as `encodeCursor` wrote it. */
export const cursorParam = z
  .string()
  .transform((value) => Buffer.from(value, 'base64url').toString('utf8'))
  .refine((value) => isUuid(value), 'is not a cursor returned by this API');

export function encodeCursor(lastId: string | null): string | null {
  return lastId ? Buffer.from(lastId).toString('base64url') : null;
}

/** `?status=a,b` or `?status=a&status=b`: one or more of `values`. */
export function commaListParam<const T extends readonly [string, ...string[]]>(values: T) {
  return z
    .union([z.string(), z.array(z.string())])
    .transform((value) => (Array.isArray(value) ? value : [value]).flatMap((item) => item.split(',')).filter(Boolean))
    .pipe(z.array(z.enum(values)).min(1));
}

/** Query parameters: a 400 naming each wrong one as `query.<name>`. */
export function validateQuery<S extends z.ZodType>(schema: S, query: unknown): z.output<S> {
  const parsed = schema.safeParse(query, { reportInput: true });
  if (parsed.success) return parsed.data;
  const fields = describeIssues(parsed.error.issues, 'query parameters').map((field) => ({
    ...field,
    path: `query.${field.path}`,
  }));
  throw new AppError('validation_failed', 'Invalid query parameters', { fields });
}

/** A JSON body: a 400 "Invalid <subject>" naming each wrong field. */
export function validateBody<S extends z.ZodType>(schema: S, body: unknown, subject: string): z.output<S> {
  const parsed = schema.safeParse(body, { reportInput: true });
  if (parsed.success) return parsed.data;
  throw new AppError('validation_failed', `Invalid ${subject}`, {
    fields: describeIssues(parsed.error.issues, subject),
  });
}
