// In-memory index over listed names and wallets: word and folded-key lookups, deletion-neighbourhood fuzzy keys, then scoring.
import { entryCountries, joinedSimilarity, qualify, scoreName, tokenSimilarity, weightedToken, wordWeight, type NameScore, type PairSimilarity, type ScoringName, type WeightedToken } from './match';
import { normaliseText, prepareName, type NameToken, type PreparedName } from './normalise';
import { deletionNeighbourhood, forEachDeletion } from './similarity';
import { allowedEdits, matchThresholds, maximumQualifierBonus, qualifiers, scoring } from './thresholds';
import { walletKey } from './wallets';
import type { LinkedParty, MatchedNameKind, SanctionsEntry, SanctionsMatch, ScoreAdjustment, ScreenNameOptions } from './types';

interface IndexedName {
  /** Position among all indexed names (list order): breaks ties between names of one entry. */
  id: number;
  entry: number;
  text: string;
  kind: MatchedNameKind;
  name: ScoringName;
  vocab: Int32Array;
}

interface VocabWord {
  token: NameToken;
  postings: number[];
  /** The word's list weight (as a listed word, for the listed-coverage bound). */
  weight: number;
}

interface WalletListing {
  entry: number;
  chain: string;
  address: string;
}

interface Candidate {
  entry: number;
  name: IndexedName;
  nameScore: NameScore;
  score: number;
  adjustments: ScoreAdjustment[];
}

interface PreparedQuery {
  words: WeightedToken[];
  /** Per word: listed word id -> similarity (> 0). */
  similar: Array<Map<number, number>>;
  hasLegalForm: boolean;
}

export interface IndexStats {
  entries: number;
  names: number;
  words: number;
  fuzzyKeys: number;
  wallets: number;
  unresolvedLinks: number;
}

const DEFAULT_LIMIT = 20;
const SIMILAR_CACHE_LIMIT = 50_000;
/** Query words that get a dense row of similarities (by listed word id); a longer name's words use their maps. */
const DENSE_ROWS = 24;
/** Why a query word's postings are not walked: too light to matter alone (MaxScore), or said before in the query. */
const SKIPPED = 1;
const REPEATED = 2;
const nameKindOrder: Record<MatchedNameKind, number> = { primary: 0, alias: 1, 'weak-alias': 2, 'linked-to': 3, wallet: 4 };
const FIFTY_PERCENT_NOTE = "OFAC's 50 percent rule: an entity owned 50% or more, directly or indirectly, in aggregate by blocked persons is blocked even when it is not listed, so check who owns the company.";

function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (list[list.length - 1] !== value) list.push(value);
}

/** Sanctions screening over a fixed set of entries: build once, then screen names and wallet addresses. */
// What every match says about the listed entry it found, name or wallet.
const describeEntry = (entry: SanctionsEntry) => ({ uid: entry.uid, list: entry.list, programs: entry.programs, entryName: entry.name, entryType: entry.type });

export class SanctionsIndex {
  private readonly names: IndexedName[] = [];
  private readonly words: VocabWord[] = [];
  private readonly wordByText = new Map<string, number>();
  private readonly wordsByKey = new Map<string, number[]>();
  // Most deletion variants belong to one word: a bare id saves an array each (700k keys on the full list).
  private readonly fuzzyKeys = new Map<string, number | number[]>();
  private readonly joinedByText = new Map<string, number[]>();
  private readonly joinedByKey = new Map<string, number[]>();
  private readonly weightByKey = new Map<string, number>();
  private readonly wallets = new Map<string, WalletListing[]>();
  private readonly linkedParties: LinkedParty[][] = [];
  private readonly countries: Set<string>[] = [];
  private unresolvedLinks = 0;
  // Per-query scratch space, sized to the names; reset by generation counters rather than cleared.
  private readonly accumulated: Float64Array;
  private readonly wordBest: Float64Array;
  private readonly listedAccumulated: Float64Array;
  private readonly listedWordBest: Float64Array;
  /** Sum of each listed name's word weights. */
  private readonly listedTotal: Float64Array;
  // Query words repeat (given names, TRADING, BANK): their similar listed words are kept, up to a bound.
  private readonly similarCache = new Map<string, Map<number, number>>();
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

