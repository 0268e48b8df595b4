// Address normalisation so that "1 Main Street, Apt 2" and "1 MAIN ST #2" compare equal.
import type { Address } from './applicant-schema';

const abbreviations: Record<string, string> = {
  street: 'st',
  avenue: 'ave',
  av: 'ave',
  road: 'rd',
  drive: 'dr',
  boulevard: 'blvd',
  lane: 'ln',
  court: 'ct',
  place: 'pl',
  square: 'sq',
  terrace: 'ter',
  parkway: 'pkwy',
  highway: 'hwy',
  circle: 'cir',
  way: 'way',
  // Every kind of unit designator is one token, so "Apt 2", "Suite 2" and "#2" compare equal.
  apartment: 'unit',
  apt: 'unit',
  suite: 'unit',
  ste: 'unit',
  flat: 'unit',
  floor: 'fl',
  building: 'bldg',
  room: 'rm',
  north: 'n',
  south: 's',
  east: 'e',
  west: 'w',
  northeast: 'ne',
  northwest: 'nw',
  southeast: 'se',
  southwest: 'sw',
};

function normaliseText(value: string | null | undefined): string {
  if (!value) return '';
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/#/g, ' unit ')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => abbreviations[word] ?? word)
    .join(' ');
}

// A screening asks for the same few addresses' keys a dozen times (indicators, links, household, known addresses);
// the applicant is not changed once parsed, so each address object's key is kept as long as the object lives.
const keysOfAddresses = new WeakMap<Address, string | null>();

/** A comparable key for an address, or null when it has too little to compare. */
export function addressKey(address: Address | null | undefined): string | null {
  if (!address) return null;
  let key = keysOfAddresses.get(address);
  if (key === undefined) {
    key = computeAddressKey(address);
    keysOfAddresses.set(address, key);
  }
  return key;
}

function computeAddressKey(address: Address): string | null {
  const street = normaliseText([address.line1, address.line2].filter(Boolean).join(' ')).replace(
    /\b(unit|fl|rm|bldg)\s+(?=\S)/g,
    '$1',
  );
  if (!street) return null;
  const postal = (address.postalCode ?? '').toLowerCase().replace(/[^a-z0-9]/g, '');
  return [street, normaliseText(address.city), postal, (address.country ?? '').toLowerCase()].join('|');
}

/** Whether two addresses are known to differ (both comparable and not the same place). */
export function addressesDiffer(a: Address | null | undefined, b: Address | null | undefined): boolean {
  const left = addressKey(a);
  const right = addressKey(b);
  if (!left || !right) return false;
  const [streetA, cityA, postalA, countryA] = left.split('|');
  const [streetB, cityB, postalB, countryB] = right.split('|');
  if (countryA && countryB && countryA !== countryB) return true;
  if (postalA && postalB && postalA !== postalB) return true;
  if (cityA && cityB && cityA !== cityB) return true;
  return streetA !== streetB;
}
