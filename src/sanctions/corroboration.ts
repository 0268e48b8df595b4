// A name hit is only a potential match (OFAC's screening guidance): it is confirmed or cleared by comparing the other
// identifiers the screened party gave with those the listed entry has, attribute by attribute. Pure.
import { isCountryOnly, toCountryCode } from './countries';
import { compareDatesOfBirth, parseDateOfBirth } from './dates';
import { distinctiveWords, MIN_DISTINCTIVE_WORDS, sharedDistinctiveWords } from './distinctive-name';
import type { SanctionsEntry, SanctionsIdentifier, TokenScore } from './types';

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

/**
 * confirmed: at least one identifier agrees and none contradicts; contradicted: a date of birth more than a year from
 * every listed one, or a different document number, and nothing agrees; conflicting: both; unconfirmed: nothing
 * compared either way (a name alone).
 */
export type ComparisonOutcome = 'confirmed' | 'contradicted' | 'conflicting' | 'unconfirmed';

export interface IdentifierComparison {
  outcome: ComparisonOutcome;
  attributes: ComparedAttribute[];
  /** Identifiers the entry lists that the screened party did not give, to collect before an offer. */
  missing: string[];
}

const compact = (value: string) =>
  value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
const alphanumeric = (value: string) => compact(value).replace(/ /g, '');
const digits = (value: string) => value.replace(/\D/g, '');

// Listed identifier kinds per document type an applicant gives.
const documentKinds: Record<string, string[]> = {
  passport: ['Passport', 'Diplomatic Passport'],
  national_id: [
    'National ID No.',
    'Personal ID Card',
    'Identification Number',
    'Numero de Identidad',
    'Cedula No.',
    'D.N.I.',
    'Turkish Identification Number',
    'National Foreign ID Number',
    'C.U.R.P.',
    'Residency Number',
  ],
  drivers_license: ["Driver's License No."],
};
const personDocumentKinds = Object.values(documentKinds).flat();

/** One attribute's comparison: what was compared (`about`), how it came out and why. */
function compared(
  about: Pick<ComparedAttribute, 'attribute' | 'given' | 'listed'>,
  result: AttributeResult,
  explanation: string,
  isExact?: boolean,
): ComparedAttribute {
  return { ...about, result, explanation, ...(isExact === undefined ? {} : { isExact }) };
}

function compareDateOfBirth(entry: SanctionsEntry, identity: ScreenedIdentity): ComparedAttribute | null {
  if (entry.datesOfBirth.length === 0) return null;
  const listed = entry.datesOfBirth.join(' / ');
  const given = identity.dateOfBirth ?? null;
  if (!given)
    return compared(
      { attribute: 'date of birth', given: null, listed },
      'missing',
      `no date of birth given; the entry lists ${listed}`,
    );
  // Reviewers see the birth year only (the stored snapshot keeps no more).
  const about = { attribute: 'date of birth', given: `born ${given.slice(0, 4)}`, listed } as const;
  const agreement = compareDatesOfBirth(given, entry.datesOfBirth);
  const isYearOnly = !(parseDateOfBirth(given)?.isDay ?? false);
  switch (agreement) {
    case 'same-day':
      return compared(about, 'agrees', `the date of birth is the listed ${listed}`, true);
    case 'compatible':
      return compared(
        about,
        'agrees',
        isYearOnly
          ? `the birth year (the stored screening keeps only the year) fits the listed ${listed}`
          : `the date of birth falls within the listed ${listed}`,
      );
    case 'near':
      return compared(
        about,
        'inconclusive',
        `the date of birth is within a year of the listed ${listed} but not the same: check the document`,
      );
    case 'different':
      return compared(about, 'contradicts', `the date of birth is more than a year from the listed ${listed}`);
    default:
      return compared(about, 'inconclusive', `the listed date of birth (${listed}) cannot be read`);
  }
}

// Places are compared below the country: a country of birth alone is national origin, never an identifier.
function placePart(place: string): string | null {
  const first = place.split(',')[0]?.trim() ?? '';
  return first === '' || isCountryOnly(first) || isCountryOnly(place) ? null : compact(first);
}

