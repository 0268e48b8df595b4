// Identity indicators: is the person the documents say, and do the documents agree with each other?
import { isOwnName } from '../../applicants/names';
import type { Indicator } from '../types';
import { sources } from '../sources';

export const documentVerificationFailed: Indicator = {
  id: 'id_doc_forgery',
  family: 'identity',
  severity: 'high',
  points: 30,
  source: `${sources.adv22Employers} (forged identity documents); ${sources.adv22Mitigations} (reject low-quality identity images)`,
  recommendedAction:
    'Re-run identity verification with a different provider and inspect the original document on a live video call.',
  evaluate(applicant) {
    const document = applicant.identityDocument;
    if (document?.verification !== 'failed') return null;
    return {
      message: 'Identity document verification failed',
      evidence: { documentType: document.type ?? null, issuingCountry: document.issuingCountry ?? null },
    };
  },
};

export const nameOnDocumentDiffers: Indicator = {
  id: 'id_profile_inconsistency',
  family: 'identity',
  severity: 'medium',
  points: 20,
  source: `${sources.adv22Employers} (inconsistencies in name spelling across documents and profiles)`,
  recommendedAction:
    'Ask the applicant to explain the difference and show the document on a live video call; check for a legal name change.',
  evaluate(applicant) {
    const onDocument = applicant.identityDocument?.nameOnDocument;
    if (!onDocument) return null;
    if (isOwnName(applicant.person, onDocument)) return null;
    return {
      message: "The name on the identity document is not the applicant's name",
      evidence: { nameOnDocument: onDocument, legalName: applicant.person.legalName },
    };
  },
};

const YEARS_MS = 365.25 * 24 * 3_600_000;

export const biographyDoesNotFit: Indicator = {
  id: 'id_bio_mismatch',
  family: 'identity',
  severity: 'medium',
  points: 15,
  source: `${sources.adv22Employers} (biographical information which does not appear to match the applicant)`,
  recommendedAction:
    'Verify the earliest employment or degree directly with the employer or school, using contact details found independently.',
  evaluate(applicant) {
    const born = applicant.person.dateOfBirth;
    if (!born) return null;
    const starts = [
      ...(applicant.employment ?? []),
      ...(applicant.education ?? []).filter((entry) =>
        /bachelor|bsc|ba\b|master|msc|phd|degree/i.test(entry.degree ?? ''),
      ),
    ]
      .map((entry) => entry.start)
      .filter((start): start is string => !!start)
      .sort();
    const earliest = starts[0];
    if (!earliest) return null;
    const ageAtStart =
      (Date.parse(`${earliest.padEnd(7, '-01').padEnd(10, '-01')}T00:00:00Z`) - Date.parse(`${born}T00:00:00Z`)) /
      YEARS_MS;
    // Professional work or a degree begun before 15 does not fit the person described.
    if (ageAtStart >= 15) return null;
    return {
      message: `The history starts when the applicant was ${Math.max(0, Math.floor(ageAtStart))} years old`,
      evidence: { dateOfBirthYear: Number(born.slice(0, 4)), earliestStart: earliest },
    };
  },
};
