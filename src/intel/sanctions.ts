// Screens every name and wallet an applicant brings against the active sanctions index (OFAC or the built-in list).
import type { Applicant } from '../applicants/applicant-schema';
import { builtInSanctionsEntries } from '../sanctions/builtin-list';
import { SanctionsIndex } from '../sanctions/sanctions-index';
import type { SanctionsMatch, ScreenNameOptions } from '../sanctions/types';

export interface SanctionsListVersion {
  id: string | null;
  isBuiltIn: boolean;
  entryCount: number;
}

export interface SanctionsContext {
  isChecked: boolean;
  list: SanctionsListVersion | null;
  /** Every match at or above the possible threshold, best first; at most a few per screened field. */
  matches: SanctionsMatch[];
}

export const uncheckedSanctions: SanctionsContext = { isChecked: false, list: null, matches: [] };

/** The index to screen with and the version it was built from. */
export type SanctionsSource = () => { index: SanctionsIndex; version: SanctionsListVersion };

interface ScreenedName {
  field: string;
  name: string | null | undefined;
  isEntity?: boolean;
  /** The applicant's own names carry the applicant's date of birth and country. */
  isApplicant?: boolean;
}

const MATCHES_PER_FIELD = 3;

/** The built-in DPRK IT-worker list, for scoring without a database (the CLI's dry path, tests, benchmarks). */
export function builtInSanctionsSource(): SanctionsSource {
  let built: ReturnType<SanctionsSource> | null = null;
  return () => (built ??= { index: SanctionsIndex.build([...builtInSanctionsEntries]), version: { id: null, isBuiltIn: true, entryCount: builtInSanctionsEntries.length } });
}

// The snapshot kept with a screening has birthYear instead of dateOfBirth; rescreening passes that.
function birthDateOf(applicant: Applicant): string | undefined {
  const person = applicant.person as Applicant['person'] & { birthYear?: number };
  return person.dateOfBirth ?? (person.birthYear ? String(person.birthYear) : undefined);
}

function namesOf(applicant: Applicant): ScreenedName[] {
  const { person, payment, shipping, identityDocument } = applicant;
  return [
    { field: 'person.legalName', name: person.legalName, isEntity: false, isApplicant: true },
    ...(person.otherNames ?? []).map((name, i) => ({ field: `person.otherNames.${i}`, name, isEntity: false, isApplicant: true })),
    { field: 'identityDocument.nameOnDocument', name: identityDocument?.nameOnDocument, isEntity: false, isApplicant: true },
    { field: 'payment.accountHolderName', name: payment?.accountHolderName },
    { field: 'payment.payeeEntityName', name: payment?.payeeEntityName, isEntity: true },
    { field: 'shipping.recipientName', name: shipping?.recipientName },
    ...(applicant.employment ?? []).map((job, i) => ({ field: `employment.${i}.employer`, name: job.employer, isEntity: true })),
    ...(applicant.references ?? []).flatMap((reference, i) => [
      { field: `references.${i}.name`, name: reference.name, isEntity: false },
      { field: `references.${i}.employer`, name: reference.employer, isEntity: true },
    ]),
  ];
}

export function screenSanctions(applicant: Applicant, source: SanctionsSource): SanctionsContext {
  const { index, version } = source();
  const dateOfBirth = birthDateOf(applicant);
  const country = applicant.claimedLocation?.country ?? undefined;
  const seen = new Set<string>();
  const matches: SanctionsMatch[] = [];
  for (const screened of namesOf(applicant)) {
    const name = screened.name?.trim();
    // The same name in several fields (legal name = name on document) is screened once, under its first field.
    if (!name || seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    const options: ScreenNameOptions = { field: screened.field, isEntity: screened.isEntity, limit: MATCHES_PER_FIELD };
    if (screened.isApplicant) Object.assign(options, { dateOfBirth, country });
    matches.push(...index.screenName(name, options));
  }
  const wallet = applicant.payment?.wallet?.address;
  if (wallet) matches.push(...index.screenWallet(wallet, 'payment.wallet.address'));
  matches.sort((a, b) => b.score - a.score);
  return { isChecked: true, list: version, matches };
}
