// Addresses and contact details (e-mail, phone, website): they can confirm a hit, never clear one.
import { compact, compared, digits, type ComparedAttribute, type ScreenedIdentity } from './compared-attribute';
import type { SanctionsEntry } from './types';

// A listed address counts only with a street: a city or a country is where many people live.
export function compareAddresses(entry: SanctionsEntry, identity: ScreenedIdentity): ComparedAttribute | null {
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

export function compareContacts(entry: SanctionsEntry, identity: ScreenedIdentity): ComparedAttribute[] {
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
