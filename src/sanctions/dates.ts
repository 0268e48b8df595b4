// Reads dates of birth as OFAC writes them ("05 Jan 1979", "1946", "circa 1970", "1958 to 1960") and compares them.

/** A closed range of days (epoch days), with whether it is a single day. */
export interface DateRange {
  from: number;
  to: number;
  isDay: boolean;
}

export type DateAgreement = 'same-day' | 'compatible' | 'near' | 'different';

const months: Record<string, number> = {
  JAN: 1,
  FEB: 2,
  MAR: 3,
  APR: 4,
  MAY: 5,
  JUN: 6,
  JUL: 7,
  AUG: 8,
  SEP: 9,
  OCT: 10,
  NOV: 11,
  DEC: 12,
};
const DAY_MS = 86_400_000;

function epochDay(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// One point: "05 Jan 1979", "Jan 1979", "1979", "1979-01-05", "1979-01".
function readPoint(text: string): DateRange | null {
  const value = text.trim();
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match) {
    const day = epochDay(Number(match[1]), Number(match[2]), Number(match[3]));
    return Number.isNaN(day) ? null : { from: day, to: day, isDay: true };
  }
  match = /^(\d{4})-(\d{2})$/.exec(value);
  if (match) return monthRange(Number(match[1]), Number(match[2]));
  match = /^(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{4})$/.exec(value);
  if (match) {
    const month = months[match[2]!.toUpperCase()];
    if (!month) return null;
    const day = epochDay(Number(match[3]), month, Number(match[1]));
    return { from: day, to: day, isDay: true };
  }
  match = /^([A-Za-z]{3})[a-z]*\.?\s+(\d{4})$/.exec(value);
  if (match) {
    const month = months[match[1]!.toUpperCase()];
    return month ? monthRange(Number(match[2]), month) : null;
  }
  match = /^(\d{4})$/.exec(value);
  if (match) return { from: epochDay(Number(match[1]), 1, 1), to: epochDay(Number(match[1]), 12, 31), isDay: false };
  return null;
}

function monthRange(year: number, month: number): DateRange | null {
  if (month < 1 || month > 12) return null;
  return { from: epochDay(year, month, 1), to: epochDay(year, month, lastDayOfMonth(year, month)), isDay: false };
}

/** Parses an OFAC DOB or an ISO date into a range; "circa" widens it by a year each side. null: unreadable. */
export function parseDateOfBirth(text: string): DateRange | null {
  let value = text.trim();
  const isCirca = /^circa\s+/i.test(value);
  if (isCirca) value = value.replace(/^circa\s+/i, '');
  const parts = value.split(/\s+to\s+|(?<=^\d{4})-(?=\d{4}$)/);
  const first = readPoint(parts[0] ?? '');
  if (!first) return null;
  let range = first;
  if (parts.length === 2) {
    const last = readPoint(parts[1]!);
    if (!last) return null;
    range = { from: Math.min(first.from, last.from), to: Math.max(first.to, last.to), isDay: false };
  }
  if (isCirca) range = { from: range.from - 365, to: range.to + 365, isDay: false };
  return range;
}

/** How an applicant's date of birth agrees with any of an entry's: best agreement wins. null: nothing comparable. */
export function compareDatesOfBirth(query: string, listed: string[]): DateAgreement | null {
  const asked = parseDateOfBirth(query);
  if (!asked) return null;
  let best: DateAgreement | null = null;
  const rank: Record<DateAgreement, number> = { 'same-day': 3, compatible: 2, near: 1, different: 0 };
  for (const text of listed) {
    const range = parseDateOfBirth(text);
    if (!range) continue;
    let agreement: DateAgreement;
    if (asked.to < range.from || asked.from > range.to) {
      const gap = asked.to < range.from ? range.from - asked.to : asked.from - range.to;
      // Within a year: a typo in day or month, or a "circa" that was not written.
      agreement = gap <= 366 ? 'near' : 'different';
    } else {
      agreement = asked.isDay && range.isDay ? 'same-day' : 'compatible';
    }
    if (best == null || rank[agreement] > rank[best]) best = agreement;
  }
  return best;
}
