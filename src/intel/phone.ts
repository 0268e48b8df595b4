// Phone numbering-plan facts from libphonenumber-js (full metadata): country, validity, line type.
import { parsePhone } from '../applicants/phone-parse';

export interface PhoneFacts {
  e164: string;
  country: string | null;
  isValid: boolean;
  lineType: string | null;
}

export function inspectPhone(raw: string, defaultCountry?: string | null): PhoneFacts | null {
  const parsed = parsePhone(raw, defaultCountry);
  if (!parsed) return null;
  return {
    e164: parsed.number,
    country: parsed.country ?? null,
    isValid: parsed.isValid(),
    lineType: parsed.getType() ?? null,
  };
}
