// Reads OFAC's remarks mini-language ("DOB 05 Jan 1979; nationality Korea, North; a.k.a. 'X'; Linked To: Y.").
import type { AliasKind, SanctionsAlias, SanctionsEntry, SanctionsIdentifier } from './types';

/** What the remarks add to an entry: its weak aliases, and the entry's attributes the remarks spell out. */
export interface ParsedRemarks extends Pick<
  SanctionsEntry,
  | 'datesOfBirth'
  | 'placesOfBirth'
  | 'nationalities'
  | 'citizenships'
  | 'gender'
  | 'identifiers'
  | 'digitalCurrencyAddresses'
  | 'linkedTo'
> {
  weakAliases: SanctionsAlias[];
}

// Identifier labels seen in the 2024 sdn.csv remarks (each followed by a number, optionally "(Country)",
// "issued ...", "expires ..."). Longest first so that "Passport" does not swallow "Diplomatic Passport".
const identifierKinds = [
  'Aircraft Construction Number (also called L/N or S/N or F/N)',
  "Aircraft Manufacturer's Serial Number (MSN)",
  'Unified Social Credit Code (USCC)',
  'Vessel Registration Identification',
  'Dubai Chamber of Commerce Membership No.',
  'Central Registration System Number',
  'Cartilla de Servicio Militar Nacional',
  'Certificate of Incorporation Number',
  'Economic Register Number (CBLS)',
  'Business Registration Document #',
  'Istanbul Chamber of Comm. No.',
  'Aircraft Mode S Transponder Code',
  'Turkish Identification Number',
  'National Foreign ID Number',
  'Business Registration Number',
  'Chamber of Commerce Number',
  'Commercial Registry Number',
  'Public Registration Number',
  'Government Gazette Number',
  'Birth Certificate Number',
  'Chinese Commercial Code',
  'Registered Charity No.',
  'Electoral Registry No.',
  'Aircraft Tail Number',
  'Identification Number',
  'Legal Entity Number',
  'Matricula Mercantil No',
  'Credencial electoral',
  'Numero de Identidad',
  "Driver's License No.",
  'Folio Mercantil No.',
  'Diplomatic Passport',
  'Registration Number',
  'UK Company Number',
  'Trade License No.',
  'Branch Unit Number',
  'Enterprise Number',
  'Residency Number',
  'Personal ID Card',
  'National ID No.',
  'Business Number',
  'Italian Fiscal Code',
  'Registration ID',
  'Company Number',
  'D-U-N-S Number',
  'Permit Number',
  'Email Address',
  'Phone Number',
  'V.A.T. Number',
  'Tax ID No.',
  'LE Number',
  'C.U.R.P.',
  'Cedula No.',
  'C.U.I.T.',
  'Passport',
  'SWIFT/BIC',
  'BIK (RU)',
  'C.R. No.',
  'US FEIN',
  'Website',
  'R.F.C.',
  'NIT #',
  'RUC #',
  'RIF #',
  'D.N.I.',
  'C.U.I.',
  'I.F.E.',
  'MMSI',
  'RFC',
  'SSN',
].sort((a, b) => b.length - a.length);

const weakAliasPattern = /^([afn])\.k\.a\.\s*'(.*)'$/;
const currencyPattern = /^Digital Currency Address - ([A-Za-z0-9]+)\s+(\S+)$/;

/** Splits remarks into items: `; `-separated, OFAC's final `.` removed, "alt." prefixes dropped. */
export function splitRemarks(remarks: string): string[] {
  const body = remarks.trim().replace(/\.$/, '');
  return body
    .split(/;\s*/)
    .map((item) => item.trim().replace(/^alt\.\s+/, ''))
    .filter((item) => item !== '');
}

/** An entry's attributes the remarks spell out, before any is read: all empty. */
export function noRemarkedAttributes(): Omit<ParsedRemarks, 'weakAliases'> {
  return {
    datesOfBirth: [],
    placesOfBirth: [],
    nationalities: [],
    citizenships: [],
    gender: null,
    identifiers: [],
    digitalCurrencyAddresses: [],
    linkedTo: [],
  };
}

export function parseRemarks(remarks: string | null): ParsedRemarks {
  const parsed: ParsedRemarks = { weakAliases: [], ...noRemarkedAttributes() };
  if (remarks == null) return parsed;
  for (const item of splitRemarks(remarks)) readItem(item, parsed);
  return parsed;
}

// Labels whose text is kept as written, each in its own list.
const LISTED_BY_LABEL = new Map<string, 'datesOfBirth' | 'placesOfBirth' | 'nationalities' | 'citizenships'>([
  ['DOB', 'datesOfBirth'],
  ['POB', 'placesOfBirth'],
  ['nationality', 'nationalities'],
  ['citizen', 'citizenships'],
]);

function readItem(item: string, parsed: ParsedRemarks): void {
  const weak = weakAliasPattern.exec(item);
  if (weak) {
    const name = weak[2]!.trim();
    if (name !== '') parsed.weakAliases.push({ name, isWeak: true, kind: `${weak[1]}ka` as AliasKind });
    return;
  }
  const currency = currencyPattern.exec(item);
  if (currency) {
    parsed.digitalCurrencyAddresses.push({ chain: currency[1]!.toUpperCase(), address: currency[2]! });
    return;
  }
  const [label, rest] = splitLabel(item);
  const list = LISTED_BY_LABEL.get(label);
  if (list) {
    parsed[list].push(rest);
    return;
  }
  switch (label) {
    case 'Gender':
      parsed.gender = rest;
      return;
    case 'Linked To:':
      parsed.linkedTo.push(rest.replace(/\.$/, '').trim());
      return;
    default:
      break;
  }
  const kind = identifierKinds.find((candidate) => item.startsWith(`${candidate} `));
  if (kind) parsed.identifiers.push(readIdentifier(kind, item.slice(kind.length + 1)));
}

function splitLabel(item: string): [string, string] {
  if (item.startsWith('Linked To:')) return ['Linked To:', item.slice('Linked To:'.length).trim()];
  const space = item.indexOf(' ');
  return space < 0 ? [item, ''] : [item.slice(0, space), item.slice(space + 1).trim()];
}

// "<text> expires <date>" -> [text, date]; [text, null] without the word.
function splitAfter(text: string, word: RegExp): [string, string | null] {
  const match = word.exec(text);
  return match ? [text.slice(0, match.index), text.slice(match.index + match[0].length).trim()] : [text, null];
}

// "381220302 (Korea, North) issued 01 Jul 2019 expires 12 May 2025" -> value, country, issued, expires.
function readIdentifier(kind: string, text: string): SanctionsIdentifier {
  const [beforeExpiry, expires] = splitAfter(text.trim(), /\s+expires\s+/);
  const [beforeIssue, issued] = splitAfter(beforeExpiry, /\s+issued\s+/);
  let rest = beforeIssue;
  let country: string | null = null;
  const countryMatch = /\s*\(([^()]+)\)$/.exec(rest);
  if (countryMatch && rest.length > countryMatch[0].length) {
    country = countryMatch[1]!.trim();
    rest = rest.slice(0, countryMatch.index);
  }
  return { kind, value: rest.trim(), country, issued, expires };
}
