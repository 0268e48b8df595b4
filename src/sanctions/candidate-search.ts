// Candidate gathering for a screened name: each listed name's best possible coverage of the query (and of itself) is
// accumulated while walking the postings of the query words' similar listed words; only the names that could still
// reach the minimum score are handed on to be scored in full. Scratch arrays are sized to the names once and reset
// by generation counters rather than cleared.
import { joinedSimilarity, type PairSimilarity, type WeightedToken } from './match';
import { maximumQualifierBonus, qualifiers, scoring } from './thresholds';
import type { IndexedName, ListIndex } from './list-index';
import type { SimilarWordList } from './similar-words';
import type { ScreenNameOptions } from './types';

export interface PreparedQuery {
  words: WeightedToken[];
  /** Per word: the listed words it pairs with and their similarity (> 0). */
  similar: SimilarWordList[];
  hasLegalForm: boolean;
}

/** Query words that get a dense row of similarities (by listed word id); a longer name's words use their maps. */
const DENSE_ROWS = 24;
// What a lookup that finds nothing walks (a new empty array each time was garbage).
const noNames: readonly number[] = [];
/** Why a query word's postings are not walked: too light to matter alone (MaxScore), or said before in the query. */
const SKIPPED = 1;
const REPEATED = 2;

interface Bounds {
  total: number;
  formWeight: number;
  share: number;
  /** The least base (0..1) a name must be able to reach. */
  needed: number;
}

interface SkippedWords {
  isSkipped: Uint8Array;
  weight: number;
  // The most the skipped words can add to a listed name's matched weight.
  listedWeight: number;
}

function boundsOf(query: PreparedQuery, options: ScreenNameOptions, minScore: number): Bounds {
  const formWeight = query.hasLegalForm ? scoring.legalFormWeight : 0;
  const total = query.words.reduce((sum, word) => sum + word.weight, 0) + formWeight;
  const bonus =
    (options.dateOfBirth ? qualifiers.dateOfBirthSameDay : 0) + (options.country ? qualifiers.countryMatch : 0);
  // Highest reachable score = 100 * (share * query coverage + (1 - share) * listed coverage) + bonus, each
  // coverage bounded by the weights accumulated below; names that cannot reach minScore are not scored.
  // Scores are rounded to whole points, so a base 0.5 point under minScore can still reach it.
  const needed = (minScore - 0.5 - Math.min(bonus, maximumQualifierBonus)) / 100 - 1e-9;
  return { total, formWeight, share: scoring.queryCoverageShare, needed };
}

export class CandidateSearch {
  private readonly accumulated: Float64Array;
  private readonly wordBest: Float64Array;
  private readonly listedAccumulated: Float64Array;
  private readonly listedWordBest: Float64Array;
  /** Sum of each listed name's word weights. */
  private readonly listedTotal: Float64Array;
  // Every name's word ids end to end (CSR), and each word's list weight: the bound completion reads them per name.
  private readonly vocabStart: Int32Array;
  private readonly vocabFlat: Int32Array;
  private readonly wordWeights: Float64Array;
  // Per query word, its similarity to every listed word (0 when they do not pair): filled from the word's map at
  // the start of a query and zeroed at its end, so bound completion and scoring read an array, not a Map.
  private readonly denseRows: Float64Array[] = [];
  private readonly nameGeneration: Uint32Array;
  private readonly wordGeneration: Uint32Array;
  private generation = 0;
  private wordGenerationCounter = 0;
  // Scratch reused by every query (a search never runs inside another): the names found, and for a query of at most
  // DENSE_ROWS words its skipped words and its words by weight. Allocating them per query was most of its garbage.
  private readonly touched: Int32Array;
  private readonly skipped: SkippedWords = { isSkipped: new Uint8Array(DENSE_ROWS), weight: 0, listedWeight: 0 };
  private readonly byWeight = new Int32Array(DENSE_ROWS);

