// Scores one applicant under many names, everything else fixed: what a name alone does (the fairness measure of
// docs/sanctions.md). The context is gathered once; only the sanctions screening runs per name.
import type { Applicant } from '../applicants/applicant-schema';
import { screenSanctions, type SanctionsSource } from '../intel/sanctions';
import type { ScoreResult } from '../scoring/types';
import { createScorer } from './scorer';

/** The applicant under another name: wherever the name stands for the applicant (document, account, recipient). */
function named(base: Applicant, legalName: string): Applicant {
  return {
    ...base,
    person: { ...base.person, legalName },
    identityDocument: base.identityDocument && { ...base.identityDocument, nameOnDocument: legalName },
    payment: base.payment && { ...base.payment, accountHolderName: legalName },
    shipping: base.shipping && { ...base.shipping, recipientName: legalName },
  };
}

export function nameOnlyScorer(base: Applicant, source: SanctionsSource): (legalName: string) => ScoreResult {
  const scorer = createScorer({}, source);
  const context = scorer.context(base);
  return (legalName) => {
    const applicant = named(base, legalName);
    return scorer.scoreWith(applicant, { ...context, sanctions: screenSanctions(applicant, source) });
  };
}
