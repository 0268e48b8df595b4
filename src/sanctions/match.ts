// Scores one prepared name against one listed name (weighted word pairing), and qualifies it by birth date, country and type.
import { toCountryCode } from './countries';
import { compareDatesOfBirth } from './dates';
import type { NameToken } from './normalise';
import { boundedLevenshtein, jaroWinkler } from './similarity';
import { allowedEdits, qualifiers, scoring } from './thresholds';
import type { SanctionsEntry, ScoreAdjustment, ScreenNameOptions, TokenScore } from './types';

export interface WeightedToken extends NameToken {
  /** 0..1: how distinctive the word is on the list (rare words near 1, KIM or TRADING low). */
  weight: number;
  /** A query's legal-form word (weight 0): it may pair with a listed person's word (PAO) but never counts as missing. */
  isLegalForm?: boolean;
}

export interface ScoringName {
  tokens: WeightedToken[];
  hasLegalForm: boolean;
  /** Leading tokens that are a listed person's surname ("SURNAME, Given"); 0 when unknown. */
  surnameCount?: number;
}

export interface NameScore {
  /** 0..1 before qualifiers. */
  base: number;
  queryCoverage: number;
  listedCoverage: number;
  tokenScores: TokenScore[];
}

/** A weighted word, always built here so that every token object has one shape (scoring reads them by the million). */
export function weightedToken(token: NameToken, weight: number, isLegalForm = false): WeightedToken {
  return { text: token.text, key: token.key, isNumeric: token.isNumeric, weight, isLegalForm };
}

/** Weight of a word found in `documentFrequency` of `listSize` entries (inverse document frequency scaled to 0..1). */
export function wordWeight(documentFrequency: number, listSize: number): number {
  const size = Math.max(listSize, scoring.minimumListSize);
  // Frequencies are relative: a word in 40% of a 20-entry list is as common as in 40% of a large one.
  const scaled = (documentFrequency / Math.max(listSize, 1)) * size;
  const weight = Math.log((size + 1) / (scaled + 1)) / Math.log(size + 1);
  return Math.min(1, Math.max(scoring.minimumWordWeight, weight));
}

/**
 * Similarity of two words, 0 when they do not pair. Equal words 1; equal after folding (Chong/Jong, Mohammed/
 * Mohamed) 0.97; otherwise a stretched Jaro-Winkler, but only within a small edit distance (none for words of
 * four letters or fewer: KIM/KIL, JANG/JONG are different names) and never for numbers (watchman's
 * "BELLETECH CORP" vs "11420 CORP." lesson).
 */
export function tokenSimilarity(a: NameToken, b: NameToken): number {
  if (a.text === b.text) return 1;
  if (a.isNumeric || b.isNumeric) return 0;
  if (a.key === b.key) return scoring.sameKeySimilarity;
  // Edits allowed by the shorter word as written (keys are longer for Korean words: J is written CH in a key).
  const edits = allowedEdits(Math.min(a.text.length, b.text.length));
  if (edits === 0) return 0;
  if (boundedLevenshtein(a.text, b.text, edits) > edits && boundedLevenshtein(a.key, b.key, edits) > edits) return 0;
  const similarity = Math.max(jaroWinkler(a.text, b.text), jaroWinkler(a.key, b.key));
  if (similarity < scoring.fuzzyFloor) return 0;
  // Jaro-Winkler is generous (0.94 for OSONG/YUSONG): stretched so that one wrong letter in a short word costs more.
  return Math.min(scoring.fuzzyCeiling, 1 - scoring.fuzzyStretch * (1 - similarity));
}

/** Similarity of two adjacent words written together elsewhere ("IN CHOL" vs "INCHOL", "SILVER STAR" vs "SILVERSTAR"). */
export function joinedSimilarity(first: NameToken, second: NameToken, joined: NameToken): number {
  if (first.isNumeric || second.isNumeric || joined.isNumeric) return 0;
  // Lengths first: scoring asks this of every adjacent pair against every word, and most differ in length.
  if (first.text.length + second.text.length === joined.text.length && first.text + second.text === joined.text)
    return 1;
  if (first.key.length + second.key.length === joined.key.length && first.key + second.key === joined.key)
    return scoring.sameKeySimilarity;
  return 0;
}

export type PairSimilarity = (queryIndex: number, listedIndex: number) => number;

// Candidate pairings of one scoring, reused across calls (scoring runs for every candidate of every query).
interface Pairing {
  queryFrom: number;
  queryCount: number;
  listedFrom: number;
  listedCount: number;
  similarity: number;
  weight: number;
}
const pairingPool: Pairing[] = [];
const pairingOrder: Pairing[] = [];
const byStrength = (a: Pairing, b: Pairing) => b.similarity - a.similarity || b.weight - a.weight;
let queryScoreScratch = new Float64Array(16);
let queryPairingScratch = new Int32Array(16);
let isListedUsedScratch = new Uint8Array(16);