function comparePlaceOfBirth(entry: SanctionsEntry, identity: ScreenedIdentity): ComparedAttribute | null {
  const listedPlaces = entry.placesOfBirth.filter((place) => placePart(place) !== null);
  if (listedPlaces.length === 0) return null;
  const listed = listedPlaces.join(' / ');
  const given = identity.placeOfBirth?.trim() || null;
  const about = { attribute: 'place of birth', given, listed } as const;
  if (!given) return compared(about, 'missing', `no place of birth given; the entry lists ${listed}`);
  const place = placePart(given);
  if (!place) return compared(about, 'inconclusive', 'a country alone is not compared: give the town or city of birth');
  const isSame = listedPlaces.some((listedPlace) => placePart(listedPlace) === place);
  // A different town is not a contradiction: OFAC lists places as reported, often one of several.
  return isSame
    ? compared(about, 'agrees', `the place of birth is the listed ${listed}`)
    : compared(
        about,
        'inconclusive',
        `the place of birth differs from the listed ${listed} (not enough to clear the hit alone)`,
      );
}

function compareDocument(entry: SanctionsEntry, identity: ScreenedIdentity): ComparedAttribute | null {
  const number = identity.document?.number ? alphanumeric(identity.document.number) : '';
  const type = identity.document?.type ?? null;
  const kinds = type && documentKinds[type] ? documentKinds[type]! : personDocumentKinds;
  const listedDocuments = entry.identifiers.filter((identifier) => kinds.includes(identifier.kind));
  if (listedDocuments.length === 0) return null;
  const listed = listedDocuments.map(describeIdentifier).join(' / ');
  const prior = identity.document?.priorChecks?.[entry.uid];
  // The number is compared here and stored nowhere (not in the snapshot, not in the evidence).
  const about = { attribute: 'identity document', given: 'a number was given', listed } as const;
  if (!number && prior) {
    const was = prior === 'agrees' ? 'was the listed one' : 'differed from the listed one';
    const explanation = `the document number ${was} when the applicant was screened (the number is not stored)`;
    return compared(about, prior, explanation, prior === 'agrees');
  }
  if (!number)
    return compared({ ...about, given: null }, 'missing', `no document number given; the entry lists ${listed}`);
  if (listedDocuments.some((identifier) => alphanumeric(identifier.value) === number))
    return compared(about, 'agrees', `the document number is the listed ${listed}`, true);
  // Another country's document says nothing about this one; an unknown type may be another kind of document.
  const issuer = toCountryCode(identity.document?.issuingCountry ?? null);
  const sameIssuer = listedDocuments.filter(
    (identifier) => !issuer || !toCountryCode(identifier.country) || toCountryCode(identifier.country) === issuer,
  );
  if (!type || !documentKinds[type] || sameIssuer.length === 0)
    return compared(
      about,
      'inconclusive',
      `the document number differs from the listed ${listed}, but it is not the same kind or country of document`,
    );
  const differing = sameIssuer.map(describeIdentifier).join(' / ');
  return compared(about, 'contradicts', `the document number differs from the listed ${differing}`);
}

function describeIdentifier(identifier: SanctionsIdentifier): string {
  return `${identifier.kind} ${identifier.value}${identifier.country ? ` (${identifier.country})` : ''}`;
}

// A listed address counts only with a street: a city or a country is where many people live.
function compareAddresses(entry: SanctionsEntry, identity: ScreenedIdentity): ComparedAttribute | null {
  const listedAddresses = entry.addresses.filter((address) => address.address && compact(address.address).length >= 4);
  if (listedAddresses.length === 0) return null;
  const listed = listedAddresses
    .map((address) => [address.address, address.city, address.country].filter(Boolean).join(', '))
    .join(' / ');
  const given = (identity.addresses ?? []).filter((address) => address.line1);
  if (given.length === 0) return null;
  for (const address of given) {
    const line = compact(address.line1!);
    const city = address.city ? compact(address.city) : null;
    const hit = listedAddresses.find((listedAddress) => {
      const street = compact(listedAddress.address!);
      const isSameStreet =
        street === line || (line.length >= 8 && street.includes(line)) || (street.length >= 8 && line.includes(street));
      const listedCity = listedAddress.city ? compact(listedAddress.city) : null;
      return isSameStreet && (!city || !listedCity || listedCity.includes(city) || city.includes(listedCity));
    });
    // The applicant's street line is masked on pages until revealed: the evidence names it without repeating it.
    if (hit)
      return compared(
        { attribute: 'address', given: `an address in ${address.city ?? 'the same city'}`, listed },
        'agrees',
        'an address given is one the entry lists',
        true,
      );
  }
  // A different address is no contradiction: people move, and entries list old addresses.
  return null;
}

