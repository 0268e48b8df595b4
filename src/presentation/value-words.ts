// Stored enum values in words, by the field that holds them.
import { countryName } from './country-words';
import { fieldLabel, sentenceCase } from './field-words';
import { programmeLabel, sanctionsListLabel } from './sanctions-words';

/** A case's status in words (the queue, the case page, the audit trail, the farm view). */
export const CASE_STATUS_LABELS: Readonly<Record<string, string>> = {
  open: 'Open',
  in_review: 'In review',
  escalated: 'Escalated',
  cleared: 'Cleared',
  confirmed_fraud: 'Confirmed fraud',
  withdrawn: 'Withdrawn',
  no_findings: 'Closed: no findings',
};

// Enum values in words, by the field that holds them (and as a fallback by value alone).
const VALUE_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  method: {
    bank_transfer: 'Bank transfer',
    paypal: 'PayPal',
    payoneer: 'Payoneer',
    wise: 'Wise',
    crypto: 'Cryptocurrency',
    check: 'Cheque',
    other: 'Other',
  },
  payeeType: { individual: 'The person', company: 'A company', msb: 'A money-service business' },
  kind: { application: 'Application', interview: 'Interview', onboarding: 'Onboarding', work: 'Work' },
  severity: { low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' },
  band: { low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' },
  status: CASE_STATUS_LABELS,
  strength: { strong: 'Strong', partial: 'Partial', weak: 'Weak', possible: 'Possible' },
  lineType: { VOIP: 'Internet (VoIP) line', MOBILE: 'Mobile', FIXED_LINE: 'Landline' },
  livenessCheck: { failed: 'Failed', passed: 'Passed' },
  type: { passport: 'Passport', drivers_license: "Driver's licence", national_id: 'National identity card' },
  documentType: {
    passport: 'Passport',
    drivers_license: "Driver's licence",
    national_id: 'National identity card',
    other: 'Other document',
  },
  listedAs: { individual: 'A person', entity: 'An organisation', vessel: 'A vessel', aircraft: 'An aircraft' },
  verification: { passed: 'Passed', failed: 'Failed', pending: 'Pending', not_done: 'Not done' },
};

/** A stored value in words: true -> "Yes", "crypto" (method) -> "Cryptocurrency". */
export function valueLabel(key: string, value: unknown): string {
  if (value === true) return 'Yes';
  if (value === false) return 'No';
  if (typeof value === 'string') {
    if (key === 'differsFrom' || key === 'field') return fieldLabel(value);
    if (key === 'programs') return programmeLabel(value);
    if (key === 'list' && /^(SDN|CONS|BUILTIN)$/.test(value)) return sentenceCase(sanctionsListLabel(value));
    const byKey = VALUE_LABELS[key]?.[value];
    if (byKey) return byKey;
    if (/country$/i.test(key) && /^[A-Z]{2}$/.test(value)) return countryName(value);
  }
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(2);
  return String(value);
}
