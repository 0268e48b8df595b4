// One reading of a phone number per request: the webhook adapters' dialling check, the contract's and the screening's
// phone facts read the same number in the same numbering plan, a few microseconds apart.
import { parsePhoneNumberFromString, type CountryCode, type PhoneNumber } from 'libphonenumber-js/max';
import { recentMemo } from './recent-memo';

// Few entries, so that each is pushed out before the young generation's next collection: an entry that lived longer
// would be copied to the old generation only to die there (a busy service screens ~50 applicants between two).
const remember = recentMemo<PhoneNumber | undefined>(32);

/** libphonenumber-js's reading of `value` (in `defaultCountry`'s plan when it has no +), remembered briefly. */
export function parsePhone(value: string, defaultCountry?: string | null): PhoneNumber | undefined {
  return remember(`${defaultCountry ?? ''}\u0000${value}`, () =>
    parsePhoneNumberFromString(value, (defaultCountry ?? undefined) as CountryCode | undefined),
  );
}
