// Every query string is read once at the edge, before any route: a parameter whose name or value is not valid
// percent-encoded UTF-8 (`%ff`, `%E0%A4%A`, `%zz`, a raw byte), or holds the NUL character (which PostgreSQL cannot
// store or compare), is a 400 naming it, for the API, the pages and the CSV export alike (issue 15). Express's own
// parser would quietly turn broken escapes into U+FFFD and pass a NUL on to a route, where it was a 500 or a cut-off
// download.
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../errors';

// Printable ASCII only: anything else (a raw byte over 0x7E, a control character) is a byte the client failed to
// encode, which Node hands on as Latin-1 and no route could read as meant.
const QUERY_CHARACTERS = /^[\x21-\x7e]*$/;
const MAX_NAME_SHOWN = 100;

function decode(part: string): string | null {
  // Most parameters have nothing to decode: skip the work (this runs on every request).
  if (!part.includes('%') && !part.includes('+')) return part;
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

/** The first problem with a raw query string (without its "?"), as the parameter it concerns and what is wrong. */
export function queryStringProblem(raw: string): { parameter: string; message: string } | null {
  const isPrintable = QUERY_CHARACTERS.test(raw);
  for (const pair of raw.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const rawName = equals < 0 ? pair : pair.slice(0, equals);
    const name = decode(rawName);
    // A name that cannot be read is named as sent (it is ASCII, or it would have failed the first check).
    const shown = () => (name ?? rawName).replaceAll('\u0000', '\\u0000').slice(0, MAX_NAME_SHOWN);
    if (!isPrintable && !QUERY_CHARACTERS.test(pair))
      return {
        parameter: shown(),
        message: 'must be percent-encoded (it has a raw control character or non-ASCII byte)',
      };
    if (name === null) return { parameter: shown(), message: 'has a name that is not valid percent-encoded UTF-8' };
    if (name.includes('\u0000')) return { parameter: shown(), message: 'has a name with the NUL character (%00)' };
    const value = decode(equals < 0 ? '' : pair.slice(equals + 1));
    if (value === null) return { parameter: shown(), message: 'is not valid percent-encoded UTF-8' };
    if (value.includes('\u0000')) return { parameter: shown(), message: 'must not contain the NUL character (%00)' };
  }
  return null;
}

export function rejectUnreadableQuery() {
  return (req: Request, _res: Response, next: NextFunction) => {
    const url = req.originalUrl;
    const at = url.indexOf('?');
    const problem = at < 0 ? null : queryStringProblem(url.slice(at + 1));
    if (!problem) return next();
    next(
      new AppError('validation_failed', `The query parameter "${problem.parameter}" ${problem.message}`, {
        fields: [{ path: `query.${problem.parameter}`, message: problem.message }],
      }),
    );
  };
}
