// Country names, and a finding's sentence with its country codes and contract field names in words.
import { fieldLabel } from './field-words';

let regionNames: Intl.DisplayNames | null = null;
// Names people use in sentences, where Intl's official form reads oddly.
const COUNTRY_OVERRIDES: Record<string, string> = {
  KP: 'North Korea',
  KR: 'South Korea',
  US: 'United States',
  GB: 'United Kingdom',
  RU: 'Russia',
  LA: 'Laos',
  CN: 'China',
  TW: 'Taiwan',
  HK: 'Hong Kong',
  MO: 'Macao',
};
const NEEDS_THE = new Set(['US', 'GB', 'AE', 'NL', 'PH', 'CZ']);

/** "LA" -> "Laos"; an unknown code is returned as it is. */
export function countryName(code: string): string {
  const upper = code.toUpperCase();
  const override = COUNTRY_OVERRIDES[upper];
  if (override) return override;
  regionNames ??= new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  try {
    return regionNames.of(upper) ?? code;
  } catch {
    return code;
  }
}

const inSentence = (code: string) => `${NEEDS_THE.has(code) ? 'the ' : ''}${countryName(code)}`;

// A two-letter code after these words is a country in the indicators' sentences ("came from LA", "claims to be in US").
const COUNTRY_IN_SENTENCE = /\b(from|in|outside|not|to|and|or|,)(\s+)([A-Z]{2})\b(?!-)/g;
const FIELD_IN_SENTENCE =
  /\b(identityDocument\.address|residentialAddress|claimedLocation|(?:person|payment|shipping|identityDocument|employment|references)\.[A-Za-z0-9.]+)\b/g;

/** A finding's sentence with country codes and contract field names in words; the stored message is not changed. */
export function plainSentence(text: string): string {
  return (
    text
      .replace(FIELD_IN_SENTENCE, (path: string) => fieldLabel(path))
      .replace(COUNTRY_IN_SENTENCE, (whole, before: string, space: string, code: string) => {
        const name = countryName(code);
        return name === code ? whole : `${before}${space}${inSentence(code)}`;
      })
      // "1 other case(s)" -> "1 other case"; "2 employer(s) or school(s)" -> "2 employers or schools".
      .replace(
        /\b(\d+) ((?:[a-z-]+ )?)([a-z-]+)\(s\)(?: or ([a-z-]+)\(s\))?/g,
        (_whole, count: string, before: string, noun: string, other?: string) => {
          const plural = count === '1' ? '' : 's';
          return `${count} ${before}${noun}${plural}${other ? ` or ${other}${plural}` : ''}`;
        },
      )
      .replace(/ +/g, ' ')
  );
}
