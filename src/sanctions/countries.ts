// Maps OFAC's country wording ("Korea, North", "Burma", "Region: Crimea") and ISO codes to ISO 3166-1 alpha-2.
import { countryCodes } from '../applicants/countries';

// OFAC spellings that differ from the English names Intl gives for the codes.
const ofacNames: Record<string, string> = {
  'korea north': 'KP',
  'north korea': 'KP',
  dprk: 'KP',
  'korea south': 'KR',
  'south korea': 'KR',
  burma: 'MM',
  turkey: 'TR',
  'cote d ivoire': 'CI',
  'czech republic': 'CZ',
  'hong kong': 'HK',
  macau: 'MO',
  macao: 'MO',
  'cabo verde': 'CV',
  'congo democratic republic of the': 'CD',
  'congo republic of the': 'CG',
  palestinian: 'PS',
  'possibly palestinian': 'PS',
  'west bank': 'PS',
  'region gaza': 'PS',
  'region north gaza': 'PS',
  'region northern gaza': 'PS',
  'region west bank': 'PS',
  gaza: 'PS',
  'bahamas the': 'BS',
  'the gambia': 'GM',
  'north macedonia the republic of': 'MK',
  'virgin islands british': 'VG',
  'man isle of': 'IM',
  'region crimea': 'UA',
  'region russia': 'RU',
  'region northern mali': 'ML',
  'netherlands antilles': 'CW',
  swaziland: 'SZ',
  'micronesia federated states of': 'FM',
  'saint kitts and nevis': 'KN',
  'saint vincent and the grenadines': 'VC',
  'saint lucia': 'LC',
  'sao tome and principe': 'ST',
  'united states of america': 'US',
  usa: 'US',
  uk: 'GB',
  'great britain': 'GB',
  'russian federation': 'RU',
};

function comparable(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

let byName: Map<string, string> | null = null;

function names(): Map<string, string> {
  if (byName) return byName;
  byName = new Map();
  const display = new Intl.DisplayNames(['en'], { type: 'region' });
  for (const code of countryCodes) {
    const name = display.of(code);
    if (name) byName.set(comparable(name.replace(/\s*\(.*\)$/, '')), code);
  }
  for (const [name, code] of Object.entries(ofacNames)) byName.set(name, code);
  return byName;
}

/** ISO alpha-2 code for an ISO code or a country name as OFAC or Intl write it; null when unknown. */
export function toCountryCode(value: string | null | undefined): string | null {
  if (value == null) return null;
  const trimmed = value.trim();
  if (/^[A-Za-z]{2}$/.test(trimmed) && countryCodes.has(trimmed.toUpperCase())) return trimmed.toUpperCase();
  const key = comparable(trimmed);
  const direct = names().get(key);
  if (direct) return direct;
  // "Pyongyang, North Korea", "Abovyan, Armenia": a place of birth ends with its country.
  const last = key.split(' ').length > 1 ? comparable(trimmed.split(',').pop() ?? '') : '';
  return last === '' || last === key ? null : (names().get(last) ?? null);
}

/** Whether the text names a country and nothing more ("Korea, North", "KP"): a country is never an identifier of a person. */
export function isCountryOnly(value: string | null | undefined): boolean {
  if (value == null) return false;
  const trimmed = value.trim();
  if (/^[A-Za-z]{2}$/.test(trimmed)) return countryCodes.has(trimmed.toUpperCase());
  return names().has(comparable(trimmed));
}
