// Sanctions family: names and wallets that match OFAC's lists (the matcher runs in the context; these read its answer).
import type { ScreeningContext } from '../../intel/gather-context';
import type { SanctionsMatch } from '../../sanctions/types';
import type { Indicator, Observation } from '../types';
import { sources } from '../sources';

const REVIEW =
  "Compare the listed entry (dates of birth, nationality, addresses, passport and other identifiers) with the applicant's documents; hold any offer or payment until compliance decides. A confirmed match is blocked and reported to OFAC within 10 business days.";

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
    comparison: match.comparison,
  };
}

function listOf(context: ScreeningContext) {
  const list = context.sanctions.list;
  return list ? { versionId: list.id, isBuiltIn: list.isBuiltIn, entries: list.entryCount } : null;
}

// A name hit counts only as far as the other identifiers confirm it: a name alone is a potential match, never evidence.
const outcomeOf = (match: SanctionsMatch) => match.comparison?.outcome ?? 'unconfirmed';
const isNameHit = (match: SanctionsMatch) => match.nameKind !== 'wallet';
const hasExactAgreement = (match: SanctionsMatch) =>
  (match.comparison?.attributes ?? []).some((attribute) => attribute.result === 'agrees' && attribute.isExact === true);
// Confirmed and decisive: a strong name with any agreeing identifier, or a partial name (a dropped middle name or
// patronymic) of the entry's own names with an exact one (the same day of birth, the document number...). A name of an
// unlisted party that a listed entry is "Linked To", or a weak alias, is never decisive on a partial name.
const isDecisiveName = (match: SanctionsMatch) =>
  isNameHit(match) &&
  match.nameKind !== 'linked-to' &&
  outcomeOf(match) === 'confirmed' &&
  (match.strength === 'strong' ||
    ((match.nameKind === 'primary' || match.nameKind === 'alias') && hasExactAgreement(match)));
const isCleared = (match: SanctionsMatch) => isNameHit(match) && outcomeOf(match) === 'contradicted';
const isCorroborated = (match: SanctionsMatch) =>
  outcomeOf(match) === 'confirmed' || outcomeOf(match) === 'conflicting';
const isDprk = (match: SanctionsMatch) => match.programs.some((program) => program.startsWith('DPRK'));

/** The attributes that agreed or contradicted, in plain words: "date of birth: the date of birth is the listed 05 Jan 1979". */
function compared(match: SanctionsMatch, results: readonly string[]): string {
  return (match.comparison?.attributes ?? [])
    .filter((attribute) => results.includes(attribute.result))
    .map((attribute) => `${attribute.attribute}: ${attribute.explanation}`)
    .join('; ');
}

function nameObservation(
  matches: SanctionsMatch[],
  context: ScreeningContext,
  message: (best: SanctionsMatch) => string,
): Observation | null {
  const best = matches[0];
  if (!best) return null;
  return {
    message: message(best),
    evidence: { matches: matches.slice(0, 5).map(describeMatch), list: listOf(context) },
  };
}

const hitName = (match: SanctionsMatch) => `${match.field ?? 'A name'} "${match.matchedName}"`;
const entryOf = (match: SanctionsMatch) => `${match.list} entry ${match.entryName} (${match.programs.join(', ')})`;

export const sanctionedName: Indicator = {
  id: 'sanc_sdn_name',
  family: 'sanctions',
  severity: 'critical',
  points: 100,
  isDecisive: true,
  source: `${sources.ofacLists}; ${sources.ofac2025}`,
  recommendedAction: REVIEW,
  evaluate(_applicant, context) {
    return nameObservation(
      context.sanctions.matches.filter(isDecisiveName),
      context,
      (best) =>
        `${hitName(best)} ${best.strength === 'strong' ? 'strongly matches' : 'partly matches'} ${entryOf(best)}, score ${best.score}, and ${compared(best, ['agrees'])}: confirmed match`,
    );
  },
};

export const COLLECT_IDENTIFIERS =
  "Collect the applicant's date of birth (and, where the law allows asking, the place of birth) before any offer and screen again: the check then confirms or clears this potential match on its own. A shared name is not evidence against the applicant.";

export const possibleSanctionedName: Indicator = {
  id: 'sanc_sdn_name_possible',
  family: 'sanctions',
  severity: 'high',
  points: 30,
  source: `${sources.ofacLists}; ${sources.ofac2025}; ${sources.ofacMatchGuidance}`,
  recommendedAction: `${COLLECT_IDENTIFIERS} Where an identifier already agrees: ${REVIEW} Mark the hit a false positive if the identifiers differ.`,
  evaluate(_applicant, context) {
    const decisive = context.sanctions.matches.some(isDecisiveName);
    const possible = context.sanctions.matches.filter(
      (match) => isNameHit(match) && !isDecisiveName(match) && !isCleared(match),
    );
    if (decisive || possible.length === 0) return null;
    const corroborated = possible.filter(isCorroborated);
    if (corroborated.length === 0) {
      // A name alone: an open compliance check, shown beside the band; no points, so the list's make-up never moves the band.
      const observation = nameObservation(possible, context, (best) => {
        const needs = best.comparison?.missing.length
          ? best.comparison.missing.join(' and ')
          : 'an identifier to compare';
        return `${hitName(best)} is a potential match for ${entryOf(best)}, score ${best.score}: nothing confirms or contradicts it yet (needs ${needs}); no points`;
      });
      return observation && { ...observation, severity: 'low', points: 0 };
    }
    const observation = nameObservation(
      corroborated,
      context,
      (best) =>
        `${hitName(best)} may match ${entryOf(best)}, score ${best.score}, and ${compared(best, ['agrees'])}${outcomeOf(best) === 'conflicting' ? `, but ${compared(best, ['contradicts'])}` : ''}: review`,
    );
    // A corroborated possible hit on a DPRK programme is what this product exists for: it goes to the review queue on its own.
    return observation && corroborated.some(isDprk) ? { ...observation, points: 45 } : observation;
  },
};

export const clearedSanctionedName: Indicator = {
  id: 'sanc_sdn_name_cleared',
  family: 'sanctions',
  severity: 'low',
  points: 0,
  source: `${sources.ofacLists}; ${sources.ofacMatchGuidance}`,
  recommendedAction:
    'Nothing to do: the hit was cleared by comparing identifiers. Check the comparison if the document it relied on is in doubt.',
  evaluate(_applicant, context) {
    const cleared = context.sanctions.matches.filter(isCleared);
    return nameObservation(
      cleared,
      context,
      (best) =>
        `${hitName(best)} shares a name with ${entryOf(best)}, cleared by comparison: ${compared(best, ['contradicts'])}`,
    );
  },
};

export const sanctionedWallet: Indicator = {
  id: 'sanc_crypto_address',
  family: 'sanctions',
  severity: 'critical',
  points: 100,
  isDecisive: true,
  source: sources.ofacCrypto,
  recommendedAction:
    'Do not pay to this wallet. Block the transaction, escalate to compliance and report it to OFAC (rejected or blocked transaction report).',
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

export const sanctionsIndicators: readonly Indicator[] = [
  sanctionedName,
  possibleSanctionedName,
  clearedSanctionedName,
  sanctionedWallet,
];
