// The minimised copy of an applicant kept with each screening: enough to explain the findings, no more.
import crypto from 'node:crypto';
import type { Applicant } from './applicant-schema';

function maskTail(value: string | null | undefined): string | null {
  if (!value) return null;
  const compact = value.replace(/[\s-]/g, '');
  return `••••${compact.slice(-4)}`;
}

/**
 * `documentChecks`: what the document number said about each listed entry it was compared with (entry uid -> agrees or
 * contradicts), kept instead of the number so that a re-screen on a new list version reaches the same verdict.
 */
export function minimiseApplicant(
  applicant: Applicant,
  documentChecks: Record<string, 'agrees' | 'contradicts'> = {},
): Record<string, unknown> {
  const { person, payment, resumeText, identityDocument, ...rest } = applicant;
  return {
    ...rest,
    // A document number is only compared with sanctions entries at screening time: none of it is kept.
    identityDocument: identityDocument
      ? {
          ...identityDocument,
          number: undefined,
          sanctionsDocumentChecks: Object.keys(documentChecks).length > 0 ? documentChecks : undefined,
        }
      : identityDocument,
    // Date of birth is not needed to explain any finding; only the year is kept.
    person: {
      ...person,
      dateOfBirth: undefined,
      birthYear: person.dateOfBirth ? Number(person.dateOfBirth.slice(0, 4)) : undefined,
    },
    payment: payment
      ? { ...payment, accountNumber: maskTail(payment.accountNumber), iban: maskTail(payment.iban) }
      : payment,
    resume: resumeText
      ? { sha256: crypto.createHash('sha256').update(resumeText).digest('hex'), characters: resumeText.length }
      : undefined,
  };
}

/**
 * A stored snapshot read back as the applicant it describes, for a rescoring: what minimiseApplicant dropped stays
 * absent (date of birth, account numbers, resume text), which the indicators that need them must allow for.
 */
export function applicantFromSnapshot(snapshot: Record<string, unknown>): Applicant {
  const person = (snapshot.person ?? {}) as Partial<Applicant['person']>;
  return {
    ...(snapshot as Partial<Applicant>),
    source: (snapshot.source as string | undefined) ?? 'api',
    person: { ...person, legalName: person.legalName ?? '' },
  } as Applicant;
}
