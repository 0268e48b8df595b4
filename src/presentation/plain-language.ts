// The words people read: indicator, field, enum and programme labels, country names and one date format, used by
// the pages, CSV headers and notifications (the API keeps its codes and ids).
// The words live in one file per subject; this is the layer's one entry point.
export {
  countedPoints,
  FAMILY_LABELS,
  familyLabel,
  findingHeadline,
  INDICATOR_LABELS,
  indicatorLabel,
  plainAdvice,
  whyItMatters,
} from './indicator-words';
export { columnLabel, FIELD_LABELS, fieldLabel, humaniseKey } from './field-words';
export { CASE_STATUS_LABELS, valueLabel } from './value-words';
export { countryName, plainSentence } from './country-words';
export { programmeLabel, sanctionsListLabel } from './sanctions-words';
export { formatDate, formatDateTime, ISO_DATE } from './dates';
