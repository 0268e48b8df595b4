// One attribute's comparison, as every comparison of corroboration.ts writes it, and the text keys they compare by.

export interface ScreenedAddress {
  line1?: string | null;
  city?: string | null;
  postalCode?: string | null;
  country?: string | null;
}

/** What the screened party brings besides its name (the applicant; a reference's e-mail and phone; nothing for others). */
export interface ScreenedIdentity {
  /** ISO date (YYYY-MM-DD), or only the year (YYYY) when that is all a stored screening kept. */
  dateOfBirth?: string | null;
  placeOfBirth?: string | null;
  document?: {
    type?: 'passport' | 'drivers_license' | 'national_id' | 'other' | null;
    number?: string | null;
    issuingCountry?: string | null;
    /** A stored screening's verdicts of the number it no longer has, by entry uid. */
    priorChecks?: Record<string, 'agrees' | 'contradicts'> | null;
  } | null;
  addresses?: ScreenedAddress[];
  emails?: string[];
  phones?: string[];
  websites?: string[];
}

export type AttributeResult = 'agrees' | 'contradicts' | 'inconclusive' | 'missing';

export interface ComparedAttribute {
  attribute:
    | 'date of birth'
    | 'place of birth'
    | 'identity document'
    | 'address'
    | 'e-mail'
    | 'phone'
    | 'website'
    | 'listed name';
  /** What the screened party gave, as shown to reviewers (a birth year; never a document number); null when nothing. */
  given: string | null;
  listed: string;
  result: AttributeResult;
  /** In plain words, why. */
  explanation: string;
  /** An exact agreement (the same day of birth, document number, street address, e-mail, phone, website) confirms even a partial name match. */
  isExact?: boolean;
}

export const compact = (value: string) =>
  value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
export const alphanumeric = (value: string) => compact(value).replace(/ /g, '');
export const digits = (value: string) => value.replace(/\D/g, '');

/** One attribute's comparison: what was compared (`about`), how it came out and why. */
export function compared(
  about: Pick<ComparedAttribute, 'attribute' | 'given' | 'listed'>,
  result: AttributeResult,
  explanation: string,
  isExact?: boolean,
): ComparedAttribute {
  return { ...about, result, explanation, ...(isExact === undefined ? {} : { isExact }) };
}