  private constructor(private readonly entries: SanctionsEntry[]) {
    this.indexEntries();
    this.accumulated = new Float64Array(this.names.length);
    this.wordBest = new Float64Array(this.names.length);
    this.listedAccumulated = new Float64Array(this.names.length);
    this.listedWordBest = new Float64Array(this.names.length);
    this.listedTotal = new Float64Array(this.names.map((listed) => listed.name.tokens.reduce((sum, token) => sum + token.weight, 0)));
    this.nameGeneration = new Uint32Array(this.names.length);
    this.vocabStart = new Int32Array(this.names.length + 1);
    this.names.forEach((listed, nameId) => (this.vocabStart[nameId + 1] = this.vocabStart[nameId]! + listed.vocab.length));
    this.vocabFlat = new Int32Array(this.vocabStart[this.names.length]!);
    this.names.forEach((listed, nameId) => this.vocabFlat.set(listed.vocab, this.vocabStart[nameId]!));
    this.wordWeights = new Float64Array(this.words.map((word) => word.weight));
    for (let row = 0; row < DENSE_ROWS; row += 1) this.denseRows.push(new Float64Array(this.words.length));
    this.wordGeneration = new Uint32Array(this.names.length);
  }

  static build(entries: SanctionsEntry[]): SanctionsIndex {
    return new SanctionsIndex(entries);
  }

  get size(): number {
    return this.entries.length;
  }

  get stats(): IndexStats {
    return { entries: this.entries.length, names: this.names.length, words: this.words.length, fuzzyKeys: this.fuzzyKeys.size, wallets: this.wallets.size, unresolvedLinks: this.unresolvedLinks };
  }

  /** A word's weight on this list (0.15..1, rarer words higher), as scoring uses it. */
  listWeight(word: string): number {
    const [token] = prepareName(word, { isPerson: true }).tokens;
    return token ? this.weigh(token).weight : 0;
  }

  /** The entry with this uid, if indexed. */
  entry(uid: string): SanctionsEntry | undefined {
    this.byUid ??= new Map(this.entries.map((entry) => [entry.uid, entry]));
    return this.byUid.get(uid);
  }

  private byUid: Map<string, SanctionsEntry> | null = null;

