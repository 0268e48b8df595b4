// Scoring as configured: the rule set (defaults plus overrides) and the context options, built once.
import type { Applicant } from '../applicants/applicant-schema';
import type { Config } from '../config';
import { gatherContext, type ContextOptions, type ScreeningContext } from '../intel/gather-context';
import { loadAsnDatabase } from '../intel/asn';
import type { KnownAddressIndex } from '../intel/known-addresses';
import { parseCidrList } from '../intel/network';
import { screenSanctions, uncheckedSanctions, type SanctionsSource } from '../intel/sanctions';
import { catalogue } from '../scoring/catalogue';
import { buildRuleSet, type RuleSet } from '../scoring/rule-set';
import { scoreApplicant } from '../scoring/score-applicant';
import type { ScoreResult } from '../scoring/types';

export interface Scorer {
  ruleSet: RuleSet;
  /** Every lookup that needs no database query (links are added by the screening use case). */
  context(applicant: Applicant, now?: Date): ScreeningContext;
  scoreWith(applicant: Applicant, context: ScreeningContext): ScoreResult;
  score(applicant: Applicant, now?: Date): ScoreResult;
}

/**
 * `sanctions`: the index to screen names and wallets against; without it the sanctions family is skipped.
 * `knownAddresses`: the company's declared addresses as loaded now (src/known-addresses/known-address-service.ts).
 */
export function createScorer(
  settings: Config['scoring'] = {},
  sanctions?: SanctionsSource,
  knownAddresses?: () => KnownAddressIndex,
): Scorer {
  const ruleSet = buildRuleSet(
    settings.overrides,
    catalogue.map((indicator) => indicator.id),
  );
  const contextOptions: ContextOptions = { corporateEgress: parseCidrList(settings.corporateEgressCidrs) };
  // Load the lookup tables now rather than on the first request.
  loadAsnDatabase();
  const context = (applicant: Applicant, now?: Date): ScreeningContext => ({
    ...gatherContext(applicant, { ...contextOptions, now, knownAddresses: knownAddresses?.() }),
    sanctions: sanctions ? screenSanctions(applicant, sanctions) : uncheckedSanctions,
  });
  const scoreWith = (applicant: Applicant, screeningContext: ScreeningContext) =>
    scoreApplicant(applicant, screeningContext, ruleSet);
  return { ruleSet, context, scoreWith, score: (applicant, now) => scoreWith(applicant, context(applicant, now)) };
}
