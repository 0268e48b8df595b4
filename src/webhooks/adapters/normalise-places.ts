// Countries, addresses and places as ATSs write them ("USA", "123 Test Street\nNew York, NY 10001", "Austin, TX")
// in the contract's fields.
import type { ApplicantInput } from '../../applicants/applicant-schema';
import { countryCodes, isCountryCode } from '../../applicants/countries';
import { asText } from './read';

type AddressInput = NonNullable<ApplicantInput['residentialAddress']>;

function nameKey(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’.]/g, '')
    .replace(/[^a-z]+/g, ' ')
    .trim();
}

const countryByName: ReadonlyMap<string, string> = (() => {
  const names = new Map<string, string>();
  const display = new Intl.DisplayNames(['en'], { type: 'region' });
  for (const code of countryCodes) {
    const name = display.of(code);
    if (!name || name === code) continue;
    names.set(nameKey(name), code);
    // "Myanmar (Burma)", "Congo - Kinshasa", "Hong Kong SAR China": the part before the qualifier is a name too.
    const short = name.split(/\s*[(-]\s*|\s+SAR\s+/)[0];
    if (short && short !== name && !names.has(nameKey(short))) names.set(nameKey(short), code);
  }
  const aliases: Record<string, string> = {
    us: 'US',
    usa: 'US',
    'united states of america': 'US',
    america: 'US',
    uk: 'GB',
    'great britain': 'GB',
    britain: 'GB',
    england: 'GB',
    scotland: 'GB',
    wales: 'GB',
    'northern ireland': 'GB',
    'south korea': 'KR',
    'republic of korea': 'KR',
    korea: 'KR',
    'north korea': 'KP',
    dprk: 'KP',
    'democratic peoples republic of korea': 'KP',
    russia: 'RU',
    'russian federation': 'RU',
    'czech republic': 'CZ',
    'viet nam': 'VN',
    uae: 'AE',
    holland: 'NL',
    'the netherlands': 'NL',
    'ivory coast': 'CI',
    burma: 'MM',
    'hong kong': 'HK',
    macau: 'MO',
    macao: 'MO',
    'mainland china': 'CN',
    'peoples republic of china': 'CN',
    prc: 'CN',
    laos: 'LA',
    'lao pdr': 'LA',
    'republic of china': 'TW',
    palestine: 'PS',
    'the bahamas': 'BS',
    'the gambia': 'GM',
  };
  for (const [alias, code] of Object.entries(aliases)) names.set(alias, code);
  return names;
})();

/** A country written out ("United States", "Deutschland" is not known) or a known alias ("USA", "UK"); never a bare state code. */
export function countryFromName(value: string): string | undefined {
  if (value.length > 80) return undefined;
  return countryByName.get(nameKey(value));
}

/** A value meant to be a country: an ISO 3166-1 alpha-2 code in any case, or a country's English name. */
export function countryFromValue(value: unknown): string | undefined {
  const text = asText(value, 80);
  if (!text) return undefined;
  if (/^[A-Za-z]{2}$/.test(text) && isCountryCode(text.toUpperCase())) return text.toUpperCase();
  return countryFromName(text);
}

// "NY 10001", "CA 94105-1234", "ON M5V 2T6", "NY 101-11": a region code and a postal code.
const regionAndPostal = /^([A-Z]{2,3})\s+(\d[\d-]{2,9}|[A-Z]\d[A-Z] ?\d[A-Z]\d)$/;
// "Springfield IL 62704": city, US state, ZIP without a comma.
const cityRegionZip = /^(.*\S)\s+([A-Z]{2})\s+(\d{5}(?:-\d{4})?)$/;
// "10115 Berlin", "75001 Paris": postal code first (the town starts at its first letter, so the spaces have one owner).
const postalThenCity = /^(\d{4,6}(?:-\d{3,4})?)\s+([^\d\s].*)$/;
// "London SW1A 1AA": a UK postcode after the town.
// eslint-disable-next-line regexp/no-super-linear-backtracking -- quadratic at worst on at most 600 characters (asText): test/unit/safe-patterns.test.ts
const cityThenUkPostcode = /^(.*\D)\s+([A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2})$/i;
const postalOnly = /^\d[\d -]{2,9}$/;

interface Locality {
  city?: string;
  region?: string;
  postalCode?: string;
}

function readLocality(part: string): Locality | undefined {
  let match = regionAndPostal.exec(part);
  if (match) return { region: match[1], postalCode: match[2] };
  if ((match = cityRegionZip.exec(part))) return { city: match[1], region: match[2], postalCode: match[3] };
  if ((match = postalThenCity.exec(part))) return { postalCode: match[1], city: match[2]!.trim() };
  if ((match = cityThenUkPostcode.exec(part))) return { city: match[1]!.trim(), postalCode: match[2]!.toUpperCase() };
  if (postalOnly.test(part)) return { postalCode: part };
  // "…, San Francisco, CA": a state or province code alone.
  if (/^[A-Z]{2}$/.test(part)) return { region: part };
  return undefined;
}

const dropEmpty = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined && entry !== '')) as T;

/**
 * Best-effort split of a one-field address ("123 Test Street\nNew York, NY 10001") into the contract's parts.
 * The first part is the street; a trailing country is kept only when written out ("USA", "Germany"), never
 * guessed from a state or postal code. What cannot be split stays in line1/line2 as written.
 */
export function parseAddressText(value: unknown): AddressInput | undefined {
  const text = asText(value, 600);
  if (!text) return undefined;
  const parts = text
    .split(/\r?\n|,/)
    .map((part) => part.trim())
    .filter(Boolean);
  if (parts.length === 0) return undefined;
  let country: string | undefined;
  if (parts.length > 1) {
    country = countryFromName(parts[parts.length - 1]!);
    if (country) parts.pop();
  }
  const line1 = parts.shift()!;
  let locality: Locality = {};
  if (parts.length > 0) {
    const last = parts[parts.length - 1]!;
    const read = readLocality(last);
    if (read) {
      locality = read;
      parts.pop();
      if (!locality.city && parts.length > 0) locality.city = parts.pop();
    } else {
      // "…, Springfield": the last part is the town.
      locality.city = parts.pop();
    }
  }
  return dropEmpty({ line1, line2: parts.length > 0 ? parts.join(', ') : undefined, ...locality, country });
}

const placeless = /^(remote|anywhere|worldwide|global|n\/?a|none|unknown|-)$/i;

/** A free-text place ("Austin, TX", "Berlin, Germany") as claimed city, region and country; "Remote" says nothing. */
export function parseLocationText(value: unknown): { city?: string; region?: string; country?: string } | undefined {
  const text = asText(value, 200);
  if (!text || placeless.test(text)) return undefined;
  const parts = text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part && !placeless.test(part));
  if (parts.length === 0) return undefined;
  const country = countryFromName(parts[parts.length - 1]!);
  if (country) parts.pop();
  const [city, region] = parts.length >= 2 ? [parts[0], parts[parts.length - 1]] : [parts[0], undefined];
  const place = dropEmpty({ city, region, country });
  return Object.keys(place).length > 0 ? place : undefined;
}