  private indexEntries(): void {
    const prepared: Array<Array<{ text: string; kind: MatchedNameKind; name: PreparedName }>> = [];
    const byExactName = new Map<string, number[]>();
    const byTokens = new Map<string, number[]>();
    this.entries.forEach((entry, index) => {
      const isPerson = entry.type === 'individual';
      const own = [
        { text: entry.name, kind: 'primary' as MatchedNameKind, name: prepareName(entry.name, { isPerson }) },
        ...entry.aliases.map((alias) => ({ text: alias.name, kind: (alias.isWeak ? 'weak-alias' : 'alias') as MatchedNameKind, name: prepareName(alias.name, { isPerson }) })),
      ];
      prepared.push(own);
      for (const item of own) {
        if (item.kind === 'weak-alias') continue;
        push(byExactName, normaliseText(item.text), index);
        push(byTokens, item.name.tokens.map((token) => token.text).join(' '), index);
      }
      for (const wallet of entry.digitalCurrencyAddresses) {
        const key = walletKey(wallet.address);
        const listings = this.wallets.get(key) ?? [];
        if (!listings.some((listing) => listing.entry === index)) listings.push({ entry: index, chain: wallet.chain, address: wallet.address });
        this.wallets.set(key, listings);
      }
      this.countries.push(entryCountries(entry));
    });

    // "Linked To: NAME" names another listing: resolve it by its exact name, else by its words without legal forms.
    this.entries.forEach((entry, index) => {
      const parties: LinkedParty[] = [];
      for (const linkedName of entry.linkedTo) {
        const candidates = byExactName.get(normaliseText(linkedName)) ?? byTokens.get(prepareName(linkedName).tokens.map((token) => token.text).join(' ')) ?? [];
        const sameList = candidates.filter((candidate) => candidate !== index && this.entries[candidate]!.list === entry.list);
        const target = sameList[0] ?? candidates.find((candidate) => candidate !== index);
        if (target != null) {
          parties.push({ name: linkedName, uid: this.entries[target]!.uid, programs: this.entries[target]!.programs });
        } else {
          parties.push({ name: linkedName, uid: null, programs: [] });
          // An unlisted party a listed one is linked to is screened too: a front company's name should surface its designated partner.
          prepared[index]!.push({ text: linkedName, kind: 'linked-to', name: prepareName(linkedName) });
          this.unresolvedLinks += 1;
        }
      }
      this.linkedParties.push(parties);
    });

    // How common each folded word is, counted once per entry over its own names.
    const documentFrequency = new Map<string, number>();
    prepared.forEach((own) => {
      const keys = new Set<string>();
      for (const item of own) if (item.kind !== 'linked-to') for (const token of item.name.tokens) keys.add(token.key);
      for (const key of keys) documentFrequency.set(key, (documentFrequency.get(key) ?? 0) + 1);
    });
    for (const [key, frequency] of documentFrequency) this.weightByKey.set(key, wordWeight(frequency, this.entries.length));

    prepared.forEach((own, entryIndex) => {
      for (const item of own) {
        const nameId = this.names.length;
        const tokens = item.name.tokens.map((token) => this.weigh(token));
        const vocab = new Int32Array(tokens.length);
        tokens.forEach((token, position) => {
          const wordId = this.wordId(token);
          vocab[position] = wordId;
          const postings = this.words[wordId]!.postings;
          if (postings[postings.length - 1] !== nameId) postings.push(nameId);
        });
        for (let j = 0; j + 1 < tokens.length; j += 1) {
          const first = tokens[j]!;
          const second = tokens[j + 1]!;
          if (first.isNumeric || second.isNumeric) continue;
          push(this.joinedByText, first.text + second.text, nameId);
          push(this.joinedByKey, first.key + second.key, nameId);
        }
        this.names.push({ id: nameId, entry: entryIndex, text: item.text, kind: item.kind, name: { tokens, hasLegalForm: item.name.hasLegalForm, surnameCount: item.name.surnameCount }, vocab });
      }
    });
  }

  private weigh(token: NameToken): WeightedToken {
    return weightedToken(token, this.weightByKey.get(token.key) ?? wordWeight(0, this.entries.length));
  }

  private wordId(token: NameToken): number {
    const known = this.wordByText.get(token.text);
    if (known != null) return known;
    const id = this.words.length;
    this.words.push({ token, postings: [], weight: this.weightByKey.get(token.key) ?? wordWeight(0, this.entries.length) });
    this.wordByText.set(token.text, id);
    push(this.wordsByKey, token.key, id);
    // Both sides index deletions up to the edits their own length allows: a pair within the edits of the
    // shorter word then always shares one deletion variant (symmetric deletion, as in SymSpell).
    const depth = allowedEdits(token.text.length);
    if (!token.isNumeric && depth > 0) {
      const add = (variant: string) => this.addFuzzyKey(variant, id);
      forEachDeletion(token.text, depth, add);
      if (token.key !== token.text) forEachDeletion(token.key, depth, add);
    }
    return id;
  }

  private addFuzzyKey(variant: string, id: number): void {
    const ids = this.fuzzyKeys.get(variant);
    if (ids === undefined) this.fuzzyKeys.set(variant, id);
    else if (typeof ids === 'number') {
      if (ids !== id) this.fuzzyKeys.set(variant, [ids, id]);
    } else if (ids[ids.length - 1] !== id) ids.push(id);
  }

  // Every listed word that pairs with a query word, with its similarity.
  private similarWords(token: NameToken): Map<number, number> {
    const cached = this.similarCache.get(token.text);
    if (cached) return cached;
    const similar = this.findSimilarWords(token);
    if (this.similarCache.size >= SIMILAR_CACHE_LIMIT) this.similarCache.clear();
    this.similarCache.set(token.text, similar);
    return similar;
  }

