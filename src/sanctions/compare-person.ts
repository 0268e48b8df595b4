// The identifiers of a person the entry may list: date and place of birth, and identity documents.
import { isCountryOnly, toCountryCode } from './countries';
import { compareDatesOfBirth, parseDateOfBirth } from './dates';
import { alphanumeric, compact, compared, type ComparedAttribute, type ScreenedIdentity } from './compared-attribute';
import type { SanctionsEntry, SanctionsIdentifier } from './types';

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

export function compareDateOfBirth(entry: SanctionsEntry, identity: ScreenedIdentity): ComparedAttribute | null {
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

export function comparePlaceOfBirth(entry: SanctionsEntry, identity: ScreenedIdentity): ComparedAttribute | null {
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

export function compareDocument(entry: SanctionsEntry, identity: ScreenedIdentity): ComparedAttribute | null {
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