  constructor(private readonly index: ListIndex) {
    const { names, words } = index;
    this.accumulated = new Float64Array(names.length);
    this.wordBest = new Float64Array(names.length);
    this.listedAccumulated = new Float64Array(names.length);
    this.listedWordBest = new Float64Array(names.length);
    this.listedTotal = new Float64Array(
      names.map((listed) => listed.name.tokens.reduce((sum, token) => sum + token.weight, 0)),
    );
    this.nameGeneration = new Uint32Array(names.length);
    this.vocabStart = new Int32Array(names.length + 1);
    names.forEach((listed, nameId) => (this.vocabStart[nameId + 1] = this.vocabStart[nameId]! + listed.vocab.length));
    this.vocabFlat = new Int32Array(this.vocabStart[names.length]!);
    names.forEach((listed, nameId) => this.vocabFlat.set(listed.vocab, this.vocabStart[nameId]!));
    this.wordWeights = new Float64Array(words.map((word) => word.weight));
    for (let row = 0; row < DENSE_ROWS; row += 1) this.denseRows.push(new Float64Array(words.length));
    this.wordGeneration = new Uint32Array(names.length);
    this.touched = new Int32Array(names.length);
  }

  /** Runs `use` with the names that could reach `minScore` and the query's pair similarity to a listed name. */
  withCandidates<T>(
    query: PreparedQuery,
    options: ScreenNameOptions,
    minScore: number,
    use: (candidates: IndexedName[], similarityFor: (listed: IndexedName) => PairSimilarity) => T,
  ): T {
    const { words, similar } = query;
    const isDense = words.length <= DENSE_ROWS;
    if (isDense)
      for (let i = 0; i < words.length; i += 1) {
        const { ids, values } = similar[i]!;
        for (let k = 0; k < ids.length; k += 1) this.denseRows[i]![ids[k]!] = values[k]!;
      }
    try {
      const bounds = boundsOf(query, options, minScore);
      const skipped = this.noneSkipped(words.length, isDense);
      if (isDense && bounds.needed > 0 && bounds.total > 0) this.skipLightWords(query, bounds, skipped);
      const touchedCount = this.accumulate(query, skipped.isSkipped);
      const rows = this.denseRows;
      const similarityFor = isDense
        ? (listed: IndexedName): PairSimilarity =>
            (i, j) =>
              rows[i]![listed.vocab[j]!]!
        : (listed: IndexedName): PairSimilarity =>
            (i, j) =>
              similar[i]!.byId.get(listed.vocab[j]!) ?? 0;
      return use(this.keepReachable(query, touchedCount, bounds, skipped), similarityFor);
    } finally {
      if (isDense)
        for (let i = 0; i < words.length; i += 1) for (const id of similar[i]!.ids) this.denseRows[i]![id] = 0;
    }
  }

  // MaxScore: the lightest query words together cannot lift a name to `needed`, even with all of the listed
  // side matched, so a name that only they reach is never a candidate. Their postings (AL, MUHAMMAD, TRADING:
  // thousands of names each) are not walked; their part of the bound is added in keepReachable for the names that the
  // other words or a joined spelling found.
  // No word skipped yet: the reused scratch for a dense query, a new one for a longer name.
  private noneSkipped(wordCount: number, isDense: boolean): SkippedWords {
    if (!isDense) return { isSkipped: new Uint8Array(wordCount), weight: 0, listedWeight: 0 };
    const skipped = this.skipped;
    skipped.isSkipped.fill(0);
    skipped.weight = 0;
    skipped.listedWeight = 0;
    return skipped;
  }

  private skip(query: PreparedQuery, skipped: SkippedWords, i: number, why: number): void {
    skipped.isSkipped[i] = why;
    skipped.weight += query.words[i]!.weight;
    let listedMost = 0;
    const { ids, values } = query.similar[i]!;
    for (let k = 0; k < ids.length; k += 1) listedMost = Math.max(listedMost, values[k]! * this.wordWeights[ids[k]!]!);
    skipped.listedWeight += listedMost;
  }