  private findSimilarWords(token: NameToken): Map<number, number> {
    const similar = new Map<number, number>();
    const tried = new Set<number>();
    const consider = (id: number) => {
      if (tried.has(id)) return;
      tried.add(id);
      const value = tokenSimilarity(token, this.words[id]!.token);
      if (value > 0) similar.set(id, value);
    };
    const exact = this.wordByText.get(token.text);
    if (exact != null) consider(exact);
    if (token.isNumeric) return similar;
    for (const id of this.wordsByKey.get(token.key) ?? []) consider(id);
    const depth = allowedEdits(token.text.length);
    if (depth === 0) return similar;
    const variants = deletionNeighbourhood(token.text, depth);
    if (token.key !== token.text) for (const variant of deletionNeighbourhood(token.key, depth)) variants.add(variant);
    for (const variant of variants) {
      const ids = this.fuzzyKeys.get(variant);
      if (typeof ids === 'number') consider(ids);
      else if (ids) for (const id of ids) consider(id);
    }
    return similar;
  }

  // A query's words with their list weights; its legal-form words follow with weight 0.
  private queryTokens(name: string, options: ScreenNameOptions): ScoringName {
    const prepared = prepareName(name, { isPerson: options.isEntity === false });
    const forms = prepared.legalForms.map((token) => weightedToken(token, 0, true));
    return { tokens: [...prepared.tokens.map((token) => this.weigh(token)), ...forms], hasLegalForm: prepared.hasLegalForm };
  }

  private prepareQuery(name: string, options: ScreenNameOptions): PreparedQuery {
    const query = this.queryTokens(name, options);
    return { words: query.tokens, similar: query.tokens.map((token) => this.similarWords(token)), hasLegalForm: query.hasLegalForm };
  }

  /**
   * Screens a name: candidates come from the word index (each name's best possible coverage of the query is
   * summed while walking the postings), only those that could still reach `minScore` are scored in full.
   */
  screenName(name: string, options: ScreenNameOptions = {}): SanctionsMatch[] {
    const minScore = options.minScore ?? matchThresholds.possible;
    const query = this.prepareQuery(name, options);
    const words = query.words;
    if (words.length === 0) return [];
    const isDense = words.length <= DENSE_ROWS;
    if (isDense) for (let i = 0; i < words.length; i += 1) for (const [id, value] of query.similar[i]!) this.denseRows[i]![id] = value;
    try {
      return this.screenQuery(query, options, minScore, isDense);
    } finally {
      if (isDense) for (let i = 0; i < words.length; i += 1) for (const id of query.similar[i]!.keys()) this.denseRows[i]![id] = 0;
    }
  }

