// A name hit is only a potential match (OFAC's screening guidance): it is confirmed or cleared by comparing the other
// identifiers the screened party gave with those the listed entry has, attribute by attribute. Pure.
import { compareAddresses, compareContacts } from './compare-contacts';
import { compareDateOfBirth, compareDocument, comparePlaceOfBirth } from './compare-person';
import { compared, type ComparedAttribute, type ScreenedIdentity } from './compared-attribute';
import { distinctiveWords, MIN_DISTINCTIVE_WORDS, sharedDistinctiveWords } from './distinctive-name';
import type { SanctionsEntry, TokenScore } from './types';

/**
 * confirmed: at least one identifier agrees and none contradicts; contradicted: a date of birth more than a year from
 * every listed one, or a different document number, and nothing agrees; conflicting: both; unconfirmed: nothing
 * compared either way (a name alone).
 */
export type ComparisonOutcome = 'confirmed' | 'contradicted' | 'conflicting' | 'unconfirmed';

export interface IdentifierComparison {
  outcome: ComparisonOutcome;
  attributes: ComparedAttribute[];
  /** Identifiers the entry lists that the screened party did not give, to collect before an offer. */
  missing: string[];
}

/** For an organisation: whether the words the screened name shares with the listed name identify it. */
function compareEntityName(listedName: string, tokenScores: readonly TokenScore[]): ComparedAttribute {
  const paired = tokenScores.filter((token) => token.listed !== '' && token.score >= 0.9).map((token) => token.listed);
  const shared = sharedDistinctiveWords(listedName, paired);
  const about = { attribute: 'listed name', given: null, listed: listedName } as const;
  if (shared.length >= MIN_DISTINCTIVE_WORDS)
    return compared(
      about,
      'agrees',
      `the name shares the distinctive word(s) ${shared.join(', ')} with the listed name, not only generic ones`,
    );
  return compared(
    about,
    'inconclusive',
    distinctiveWords(listedName).length === 0
      ? 'the listed name is made only of generic words (trade, place, legal form): it could be any such company'
      : 'the name shares only generic words with the listed name',
  );
}

export interface ComparedName {
  /** The listed name that matched (primary or alias). */
  matchedName: string;
  tokenScores: readonly TokenScore[];
  /** true when the screened field names an organisation (employer, payee), or may (undefined). */
  isEntityField?: boolean;
}

/** Compares what the screened party gave with what the entry lists; the outcome decides whether a name hit counts. */
export function compareWithEntry(
  entry: SanctionsEntry,
  identity: ScreenedIdentity,
  name: ComparedName,
): IdentifierComparison {
  const attributes: ComparedAttribute[] = [];
  const push = (attribute: ComparedAttribute | null) => {
    if (attribute) attributes.push(attribute);
  };
  if (entry.type === 'individual') {
    push(compareDateOfBirth(entry, identity));
    push(comparePlaceOfBirth(entry, identity));
    push(compareDocument(entry, identity));
  } else if (name.isEntityField !== false) {
    push(compareEntityName(name.matchedName, name.tokenScores));
  }
  push(compareAddresses(entry, identity));
  attributes.push(...compareContacts(entry, identity));
  const agrees = attributes.some((attribute) => attribute.result === 'agrees');
  const contradicts = attributes.some((attribute) => attribute.result === 'contradicts');
  const outcome: ComparisonOutcome = agrees
    ? contradicts
      ? 'conflicting'
      : 'confirmed'
    : contradicts
      ? 'contradicted'
      : 'unconfirmed';
  return {
    outcome,
    attributes,
    missing: attributes.filter((attribute) => attribute.result === 'missing').map((attribute) => attribute.attribute),
  };
}
