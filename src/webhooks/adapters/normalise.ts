// Turns the free-text values ATSs send (dates, addresses, places, links, contact lists) into contract fields.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { applicantSchema, type ApplicantInput } from '../../applicants/applicant-schema';
import { countryCodes, isCountryCode } from '../../applicants/countries';
import { asArray, asObject, asText } from './read';
import type { SkippedField } from './types';

type AddressInput = NonNullable<ApplicantInput['residentialAddress']>;
type ProfilesInput = NonNullable<ApplicantInput['profiles']>;

// ---------------------------------------------------------------- countries

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
    us: 'US', usa: 'US', 'united states of america': 'US', america: 'US',
    uk: 'GB', 'great britain': 'GB', britain: 'GB', england: 'GB', scotland: 'GB', wales: 'GB', 'northern ireland': 'GB',
    'south korea': 'KR', 'republic of korea': 'KR', korea: 'KR', 'north korea': 'KP', dprk: 'KP',
    'democratic peoples republic of korea': 'KP', russia: 'RU', 'russian federation': 'RU', 'czech republic': 'CZ',
    'viet nam': 'VN', uae: 'AE', holland: 'NL', 'the netherlands': 'NL', 'ivory coast': 'CI', burma: 'MM',
    'hong kong': 'HK', macau: 'MO', macao: 'MO', 'mainland china': 'CN', 'peoples republic of china': 'CN', prc: 'CN',
    laos: 'LA', 'lao pdr': 'LA', 'republic of china': 'TW', palestine: 'PS', 'the bahamas': 'BS', 'the gambia': 'GM',
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

// ---------------------------------------------------------------- dates

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1900 && year <= 2200 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
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
  if ((match = /^(\d{4})-(\d{2})$/.exec(text))) return isRealDate(Number(match[1]), Number(match[2]), 1) ? text : undefined;
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

// ---------------------------------------------------------------- addresses and places

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

// ---------------------------------------------------------------- links

// First path segments on github.com that are pages, not people.
const githubPages = new Set(['about', 'apps', 'collections', 'contact', 'enterprise', 'events', 'explore', 'features', 'login', 'marketplace', 'orgs', 'pricing', 'search', 'settings', 'site', 'sponsors', 'topics', 'trending']);

// Social networks: a link there is not a portfolio.
const socialHosts = ['twitter.com', 'x.com', 'facebook.com', 'instagram.com', 'tiktok.com', 'youtube.com', 'threads.net', 'reddit.com', 't.me', 'telegram.me', 'wa.me', 'vk.com', 'weibo.com', 'mastodon.social', 'bsky.app'];

export type ProfileLink = { kind: 'linkedin'; url: string } | { kind: 'github'; login: string } | { kind: 'web'; url: string } | { kind: 'social'; url: string };

/** An http(s) URL, with https:// added to a bare domain ("mysite.com"); handles ("@someone") are not links. */
export function webUrl(value: unknown): URL | undefined {
  const text = asText(value, 2000);
  if (!text || /\s/.test(text)) return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : /^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(:\d+)?([/?#]\S*)?$/i.test(text) ? `https://${text}` : undefined;
  if (!withScheme || !URL.canParse(withScheme)) return undefined;
  const url = new URL(withScheme);
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.') ? url : undefined;
}

export function classifyLink(value: unknown): ProfileLink | undefined {
  const url = webUrl(value);
  if (!url) return undefined;
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  if (host === 'linkedin.com' || host.endsWith('.linkedin.com')) return { kind: 'linkedin', url: url.href };
  if (host === 'github.com') {
    const login = url.pathname.split('/')[1] ?? '';
    if (/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/.test(login) && !githubPages.has(login.toLowerCase())) return { kind: 'github', login };
    return undefined;
  }
  if (socialHosts.some((social) => host === social || host.endsWith(`.${social}`))) return { kind: 'social', url: url.href };
  return { kind: 'web', url: url.href };
}

/**
 * Profiles from an applicant's links: the first LinkedIn URL, the first github.com/<login>, and the first other
 * web address as the portfolio. Only `websites` may become the portfolio (Greenhouse's social media addresses are
 * not one), and never a social network's page.
 */
export function profilesFrom(websites: unknown[], socialLinks: unknown[]): ProfilesInput | undefined {
  const profiles: ProfilesInput = {};
  for (const [list, mayBePortfolio] of [[websites, true], [socialLinks, false]] as const) {
    for (const value of list) {
      const link = classifyLink(value);
      if (link?.kind === 'linkedin' && !profiles.linkedin) profiles.linkedin = { url: link.url };
      else if (link?.kind === 'github' && !profiles.github) profiles.github = { login: link.login };
      else if (link?.kind === 'web' && mayBePortfolio && !profiles.portfolioUrl) profiles.portfolioUrl = link.url;
    }
  }
  return Object.keys(profiles).length > 0 ? profiles : undefined;
}

// ---------------------------------------------------------------- names and contacts

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
  return values.map((entry, index) => ({ entry, index })).sort((a, b) => rank(a.entry) - rank(b.entry) || a.index - b.index).map(({ entry }) => entry);
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
  return parsePhoneNumberFromString(value, country as CountryCode | undefined)?.isPossible() === true;
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
export function unusedContacts(emails: TypedValue[], email: string | undefined, phones: TypedValue[], phone: string | undefined): SkippedField[] {
  const skipped: SkippedField[] = [];
  if (!email && emails.some((entry) => entry.value != null && entry.value !== '')) {
    skipped.push({ field: 'person.email', reason: 'none of the e-mail addresses is valid' });
  }
  if (!phone && phones.some((entry) => entry.value != null && entry.value !== '')) {
    skipped.push({ field: 'person.phone', reason: 'no number can be dialled: given without a country code and no claimed country to read it in, or not a phone number' });
  }
  return skipped;
}