  private screenQuery(query: PreparedQuery, options: ScreenNameOptions, minScore: number, isDense: boolean): SanctionsMatch[] {
    const { words, similar, hasLegalForm } = query;
    const scoringQuery: ScoringName = { tokens: words, hasLegalForm };
    const formWeight = hasLegalForm ? scoring.legalFormWeight : 0;
    const total = words.reduce((sum, word) => sum + word.weight, 0) + formWeight;
    const bonus = (options.dateOfBirth ? qualifiers.dateOfBirthSameDay : 0) + (options.country ? qualifiers.countryMatch : 0);
    const share = scoring.queryCoverageShare;
    // Highest reachable score = 100 * (share * query coverage + (1 - share) * listed coverage) + bonus, each
    // coverage bounded by the weights accumulated below; names that cannot reach minScore are not scored.
    // Scores are rounded to whole points, so a base 0.5 point under minScore can still reach it.
    const needed = (minScore - 0.5 - Math.min(bonus, maximumQualifierBonus)) / 100 - 1e-9;

    // MaxScore: the lightest query words together cannot lift a name to `needed`, even with all of the listed
    // side matched, so a name that only they reach is never a candidate. Their postings (AL, MUHAMMAD, TRADING:
    // thousands of names each) are not walked; their part of the bound is added below for the names that the
    // other words or a joined spelling found.
    const isSkipped = new Uint8Array(words.length);
    let skippedWeight = 0;
    // The most a skipped word can add to a listed name's matched weight.
    let skippedListedWeight = 0;
    if (isDense && needed > 0 && total > 0) {
      const byWeight = words.map((_, i) => i).sort((a, b) => words[a]!.weight - words[b]!.weight);
      for (const i of byWeight) {
        const reach = share * Math.min(1, (skippedWeight + words[i]!.weight + formWeight) / total) + (1 - share);
        if (reach >= needed) break;
        isSkipped[i] = SKIPPED;
        skippedWeight += words[i]!.weight;
        let listedMost = 0;
        for (const [id, value] of similar[i]!) listedMost = Math.max(listedMost, value * this.wordWeights[id]!);
        skippedListedWeight += listedMost;
      }
      // A word said twice (ABDULLAH ABDULLAH, LI LI) pairs twice only with two listed words: its second saying is not
      // walked (its postings are the first's) and adds the name's second-best pairing below, not the best again.
      for (let i = 0; i < words.length; i += 1) {
        if (isSkipped[i]) continue;
        const first = words.findIndex((word) => word.text === words[i]!.text);
        if (first === i || isSkipped[first] === SKIPPED) continue;
        isSkipped[i] = REPEATED;
        skippedWeight += words[i]!.weight;
        let listedMost = 0;
        for (const [id, value] of similar[i]!) listedMost = Math.max(listedMost, value * this.wordWeights[id]!);
        skippedListedWeight += listedMost;
      }
    }

    this.generation += 1;
    const generation = this.generation;
    const touched: number[] = [];
    this.wordGenerationCounter += 1;
    let wordGeneration = this.wordGenerationCounter;
    const nextWord = () => {
      this.wordGenerationCounter += 1;
      wordGeneration = this.wordGenerationCounter;
    };
    const nameGeneration = this.nameGeneration;
    const wordGenerations = this.wordGeneration;
    const accumulated = this.accumulated;
    const listedAccumulated = this.listedAccumulated;
    const wordBest = this.wordBest;
    const listedWordBest = this.listedWordBest;
    const listedTotal = this.listedTotal;
    // Upper bounds of a name's matched weight on both sides: per query word only its best listed word counts.
    const unit = (nameId: number, value: number, listedValue: number) => {
      if (nameGeneration[nameId] !== generation) {
        nameGeneration[nameId] = generation;
        accumulated[nameId] = 0;
        listedAccumulated[nameId] = 0;
        touched.push(nameId);
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
        for (const [id, value] of similar[i]!) {
          const queryValue = word.weight * value;
          const listedValue = value * this.wordWeights[id]!;
          const postings = this.words[id]!.postings;
          for (let k = 0; k < postings.length; k += 1) unit(postings[k]!, queryValue, listedValue);
        }
      }
      // The query word written as two listed words ("INCHOL" vs "IN CHOL"); the listed side is not bounded here.
      if (!word.isNumeric && !word.isLegalForm) {
        for (const nameId of this.joinedByText.get(word.text) ?? []) unit(nameId, word.weight, listedTotal[nameId]!);
        for (const nameId of this.joinedByKey.get(word.key) ?? []) unit(nameId, word.weight, listedTotal[nameId]!);
      }
    }
    // Two query words written as one listed word.
    for (let i = 0; i + 1 < words.length; i += 1) {
      const first = words[i]!;
      const second = words[i + 1]!;
      if (first.isNumeric || second.isNumeric || first.isLegalForm || second.isLegalForm) continue;
      nextWord();
      const exact = this.wordByText.get(first.text + second.text);
      const walkJoined = (id: number) => {
        if (joinedSimilarity(first, second, this.words[id]!.token) === 0) return;
        for (const nameId of this.words[id]!.postings) unit(nameId, first.weight + second.weight, this.wordWeights[id]!);
      };
      if (exact != null) walkJoined(exact);
      for (const id of this.wordsByKey.get(first.key + second.key) ?? []) if (id !== exact) walkJoined(id);
    }

    const candidates: IndexedName[] = [];
    const vocabStart = this.vocabStart;
    const vocabFlat = this.vocabFlat;
    const wordWeights = this.wordWeights;
    for (const nameId of touched) {
      const listedWhole = listedTotal[nameId]! + formWeight;
      if (skippedWeight > 0 || skippedListedWeight > 0) {
        // Even if every skipped word paired at its best, could this name reach `needed`? Most found names cannot.
        const queryMost = Math.min(1, (accumulated[nameId]! + skippedWeight + formWeight) / total);
        const listedMost = Math.min(1, (listedAccumulated[nameId]! + skippedListedWeight + formWeight) / listedWhole);
        if (share * queryMost + (1 - share) * listedMost < needed) continue;
        // The skipped words' part of the bound: each word's best pairing among this name's words, on each side
        // (added to what a joined spelling of the same word gave: never tighter than walking their postings).
        for (let i = 0; i < words.length; i += 1) {
          if (!isSkipped[i]) continue;
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
          const isRepeated = isSkipped[i] === REPEATED;
          accumulated[nameId]! += (isRepeated ? second : best) * words[i]!.weight;
          listedAccumulated[nameId]! += isRepeated ? listedSecond : listedBest;
        }
      }
      const queryBound = Math.min(1, (accumulated[nameId]! + formWeight) / total);
      const listedBound = Math.min(1, (listedAccumulated[nameId]! + formWeight) / listedWhole);
      if (share * queryBound + (1 - share) * listedBound >= needed) candidates.push(this.names[nameId]!);
    }
    const rows = this.denseRows;
    const similarityFor = isDense
      ? (listed: IndexedName): PairSimilarity => (i, j) => rows[i]![listed.vocab[j]!]!
      : (listed: IndexedName): PairSimilarity => (i, j) => similar[i]!.get(listed.vocab[j]!) ?? 0;
    return this.finish(candidates, scoringQuery, options, minScore, similarityFor);
  }

