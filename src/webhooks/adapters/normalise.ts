// Turns the free-text values ATSs send (dates, addresses, places, links, contact lists) into contract fields; one file
// per kind of value, this one the adapters' entry point.
export { countryFromName, countryFromValue, parseAddressText, parseLocationText } from './normalise-places';
export { partialDate } from './normalise-dates';
export { classifyLink, profilesFrom, webUrl, type ProfileLink } from './normalise-links';
export {
  isDialable,
  joinName,
  pickEmail,
  pickPhone,
  typedValues,
  unusedContacts,
  type TypedValue,
} from './normalise-contacts';