  private skipLightWords(
    query: PreparedQuery,
    { total, formWeight, share, needed }: Bounds,
    skipped: SkippedWords,
  ): void {
    const { words } = query;
    // The words' positions by weight, lightest first; equal weights in query order (an insertion sort, stable).
    const byWeight = this.byWeight;
    for (let i = 0; i < words.length; i += 1) {
      let at = i;
      for (; at > 0 && words[byWeight[at - 1]!]!.weight > words[i]!.weight; at -= 1) byWeight[at] = byWeight[at - 1]!;
      byWeight[at] = i;
    }
    for (let k = 0; k < words.length; k += 1) {
      const i = byWeight[k]!;
      const reach = share * Math.min(1, (skipped.weight + words[i]!.weight + formWeight) / total) + (1 - share);
      if (reach >= needed) break;
      this.skip(query, skipped, i, SKIPPED);
    }
    // A word said twice (ABDULLAH ABDULLAH, LI LI) pairs twice only with two listed words: its second saying is not
    // walked (its postings are the first's) and adds the name's second-best pairing below, not the best again.
    for (let i = 0; i < words.length; i += 1) {
      if (skipped.isSkipped[i]) continue;
      let first = 0;
      while (words[first]!.text !== words[i]!.text) first += 1;
      if (first === i || skipped.isSkipped[first] === SKIPPED) continue;
      this.skip(query, skipped, i, REPEATED);
    }
  }

  // Upper bounds of each found name's matched weight on both sides (per query word only its best listed word counts);
  // returns how many names were found (their ids are the first in `touched`).
  private accumulate(query: PreparedQuery, isSkipped: Uint8Array): number {
    const { words, similar } = query;
    const { words: listedWords, wordByText, wordsByKey, joinedByText, joinedByKey } = this.index;
    this.generation += 1;
    const generation = this.generation;
    const touched = this.touched;
    let touchedCount = 0;
    this.wordGenerationCounter += 1;
    let wordGeneration = this.wordGenerationCounter;
    const nextWord = () => {
      this.wordGenerationCounter += 1;
      wordGeneration = this.wordGenerationCounter;
    };
    const {
      nameGeneration,
      wordGeneration: wordGenerations,
      accumulated,
      listedAccumulated,
      wordBest,
      listedWordBest,
      listedTotal,
      wordWeights,
    } = this;
    const unit = (nameId: number, value: number, listedValue: number) => {
      if (nameGeneration[nameId] !== generation) {
        nameGeneration[nameId] = generation;
        accumulated[nameId] = 0;
        listedAccumulated[nameId] = 0;
        touched[touchedCount++] = nameId;
      }
      if (wordGenerations[nameId] !== wordGeneration) {
        wordGenerations[nameId] = wordGeneration;
        wordBest[nameId] = 0;
        listedWordBest[nameId] = 0;
      }
      if (value > wordBest[nameId]!) {
        accumulated[nameId]! += value - wordBest[nameId]!;
        wordBest[nameId] = value;
      }
      if (listedValue > listedWordBest[nameId]!) {
        listedAccumulated[nameId]! += listedValue - listedWordBest[nameId]!;
        listedWordBest[nameId] = listedValue;
      }
    };

    for (let i = 0; i < words.length; i += 1) {
      const word = words[i]!;
      nextWord();
      if (!isSkipped[i]) {
        const { ids, values } = similar[i]!;
        for (let w = 0; w < ids.length; w += 1) {
          const id = ids[w]!;
          const value = values[w]!;
          const queryValue = word.weight * value;
          const listedValue = value * wordWeights[id]!;
          const postings = listedWords[id]!.postings;
          for (let k = 0; k < postings.length; k += 1) unit(postings[k]!, queryValue, listedValue);
        }
      }
      // The query word written as two listed words ("INCHOL" vs "IN CHOL"); the listed side is not bounded here.
      if (!word.isNumeric && !word.isLegalForm) {
        for (const nameId of joinedByText.get(word.text) ?? noNames) unit(nameId, word.weight, listedTotal[nameId]!);
        for (const nameId of joinedByKey.get(word.key) ?? noNames) unit(nameId, word.weight, listedTotal[nameId]!);
      }
    }
    // Two query words written as one listed word.
    for (let i = 0; i + 1 < words.length; i += 1) {
      const first = words[i]!;
      const second = words[i + 1]!;
      if (first.isNumeric || second.isNumeric || first.isLegalForm || second.isLegalForm) continue;
      nextWord();
      const exact = wordByText.get(first.text + second.text);
      const walkJoined = (id: number) => {
        if (joinedSimilarity(first, second, listedWords[id]!.token) === 0) return;
        for (const nameId of listedWords[id]!.postings) unit(nameId, first.weight + second.weight, wordWeights[id]!);
      };
      if (exact != null) walkJoined(exact);
      for (const id of wordsByKey.get(first.key + second.key) ?? noNames) if (id !== exact) walkJoined(id);
    }
    return touchedCount;
  }