  /** The same screening without the index: every listed name is scored. The baseline for tests and the bench. */
  bruteForce(name: string, options: ScreenNameOptions = {}): SanctionsMatch[] {
    const minScore = options.minScore ?? matchThresholds.possible;
    const query = this.queryTokens(name, options);
    if (query.tokens.length === 0) return [];
    // Each query word against every distinct listed word once (no retrieval, no pruning), then every listed name scored.
    const similarity = query.tokens.map((token) => {
      const row = new Float64Array(this.words.length);
      for (let id = 0; id < this.words.length; id += 1) row[id] = tokenSimilarity(token, this.words[id]!.token);
      return row;
    });
    // A name none of whose words pairs with a query word scores below any threshold; skipping it changes nothing.
    const q = query.tokens;
    const pairing = this.names.filter((listed) => {
      const l = listed.name.tokens;
      if (similarity.some((row) => listed.vocab.some((id) => row[id]! > 0))) return true;
      for (let i = 0; i + 1 < q.length; i += 1) for (const token of l) if (joinedSimilarity(q[i]!, q[i + 1]!, token) > 0) return true;
      for (let j = 0; j + 1 < l.length; j += 1) for (const token of q) if (joinedSimilarity(l[j]!, l[j + 1]!, token) > 0) return true;
      return false;
    });
    return this.finish(pairing, query, options, minScore, (listed) => (i, j) => similarity[i]![listed.vocab[j]!]!);
  }

  /** Name score (0..100, no qualifiers) of a query against any listed-style name, with this list's word weights. */
  compareNames(query: string, listed: string, options: { isEntity?: boolean; isListedPerson?: boolean } = {}): { score: number; tokenScores: NameScore['tokenScores'] } {
    const q = this.queryTokens(query, { isEntity: options.isEntity });
    const right = prepareName(listed, { isPerson: options.isListedPerson === true });
    const l: ScoringName = { tokens: right.tokens.map((token) => this.weigh(token)), hasLegalForm: right.hasLegalForm, surnameCount: right.surnameCount };
    if (q.tokens.length === 0 || l.tokens.length === 0) return { score: 0, tokenScores: [] };
    const result = scoreName(q, l, (i, j) => tokenSimilarity(q.tokens[i]!, l.tokens[j]!));
    return { score: Math.round(result.base * 100), tokenScores: result.tokenScores };
  }

