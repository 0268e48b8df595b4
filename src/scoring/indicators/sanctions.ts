// Sanctions family: names and wallets that match OFAC's lists (the matcher runs in the context; these read its answer).
import type { ScreeningContext } from '../../intel/gather-context';
import type { SanctionsMatch } from '../../sanctions/types';
import type { Indicator, Observation } from '../types';
import { sources } from '../sources';

const REVIEW = 'Compare the listed entry (dates of birth, nationality, addresses, passport and other identifiers) with the applicant\'s documents; hold any offer or payment until compliance decides. A confirmed match is blocked and reported to OFAC within 10 business days.';

function describeMatch(match: SanctionsMatch) {
  return {
    uid: match.uid,
    list: match.list,
    programs: match.programs,
    entryName: match.entryName,
    entryType: match.entryType,
    matchedName: match.matchedName,
    nameKind: match.nameKind,
    field: match.field,
    score: match.score,
    strength: match.strength,
    tokenScores: match.tokenScores,
    adjustments: match.adjustments,
    linkedTo: match.linkedTo,
    note: match.note,
  };
}

function listOf(context: ScreeningContext) {
  const list = context.sanctions.list;
  return list ? { versionId: list.id, isBuiltIn: list.isBuiltIn, entries: list.entryCount } : null;
}

// A name of an unlisted party that a listed entry is "Linked To" is never decisive on its own.
const isDecisiveName = (match: SanctionsMatch) => match.strength === 'strong' && match.nameKind !== 'wallet' && match.nameKind !== 'linked-to';
const isDprk = (match: SanctionsMatch) => match.programs.some((program) => program.startsWith('DPRK'));

function nameObservation(matches: SanctionsMatch[], context: ScreeningContext, message: (best: SanctionsMatch) => string): Observation | null {
  const best = matches[0];
  if (!best) return null;
  return { message: message(best), evidence: { matches: matches.slice(0, 5).map(describeMatch), list: listOf(context) } };
}

export const sanctionedName: Indicator = {
  id: 'sanc_sdn_name',
  family: 'sanctions',
  severity: 'critical',
  points: 100,
  isDecisive: true,
  source: `${sources.ofacLists}; ${sources.ofac2025}`,
  recommendedAction: REVIEW,
  evaluate(_applicant, context) {
    return nameObservation(context.sanctions.matches.filter(isDecisiveName), context, (best) =>
      `${best.field ?? 'A name'} "${best.matchedName}" strongly matches ${best.list} entry ${best.entryName} (${best.programs.join(', ')}), score ${best.score}`,
    );
  },
};

export const possibleSanctionedName: Indicator = {
  id: 'sanc_sdn_name_possible',
  family: 'sanctions',
  severity: 'high',
  points: 30,
  source: `${sources.ofacLists}; ${sources.ofac2025}`,
  recommendedAction: `${REVIEW} Mark the hit a false positive if the identifiers differ.`,
  evaluate(_applicant, context) {
    const decisive = context.sanctions.matches.some(isDecisiveName);
    const possible = context.sanctions.matches.filter((match) => match.nameKind !== 'wallet' && !isDecisiveName(match));
    if (decisive || possible.length === 0) return null;
    const observation = nameObservation(possible, context, (best) =>
      `${best.field ?? 'A name'} "${best.matchedName}" may match ${best.list} entry ${best.entryName} (${best.programs.join(', ')}), score ${best.score}: review`,
    );
    // A possible hit on a DPRK programme is what this product exists for: it goes to the review queue on its own.
    return observation && possible.some(isDprk) ? { ...observation, points: 45 } : observation;
  },
};

export const sanctionedWallet: Indicator = {
  id: 'sanc_crypto_address',
  family: 'sanctions',
  severity: 'critical',
  points: 100,
  isDecisive: true,
  source: sources.ofacCrypto,
  recommendedAction: 'Do not pay to this wallet. Block the transaction, escalate to compliance and report it to OFAC (rejected or blocked transaction report).',
  evaluate(_applicant, context) {
    const wallets = context.sanctions.matches.filter((match) => match.nameKind === 'wallet');
    const best = wallets[0];
    if (!best) return null;
    return {
      message: `The payout wallet is a digital currency address OFAC lists for ${best.entryName} (${best.programs.join(', ')})`,
      evidence: { matches: wallets.map(describeMatch), list: listOf(context) },
    };
  },
};

export const sanctionsIndicators: readonly Indicator[] = [sanctionedName, possibleSanctionedName, sanctionedWallet];