  // The found names whose bounds, completed with the skipped words' best pairings, still reach `needed`.
  private keepReachable(
    query: PreparedQuery,
    touchedCount: number,
    { total, formWeight, share, needed }: Bounds,
    skipped: SkippedWords,
  ): IndexedName[] {
    const { words } = query;
    const { accumulated, listedAccumulated, listedTotal, vocabStart, vocabFlat, wordWeights, touched } = this;
    const candidates: IndexedName[] = [];
    for (let t = 0; t < touchedCount; t += 1) {
      const nameId = touched[t]!;
      const listedWhole = listedTotal[nameId]! + formWeight;
      if (skipped.weight > 0 || skipped.listedWeight > 0) {
        // Even if every skipped word paired at its best, could this name reach `needed`? Most found names cannot.
        const queryMost = Math.min(1, (accumulated[nameId]! + skipped.weight + formWeight) / total);
        const listedMost = Math.min(1, (listedAccumulated[nameId]! + skipped.listedWeight + formWeight) / listedWhole);
        if (share * queryMost + (1 - share) * listedMost < needed) continue;
        // The skipped words' part of the bound: each word's best pairing among this name's words, on each side
        // (added to what a joined spelling of the same word gave: never tighter than walking their postings).
        for (let i = 0; i < words.length; i += 1) {
          if (!skipped.isSkipped[i]) continue;
          const row = this.denseRows[i]!;
          let best = 0;
          let second = 0;
          let listedBest = 0;
          let listedSecond = 0;
          for (let k = vocabStart[nameId]!, end = vocabStart[nameId + 1]!; k < end; k += 1) {
            const value = row[vocabFlat[k]!]!;
            if (value === 0) continue;
            if (value > best) [best, second] = [value, best];
            else if (value > second) second = value;
            const listedValue = value * wordWeights[vocabFlat[k]!]!;
            if (listedValue > listedBest) [listedBest, listedSecond] = [listedValue, listedBest];
            else if (listedValue > listedSecond) listedSecond = listedValue;
          }
          const isRepeated = skipped.isSkipped[i] === REPEATED;
          accumulated[nameId]! += (isRepeated ? second : best) * words[i]!.weight;
          listedAccumulated[nameId]! += isRepeated ? listedSecond : listedBest;
        }
      }
      const queryBound = Math.min(1, (accumulated[nameId]! + formWeight) / total);
      const listedBound = Math.min(1, (listedAccumulated[nameId]! + formWeight) / listedWhole);
      if (share * queryBound + (1 - share) * listedBound >= needed) candidates.push(this.index.names[nameId]!);
    }
    return candidates;
  }
}
