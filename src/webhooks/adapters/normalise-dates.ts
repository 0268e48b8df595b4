// Dates as ATSs write them (ISO, US-style "09/15/2007", "09/2007", "2007") as YYYY, YYYY-MM or YYYY-MM-DD.
import { asText } from './read';

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1900 &&
    year <= 2200 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}

const pad = (value: number) => String(value).padStart(2, '0');

/**
 * A date as YYYY, YYYY-MM or YYYY-MM-DD. Reads ISO dates and date-times, Greenhouse's US-style "09/15/2007"
 * (month/day/year), "09/2007" and "2007"; anything else is undefined.
 */
export function partialDate(value: unknown): string | undefined {
  const text = asText(value, 40);
  if (!text) return undefined;
  let match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    return isRealDate(year, month, day) ? `${match[1]}-${match[2]}-${match[3]}` : undefined;
  }
  if ((match = /^(\d{4})-(\d{2})$/.exec(text)))
    return isRealDate(Number(match[1]), Number(match[2]), 1) ? text : undefined;
  if ((match = /^(\d{4})$/.exec(text))) return isRealDate(Number(match[1]), 1, 1) ? text : undefined;
  if ((match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text))) {
    const [month, day, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
    return isRealDate(year, month, day) ? `${year}-${pad(month)}-${pad(day)}` : undefined;
  }
  if ((match = /^(\d{1,2})\/(\d{4})$/.exec(text))) {
    const [month, year] = [Number(match[1]), Number(match[2])];
    return isRealDate(year, month, 1) ? `${year}-${pad(month)}` : undefined;
  }
  return undefined;
}
