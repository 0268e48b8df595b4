// Phone numbering-plan facts from libphonenumber-js (full metadata): country, validity, line type.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

export interface PhoneFacts {
  e164: string;
  country: string | null;
  isValid: boolean;
  lineType: string | null;
}

export function inspectPhone(raw: string, defaultCountry?: string | null): PhoneFacts | null {
  const parsed = parsePhoneNumberFromString(raw, (defaultCountry ?? undefined) as CountryCode | undefined);
  if (!parsed) return null;
  return {
    e164: parsed.number,
    country: parsed.country ?? null,
    isValid: parsed.isValid(),
    lineType: parsed.getType() ?? null,
  };
}
