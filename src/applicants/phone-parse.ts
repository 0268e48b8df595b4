// One reading of a phone number per request: the contract's dialling check and the screening's phone facts read the
// same number in the same numbering plan, a few microseconds apart.
import { parsePhoneNumberFromString, type CountryCode, type PhoneNumber } from 'libphonenumber-js/max';

// A few hundred entries cover the requests in flight; a number seen once costs one entry until it is pushed out.
const MEMO_SIZE = 256;
const memo = new Map<string, PhoneNumber | undefined>();

/** libphonenumber-js's reading of `value` (in `defaultCountry`'s plan when it has no +), remembered briefly. */
export function parsePhone(value: string, defaultCountry?: string | null): PhoneNumber | undefined {
  const key = `${defaultCountry ?? ''}\u0000${value}`;
  if (memo.has(key)) return memo.get(key);
  const parsed = parsePhoneNumberFromString(value, (defaultCountry ?? undefined) as CountryCode | undefined);
  if (memo.size >= MEMO_SIZE) memo.delete(memo.keys().next().value!);
  memo.set(key, parsed);
  return parsed;
}