  private finish(candidates: IndexedName[], query: ScoringName, options: ScreenNameOptions, minScore: number, similarityFor: (listed: IndexedName) => PairSimilarity): SanctionsMatch[] {
    const best = new Map<number, Candidate>();
    const adjustmentsByEntry = new Map<number, ScoreAdjustment[]>();
    for (const listed of candidates) {
      const nameScore = scoreName(query, listed.name, similarityFor(listed), false);
      let adjustments = adjustmentsByEntry.get(listed.entry);
      if (!adjustments) {
        adjustments = qualify(this.entries[listed.entry]!, this.countries[listed.entry]!, options);
        adjustmentsByEntry.set(listed.entry, adjustments);
      }
      const factor = listed.kind === 'weak-alias' ? scoring.weakAliasFactor : 1;
      const points = adjustments.reduce((sum, adjustment) => sum + adjustment.points, 0);
      const score = Math.max(0, Math.min(100, Math.round(nameScore.base * 100 * factor) + points));
      if (score < minScore) continue;
      const current = best.get(listed.entry);
      // Between two names of one entry with the same score and kind, the first listed: the same whatever order retrieval found them in.
      const isBetter = !current || score > current.score || (score === current.score && (nameKindOrder[listed.kind] < nameKindOrder[current.name.kind] || (listed.kind === current.name.kind && listed.id < current.name.id)));
      if (isBetter) {
        best.set(listed.entry, { entry: listed.entry, name: listed, nameScore, score, adjustments });
      }
    }
    const ranked = [...best.values()].sort((a, b) => b.score - a.score || nameKindOrder[a.name.kind] - nameKindOrder[b.name.kind] || a.entry - b.entry);
    return ranked.slice(0, options.limit ?? DEFAULT_LIMIT).map((candidate) => {
      // The per-word detail, only for what is returned (same pairing, same score).
      candidate.nameScore = scoreName(query, candidate.name.name, similarityFor(candidate.name));
      return this.toMatch(candidate, options.field ?? null);
    });
  }

  private toMatch(candidate: Candidate, field: string | null): SanctionsMatch {
    const entry = this.entries[candidate.entry]!;
    const kind = candidate.name.kind;
    // A weak alias or an unlisted linked party alone never makes a strong match.
    const isCapped = kind === 'weak-alias' || kind === 'linked-to';
    const strength = candidate.score >= matchThresholds.strong && !isCapped ? 'strong' : 'possible';
    const linkedTo = this.linkedParties[candidate.entry]!;
    const notes: string[] = [];
    if (kind === 'weak-alias') notes.push("Matched a weak alias: OFAC does not expect weak a.k.a.s to be screened alone; confirm with date of birth, nationality or address.");
    if (kind === 'linked-to') notes.push(`Matched "${candidate.name.text}", which is not itself listed but which the listed ${entry.name} is linked to; check the relationship.`);
    const listedLinks = linkedTo.filter((party) => party.uid != null);
    if (listedLinks.length > 0) notes.push(`Linked to listed ${listedLinks.map((party) => `${party.name} (${party.uid})`).join('; ')}.`);
    if (entry.type === 'entity') notes.push(FIFTY_PERCENT_NOTE);
    return {
      ...describeEntry(entry),
      matchedName: candidate.name.text,
      nameKind: kind,
      isWeakAlias: kind === 'weak-alias',
      field,
      score: candidate.score,
      strength,
      tokenScores: candidate.nameScore.tokenScores,
      adjustments: candidate.adjustments,
      linkedTo,
      note: notes.join(' '),
    };
  }

  /** Exact wallet screening: a listed digital-currency address is a strong match whatever the chain given. */
  screenWallet(address: string, field?: string): SanctionsMatch[] {
    const listings = this.wallets.get(walletKey(address)) ?? [];
    return listings.map((listing) => {
      const entry = this.entries[listing.entry]!;
      const notes = [`Exact match of a ${listing.chain} address OFAC lists for ${entry.name}.`];
      if (entry.type === 'entity') notes.push(FIFTY_PERCENT_NOTE);
      return {
        ...describeEntry(entry),
        matchedName: listing.address,
        nameKind: 'wallet' as const,
        isWeakAlias: false,
        field: field ?? null,
        score: 100,
        strength: 'strong' as const,
        tokenScores: [],
        adjustments: [],
        linkedTo: this.linkedParties[listing.entry]!,
        note: notes.join(' '),
      };
    });
  }
}
