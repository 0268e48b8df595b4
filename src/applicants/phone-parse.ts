// One reading of a phone number per request: the contract's dialling check and the screening's phone facts read the
// same number in the same numbering plan, a few microseconds apart.
import { parsePhoneNumberFromString, type CountryCode, type PhoneNumber } from 'libphonenumber-js/max';
import { recentMemo } from './recent-memo';

// A few hundred entries cover the requests in flight; a number seen once costs one entry until it is pushed out.
const remember = recentMemo<PhoneNumber | undefined>(256);

/** libphonenumber-js's reading of `value` (in `defaultCountry`'s plan when it has no +), remembered briefly. */
export function parsePhone(value: string, defaultCountry?: string | null): PhoneNumber | undefined {
  return remember(`${defaultCountry ?? ''}\u0000${value}`, () =>
    parsePhoneNumberFromString(value, (defaultCountry ?? undefined) as CountryCode | undefined),
  );
}