function addPairing(
  count: number,
  queryFrom: number,
  queryCount: number,
  listedFrom: number,
  listedCount: number,
  similarity: number,
  weight: number,
): number {
  let pairing = pairingPool[count];
  if (!pairing) {
    pairing = { queryFrom, queryCount, listedFrom, listedCount, similarity, weight };
    pairingPool[count] = pairing;
  } else {
    pairing.queryFrom = queryFrom;
    pairing.queryCount = queryCount;
    pairing.listedFrom = listedFrom;
    pairing.listedCount = listedCount;
    pairing.similarity = similarity;
    pairing.weight = weight;
  }
  pairingOrder[count] = pairing;
  return count + 1;
}

/**
 * Pairs the query's words with the listed name's words (best pairs first, each word used once; two adjacent
 * words may pair with one joined word), then scores how much of each side is covered, weighting words by
 * distinctiveness. Query coverage counts more than listed coverage: a missing middle name on the applicant's
 * side is common, an extra word in the applicant's name usually means someone else.
 *
 * `withTokenScores` false leaves `tokenScores` empty: the index scores every candidate that way and asks for the
 * per-word detail only for the matches it returns (the score is the same).
 */
export function scoreName(
  query: ScoringName,
  listed: ScoringName,
  similarity: PairSimilarity,
  withTokenScores = true,
): NameScore {
  const q = query.tokens;
  const l = listed.tokens;
  let count = 0;
  for (let i = 0; i < q.length; i += 1) {
    for (let j = 0; j < l.length; j += 1) {
      const value = similarity(i, j);
      if (value > 0) count = addPairing(count, i, 1, j, 1, value, q[i]!.weight + l[j]!.weight);
    }
  }
  for (let i = 0; i + 1 < q.length; i += 1) {
    if (q[i]!.isLegalForm || q[i + 1]!.isLegalForm) continue;
    for (let j = 0; j < l.length; j += 1) {
      const value = joinedSimilarity(q[i]!, q[i + 1]!, l[j]!);
      if (value > 0) count = addPairing(count, i, 2, j, 1, value, q[i]!.weight + q[i + 1]!.weight + l[j]!.weight);
    }
  }
  for (let j = 0; j + 1 < l.length; j += 1) {
    for (let i = 0; i < q.length; i += 1) {
      if (q[i]!.isLegalForm) continue;
      const value = joinedSimilarity(l[j]!, l[j + 1]!, q[i]!);
      if (value > 0) count = addPairing(count, i, 1, j, 2, value, q[i]!.weight + l[j]!.weight + l[j + 1]!.weight);
    }
  }
  pairingOrder.length = count;
  pairingOrder.sort(byStrength);

  if (queryScoreScratch.length < q.length) {
    queryScoreScratch = new Float64Array(q.length * 2);
    queryPairingScratch = new Int32Array(q.length * 2);
  }
  if (isListedUsedScratch.length < l.length) isListedUsedScratch = new Uint8Array(l.length * 2);
  const queryScore = queryScoreScratch.fill(0, 0, q.length);
  // Which pairing (index in pairingOrder) each query word took, -1 for none.
  const queryPairing = queryPairingScratch.fill(-1, 0, q.length);
  const isListedUsed = isListedUsedScratch.fill(0, 0, l.length);
  let listedMatched = 0;
  for (let p = 0; p < count; p += 1) {
    const pairing = pairingOrder[p]!;
    let isFree = true;
    for (let k = 0; k < pairing.queryCount; k += 1) if (queryPairing[pairing.queryFrom + k] !== -1) isFree = false;
    for (let k = 0; k < pairing.listedCount; k += 1) if (isListedUsed[pairing.listedFrom + k]) isFree = false;
    if (!isFree) continue;
    for (let k = 0; k < pairing.queryCount; k += 1) {
      queryPairing[pairing.queryFrom + k] = p;
      queryScore[pairing.queryFrom + k] = pairing.similarity;
    }
    for (let k = 0; k < pairing.listedCount; k += 1) {
      isListedUsed[pairing.listedFrom + k] = 1;
      listedMatched += pairing.similarity * l[pairing.listedFrom + k]!.weight;
    }
  }

  const isLegalFormShared = query.hasLegalForm && listed.hasLegalForm;
  const formWeight = isLegalFormShared ? scoring.legalFormWeight : 0;
  let queryTotal = formWeight;
  let queryMatched = formWeight;
  for (let i = 0; i < q.length; i += 1) {
    const token = q[i]!;
    // An applicant's word the listed name lacks is evidence of another person, however common the word is (WOO, NA).
    queryTotal +=
      queryScore[i] === 0 && !token.isLegalForm
        ? Math.max(token.weight, scoring.unmatchedQueryWordWeight)
        : token.weight;
    queryMatched += queryScore[i]! * token.weight;
  }
  let listedTotal = formWeight;
  listedMatched += formWeight;
  for (const token of l) listedTotal += token.weight;
  const queryCoverage = queryTotal > 0 ? queryMatched / queryTotal : 0;
  const listedCoverage = listedTotal > 0 ? listedMatched / listedTotal : 0;
  const share = scoring.queryCoverageShare;
  // A listed person whose surname pairs with nothing is another person who shares given names ("Pierre Bernard"
  // vs "MUPENZI, General Pierre Bernard"); a dropped middle name keeps the surname.
  let isSurnameMissed = (listed.surnameCount ?? 0) > 0;
  for (let j = 0; j < (listed.surnameCount ?? 0); j += 1) if (isListedUsed[j]) isSurnameMissed = false;
  const factor = isSurnameMissed ? scoring.missedSurnameFactor : 1;
  const tokenScores: TokenScore[] = [];
  if (withTokenScores) {
    for (let i = 0; i < q.length; i += 1) {
      const token = q[i]!;
      // A query's legal form is shown only when it paired with a word (a person named PAO); otherwise it is no evidence.
      if (token.isLegalForm && queryScore[i] === 0) continue;
      const pairing = queryPairing[i]! >= 0 ? pairingOrder[queryPairing[i]!]! : null;
      const partner = pairing
        ? l
            .slice(pairing.listedFrom, pairing.listedFrom + pairing.listedCount)
            .map((word) => word.text)
            .join(' ')
        : '';
      tokenScores.push({ query: token.text, listed: partner, score: Math.round(queryScore[i]! * 100) / 100 });
    }
  }
  return {
    base: factor * (share * queryCoverage + (1 - share) * listedCoverage),
    queryCoverage,
    listedCoverage,
    tokenScores,
  };
}