function compareContacts(entry: SanctionsEntry, identity: ScreenedIdentity): ComparedAttribute[] {
  const found: ComparedAttribute[] = [];
  const check = (
    attribute: 'e-mail' | 'phone' | 'website',
    kind: string,
    given: string[],
    key: (value: string) => string,
  ) => {
    const listedValues = entry.identifiers
      .filter((identifier) => identifier.kind === kind)
      .map((identifier) => identifier.value);
    if (listedValues.length === 0 || given.length === 0) return;
    const listedKeys = new Set(listedValues.map(key).filter((value) => value !== ''));
    const same = given.find((value) => listedKeys.has(key(value)));
    // Contact details are masked on pages until revealed: the evidence says which agreed without repeating them.
    if (same) {
      const about = { attribute, given: `the ${attribute} given`, listed: listedValues.join(' / ') };
      found.push(compared(about, 'agrees', `the ${attribute} is one the entry lists`, true));
    }
  };
  check('e-mail', 'Email Address', identity.emails ?? [], (value) => value.trim().toLowerCase());
  // Phones compare by their last nine digits (country codes and trunk zeros are written differently).
  check('phone', 'Phone Number', identity.phones ?? [], (value) =>
    digits(value).length >= 7 ? digits(value).slice(-9) : '',
  );
  check('website', 'Website', identity.websites ?? [], (value) =>
    value
      .trim()
      .toLowerCase()
      .replace(/^https?:\/\//, '')
      .replace(/^www\./, '')
      .replace(/[/?#].*$/, ''),
  );
  return found;
}

/** For an organisation: whether the words the screened name shares with the listed name identify it. */
function compareEntityName(listedName: string, tokenScores: readonly TokenScore[]): ComparedAttribute {
  const paired = tokenScores.filter((token) => token.listed !== '' && token.score >= 0.9).map((token) => token.listed);
  const shared = sharedDistinctiveWords(listedName, paired);
  const about = { attribute: 'listed name', given: null, listed: listedName } as const;
  if (shared.length >= MIN_DISTINCTIVE_WORDS)
    return compared(
      about,
      'agrees',
      `the name shares the distinctive word(s) ${shared.join(', ')} with the listed name, not only generic ones`,
    );
  return compared(
    about,
    'inconclusive',
    distinctiveWords(listedName).length === 0
      ? 'the listed name is made only of generic words (trade, place, legal form): it could be any such company'
      : 'the name shares only generic words with the listed name',
  );
}

export interface ComparedName {
  /** The listed name that matched (primary or alias). */
  matchedName: string;
  tokenScores: readonly TokenScore[];
  /** true when the screened field names an organisation (employer, payee), or may (undefined). */
  isEntityField?: boolean;
}

/** Compares what the screened party gave with what the entry lists; the outcome decides whether a name hit counts. */
export function compareWithEntry(
  entry: SanctionsEntry,
  identity: ScreenedIdentity,
  name: ComparedName,
): IdentifierComparison {
  const attributes: ComparedAttribute[] = [];
  const push = (attribute: ComparedAttribute | null) => {
    if (attribute) attributes.push(attribute);
  };
  if (entry.type === 'individual') {
    push(compareDateOfBirth(entry, identity));
    push(comparePlaceOfBirth(entry, identity));
    push(compareDocument(entry, identity));
  } else if (name.isEntityField !== false) {
    push(compareEntityName(name.matchedName, name.tokenScores));
  }
  push(compareAddresses(entry, identity));
  attributes.push(...compareContacts(entry, identity));
  const agrees = attributes.some((attribute) => attribute.result === 'agrees');
  const contradicts = attributes.some((attribute) => attribute.result === 'contradicts');
  const outcome: ComparisonOutcome = agrees
    ? contradicts
      ? 'conflicting'
      : 'confirmed'
    : contradicts
      ? 'contradicted'
      : 'unconfirmed';
  return {
    outcome,
    attributes,
    missing: attributes.filter((attribute) => attribute.result === 'missing').map((attribute) => attribute.attribute),
  };
}
