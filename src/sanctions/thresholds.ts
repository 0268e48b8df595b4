// Every tunable number of sanctions name matching, in one place (docs/sanctions.md gives the measurements behind them).

/** Score (0..100) from which a name match is reported as possible, and from which it is strong. */
export const matchThresholds = {
  possible: 80,
  strong: 92,
} as const;

export const scoring = {
  /** Share of the name score from how much of the query is matched; the rest from how much of the listed name is. */
  queryCoverageShare: 0.6,
  /** Similarity of two words that are the same after folding romanisation (Chong = Jong) or doubled letters. */
  sameKeySimilarity: 0.97,
  /** Highest similarity of two words that differ after folding (typos): always below a folded match. */
  fuzzyCeiling: 0.96,
  /** Word pairs below this Jaro-Winkler similarity do not pair at all. */
  fuzzyFloor: 0.8,
  /** A fuzzy pair scores 1 - stretch * (1 - Jaro-Winkler): 0.975 (VLADIMR/VLADIMIR) gives 0.925, 0.944 (OSONG/YUSONG) 0.83. */
  fuzzyStretch: 3,
  /** Weight of the legal-form class (Co., Ltd, LLC, OOO...) when both names have one; neither required nor decisive. */
  legalFormWeight: 0.1,
  /** Lowest word weight: the commonest words (AL, KIM, TRADING) still count a little. */
  minimumWordWeight: 0.15,
  /** Word frequencies are read as if the list had at least this many entries, so a small list does not make every word rare. */
  minimumListSize: 1000,
  /** Least weight of a query word that pairs with nothing in the listed name. */
  unmatchedQueryWordWeight: 0.5,
  /** Name score kept when a listed person's surname pairs with no word of the query. */
  missedSurnameFactor: 0.85,
  /** Weak aliases ("a.k.a. 'X'" in the remarks): OFAC does not expect them to be screened alone. */
  weakAliasFactor: 0.9,
} as const;

/** Points added to or taken from a name score when both sides give a date of birth or a country. */
export const qualifiers = {
  dateOfBirthSameDay: 6,
  dateOfBirthCompatible: 3,
  dateOfBirthNear: -5,
  dateOfBirthDifferent: -15,
  // Small on purpose: an applicant's country is self-reported, and DPRK IT workers claim to live elsewhere.
  countryMatch: 3,
  countryMismatch: -3,
  /** A person's name against a listed entity, or a company's name against a listed person. */
  entityTypeMismatch: -8,
  /** A person's name against a listed vessel or aircraft. */
  vesselOrAircraft: -15,
} as const;

/** The most any qualifier can add: used by the index to know which candidates could still reach a threshold. */
export const maximumQualifierBonus = qualifiers.dateOfBirthSameDay + qualifiers.countryMatch;

/** Allowed edit distance between two words (after folding), by the length of the shorter: short words must agree exactly. */
export function allowedEdits(length: number): number {
  if (length <= 4) return 0;
  if (length <= 7) return 1;
  return 2;
}
