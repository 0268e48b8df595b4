// Screens every name and wallet an applicant brings against the active sanctions index (OFAC or the built-in list).
import type { Applicant } from '../applicants/applicant-schema';
import { builtInSanctionsEntries } from '../sanctions/builtin-list';
import type { ScreenedIdentity } from '../sanctions/compared-attribute';
import { compareWithEntry } from '../sanctions/corroboration';
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
  /** What else this party gave, to confirm or clear a hit on its name: gathered only when a name hits (few do). */
  identity?: () => ScreenedIdentity;
}

const MATCHES_PER_FIELD = 3;

/** The built-in DPRK IT-worker list, for scoring without a database (the CLI's dry path, tests, benchmarks). */
export function builtInSanctionsSource(): SanctionsSource {
  let built: ReturnType<SanctionsSource> | null = null;
  return () =>
    (built ??= {
      index: SanctionsIndex.build([...builtInSanctionsEntries]),
      version: { id: null, isBuiltIn: true, entryCount: builtInSanctionsEntries.length },
    });
}

// The snapshot kept with a screening has birthYear instead of dateOfBirth; rescreening passes that.
function birthDateOf(applicant: Applicant): string | undefined {
  const person = applicant.person as Applicant['person'] & { birthYear?: number };
  return person.dateOfBirth ?? (person.birthYear ? String(person.birthYear) : undefined);
}

// Everything the applicant gave that a listed entry may also list (a stored snapshot has no document number).
function applicantIdentity(applicant: Applicant): ScreenedIdentity {
  const { person, identityDocument } = applicant;
  const number = identityDocument?.number && !identityDocument.number.startsWith('•') ? identityDocument.number : null;
  return {
    dateOfBirth: birthDateOf(applicant) ?? null,
    placeOfBirth: person.placeOfBirth ?? null,
    document: identityDocument
      ? {
          type: identityDocument.type ?? null,
          number,
          issuingCountry: identityDocument.issuingCountry ?? null,
          priorChecks:
            (identityDocument as { sanctionsDocumentChecks?: Record<string, 'agrees' | 'contradicts'> })
              .sanctionsDocumentChecks ?? null,
        }
      : null,
    addresses: [applicant.residentialAddress, identityDocument?.address, applicant.shipping?.address].filter(
      (address) => address != null,
    ),
    emails: [person.email, ...(person.previousEmails ?? [])].filter((value): value is string => !!value),
    phones: [person.phone, ...(person.previousPhones ?? [])].filter((value): value is string => !!value),
    websites: [applicant.profiles?.portfolioUrl].filter((value): value is string => !!value),
  };
}

function namesOf(applicant: Applicant): ScreenedName[] {
  const { person, payment, shipping, identityDocument } = applicant;
  let gathered: ScreenedIdentity | undefined;
  const identity = () => (gathered ??= applicantIdentity(applicant));
  return [
    { field: 'person.legalName', name: person.legalName, isEntity: false, isApplicant: true, identity },
    ...(person.otherNames ?? []).map((name, i) => ({
      field: `person.otherNames.${i}`,
      name,
      isEntity: false,
      isApplicant: true,
      identity,
    })),
    {
      field: 'identityDocument.nameOnDocument',
      name: identityDocument?.nameOnDocument,
      isEntity: false,
      isApplicant: true,
      identity,
    },
    { field: 'payment.accountHolderName', name: payment?.accountHolderName },
    { field: 'payment.payeeEntityName', name: payment?.payeeEntityName, isEntity: true },
    { field: 'shipping.recipientName', name: shipping?.recipientName },
    ...(applicant.employment ?? []).map((job, i) => ({
      field: `employment.${i}.employer`,
      name: job.employer,
      isEntity: true,
    })),
    ...(applicant.references ?? []).flatMap((reference, i) => [
      {
        field: `references.${i}.name`,
        name: reference.name,
        isEntity: false,
        identity: () => ({
          emails: reference.email ? [reference.email] : [],
          phones: reference.phone ? [reference.phone] : [],
        }),
      },
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
    if (!name) continue;
    // The same name in several fields (legal name = name on document) is screened once, under its first field.
    const sameName = name.toLowerCase();
    if (seen.has(sameName)) continue;
    seen.add(sameName);
    const options: ScreenNameOptions = { field: screened.field, isEntity: screened.isEntity, limit: MATCHES_PER_FIELD };
    if (screened.isApplicant) Object.assign(options, { dateOfBirth, country });
    // Each hit is compared with the entry's other identifiers: that, not the name, decides whether it counts.
    for (const match of index.screenName(name, options)) {
      const entry = index.entry(match.uid);
      const comparison = entry
        ? compareWithEntry(entry, screened.identity?.() ?? {}, {
            matchedName: match.matchedName,
            tokenScores: match.tokenScores,
            isEntityField: screened.isEntity,
          })
        : undefined;
      matches.push(comparison ? { ...match, comparison } : match);
    }
  }
  const wallet = applicant.payment?.wallet?.address;
  if (wallet) matches.push(...index.screenWallet(wallet, 'payment.wallet.address'));
  matches.sort((a, b) => b.score - a.score);
  return { isChecked: true, list: version, matches };
}