/** Countries an entry is tied to: nationality, citizenship, addresses, places of birth (ISO codes). */
export function entryCountries(entry: SanctionsEntry): Set<string> {
  const codes = new Set<string>();
  const add = (value: string | null) => {
    const code = toCountryCode(value);
    if (code) codes.add(code);
  };
  entry.nationalities.forEach(add);
  entry.citizenships.forEach(add);
  entry.placesOfBirth.forEach(add);
  for (const address of entry.addresses) add(address.country);
  return codes;
}

/** Points for what the applicant's details say about this entry, each with its reason. */
export function qualify(entry: SanctionsEntry, countries: Set<string>, options: ScreenNameOptions): ScoreAdjustment[] {
  const adjustments: ScoreAdjustment[] = [];
  if (options.dateOfBirth && entry.datesOfBirth.length > 0) {
    const agreement = compareDatesOfBirth(options.dateOfBirth, entry.datesOfBirth);
    const listed = entry.datesOfBirth.join(' / ');
    // Reasons are stored with the finding: they name the listed dates (public) and at most the applicant's birth year
    // (which the snapshot keeps too), never the applicant's full date of birth.
    const born = `born ${options.dateOfBirth.slice(0, 4)}`;
    if (agreement === 'same-day')
      adjustments.push({ reason: `date of birth is the listed ${listed}`, points: qualifiers.dateOfBirthSameDay });
    else if (agreement === 'compatible')
      adjustments.push({ reason: `date of birth fits the listed ${listed}`, points: qualifiers.dateOfBirthCompatible });
    else if (agreement === 'near')
      adjustments.push({
        reason: `date of birth (${born}) is within a year of the listed ${listed}`,
        points: qualifiers.dateOfBirthNear,
      });
    else if (agreement === 'different')
      adjustments.push({
        reason: `date of birth (${born}) differs from the listed ${listed}`,
        points: qualifiers.dateOfBirthDifferent,
      });
  }
  const country = toCountryCode(options.country);
  if (country && countries.size > 0) {
    if (countries.has(country))
      adjustments.push({
        reason: `country ${country} is one of the entry's (${[...countries].join(', ')})`,
        points: qualifiers.countryMatch,
      });
    else
      adjustments.push({
        reason: `country ${country} is none of the entry's (${[...countries].join(', ')})`,
        points: qualifiers.countryMismatch,
      });
  }
  if (options.isEntity === false && (entry.type === 'vessel' || entry.type === 'aircraft')) {
    adjustments.push({ reason: `a person's name against a listed ${entry.type}`, points: qualifiers.vesselOrAircraft });
  } else if (options.isEntity === false && entry.type === 'entity') {
    adjustments.push({ reason: "a person's name against a listed entity", points: qualifiers.entityTypeMismatch });
  } else if (options.isEntity === true && entry.type === 'individual') {
    adjustments.push({ reason: "a company's name against a listed individual", points: qualifiers.entityTypeMismatch });
  }
  return adjustments;
}
