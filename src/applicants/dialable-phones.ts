// Phone numbers that cannot be dialled, read in the claimed country's numbering plan (libphonenumber-js, full metadata).
import { parsePhone } from './phone-parse';

const UNDIALABLE = 'is not a phone number that can be dialled; give it with its country code, e.g. "+1 512 555 0142"';

/**
 * The phone numbers of an applicant (or of input that failed other checks: it is read loosely) that cannot be dialled.
 * Numbers without a + are read in the claimed country's numbering plan. Run by the schema once everything else is
 * valid, and by parseApplicant beside the other errors, so that a form shows every error at once.
 */
export function undialablePhones(input: unknown): { path: (string | number)[]; message: string }[] {
  const record = (value: unknown) =>
    typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const applicant = record(input);
  const person = record(applicant.person);
  const claimed = record(applicant.claimedLocation).country;
  const defaultCountry = typeof claimed === 'string' && /^[A-Z]{2}$/.test(claimed) ? claimed : undefined;
  const problems: { path: (string | number)[]; message: string }[] = [];
  const check = (value: unknown, path: (string | number)[]) => {
    if (typeof value !== 'string' || value === '' || value.length > 40) return;
    const parsed = parsePhone(value, defaultCountry);
    if (!parsed || !parsed.isPossible()) problems.push({ path, message: UNDIALABLE });
  };
  check(person.phone, ['person', 'phone']);
  if (Array.isArray(person.previousPhones))
    person.previousPhones.forEach((value, index) => check(value, ['person', 'previousPhones', index]));
  if (Array.isArray(applicant.references))
    applicant.references.forEach((reference, index) => check(record(reference).phone, ['references', index, 'phone']));
  return problems;
}
