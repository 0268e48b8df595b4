// Names and contact lists (typed e-mails and phones) as the applicant's name, e-mail and phone, and why none was taken.
import { applicantSchema } from '../../applicants/applicant-schema';
import { parsePhone } from '../../applicants/phone-parse';
import { asArray, asObject, asText } from './read';
import type { SkippedField } from './types';

/** "First Last" from the parts that are there, or undefined when none is. */
export function joinName(...parts: unknown[]): string | undefined {
  const name = parts
    .map((part) => asText(part, 1000))
    .filter(Boolean)
    .join(' ')
    .replace(/\s+/g, ' ');
  return name || undefined;
}

const emailField = applicantSchema.shape.person.shape.email;
const phoneField = applicantSchema.shape.person.shape.phone;

export interface TypedValue {
  value: unknown;
  type?: unknown;
}

/** Reads `[{value, type}]` (Greenhouse, Ashby, Lever phones) or plain strings (Lever emails) as typed values. */
export function typedValues(list: unknown, valueKey = 'value'): TypedValue[] {
  return asArray(list).map((entry) => {
    const object = asObject(entry);
    return object ? { value: object[valueKey], type: object.type } : { value: entry };
  });
}

function byPreference(values: TypedValue[], preferred: string[]): TypedValue[] {
  const rank = (entry: TypedValue) => {
    const type = typeof entry.type === 'string' ? entry.type.trim().toLowerCase() : '';
    const index = preferred.indexOf(type);
    return index === -1 ? preferred.length : index;
  };
  return values
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => rank(a.entry) - rank(b.entry) || a.index - b.index)
    .map(({ entry }) => entry);
}

/** The applicant's e-mail: the first valid personal address, else the first valid one. */
export function pickEmail(values: TypedValue[]): string | undefined {
  for (const { value } of byPreference(values, ['personal'])) {
    const text = asText(value, 254);
    if (text && emailField.safeParse(text).success) return text;
  }
  return undefined;
}

/** Whether the contract will take this phone number, read in `country`'s numbering plan when it has no +. */
export function isDialable(value: string, country: string | undefined): boolean {
  if (!phoneField.safeParse(value).success) return false;
  return parsePhone(value, country)?.isPossible() === true;
}

/**
 * The applicant's phone: the first dialable mobile number, else personal/home, else any. Numbers written without a
 * country code can only be read when the claimed country is known; otherwise they are left out.
 */
export function pickPhone(values: TypedValue[], claimedCountry: string | undefined): string | undefined {
  for (const { value } of byPreference(values, ['mobile', 'personal', 'home'])) {
    const text = asText(value, 40);
    if (text && isDialable(text, claimedCountry)) return text;
  }
  return undefined;
}

/** Why an ATS's contact list gave the applicant no e-mail or phone, when it had entries (for `skipped`). */
export function unusedContacts(
  emails: TypedValue[],
  email: string | undefined,
  phones: TypedValue[],
  phone: string | undefined,
): SkippedField[] {
  const skipped: SkippedField[] = [];
  if (!email && emails.some((entry) => entry.value != null && entry.value !== '')) {
    skipped.push({ field: 'person.email', reason: 'none of the e-mail addresses is valid' });
  }
  if (!phone && phones.some((entry) => entry.value != null && entry.value !== '')) {
    skipped.push({
      field: 'person.phone',
      reason:
        'no number can be dialled: given without a country code and no claimed country to read it in, or not a phone number',
    });
  }
  return skipped;
}
