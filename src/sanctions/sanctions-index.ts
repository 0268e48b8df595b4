// In-memory index over listed names and wallets: word and folded-key lookups, deletion-neighbourhood fuzzy keys, then scoring.
// The parts: list-index.ts (the build), similar-words.ts, candidate-search.ts (the bounds), match-results.ts (ranking).
import { CandidateSearch, type PreparedQuery } from './candidate-search';
import { buildListIndex, weigh, type ListIndex } from './list-index';
import { joinedSimilarity, scoreName, tokenSimilarity, weightedToken, type NameScore, type ScoringName } from './match';
import { rankMatches, walletMatch } from './match-results';
import { prepareName } from './normalise';
import { SimilarWords } from './similar-words';
import { matchThresholds } from './thresholds';
import { walletKey } from './wallets';
import type { SanctionsEntry, SanctionsMatch, ScreenNameOptions } from './types';

export interface IndexStats {
  entries: number;
  names: number;
  words: number;
  fuzzyKeys: number;
  wallets: number;
  unresolvedLinks: number;
}

/** Sanctions screening over a fixed set of entries: build once, then screen names and wallet addresses. */
export class SanctionsIndex {
  private readonly index: ListIndex;
  private readonly similarWords: SimilarWords;
  private readonly candidates: CandidateSearch;
  private byUid: Map<string, SanctionsEntry> | null = null;

  private constructor(private readonly entries: SanctionsEntry[]) {
    this.index = buildListIndex(entries);
    this.similarWords = new SimilarWords(this.index);
    this.candidates = new CandidateSearch(this.index);
  }

  static build(entries: SanctionsEntry[]): SanctionsIndex {
    return new SanctionsIndex(entries);
  }

  get size(): number {
    return this.entries.length;
  }

  get stats(): IndexStats {
    const { names, words, fuzzyKeys, wallets, unresolvedLinks } = this.index;
    return {
      entries: this.entries.length,
      names: names.length,
      words: words.length,
      fuzzyKeys: fuzzyKeys.size,
      wallets: wallets.size,
      unresolvedLinks,
    };
  }

  /** A word's weight on this list (0.15..1, rarer words higher), as scoring uses it. */
  listWeight(word: string): number {
    const [token] = prepareName(word, { isPerson: true }).tokens;
    return token ? weigh(this.index, token).weight : 0;
  }

  /** The entry with this uid, if indexed. */
  entry(uid: string): SanctionsEntry | undefined {
    this.byUid ??= new Map(this.entries.map((entry) => [entry.uid, entry]));
    return this.byUid.get(uid);
  }

  // A query's words with their list weights; its legal-form words follow with weight 0.
  private queryTokens(name: string, options: ScreenNameOptions): ScoringName {
    const prepared = prepareName(name, { isPerson: options.isEntity === false });
    const forms = prepared.legalForms.map((token) => weightedToken(token, 0, true));
    return {
      tokens: [...prepared.tokens.map((token) => weigh(this.index, token)), ...forms],
      hasLegalForm: prepared.hasLegalForm,
    };
  }

  private prepareQuery(name: string, options: ScreenNameOptions): PreparedQuery {
    const query = this.queryTokens(name, options);
    return {
      words: query.tokens,
      similar: query.tokens.map((token) => this.similarWords.of(token)),
      hasLegalForm: query.hasLegalForm,
    };
  }

  /**
   * Screens a name: candidates come from the word index (each name's best possible coverage of the query is
   * summed while walking the postings), only those that could still reach `minScore` are scored in full.
   */
  screenName(name: string, options: ScreenNameOptions = {}): SanctionsMatch[] {
    const minScore = options.minScore ?? matchThresholds.possible;
    const query = this.prepareQuery(name, options);
    if (query.words.length === 0) return [];
    const scoringQuery: ScoringName = { tokens: query.words, hasLegalForm: query.hasLegalForm };
    return this.candidates.withCandidates(query, options, minScore, (found, similarityFor) =>
      rankMatches(this.index, found, scoringQuery, options, minScore, similarityFor),
    );
  }

  /** The same screening without the index: every listed name is scored. The baseline for tests and the bench. */
  bruteForce(name: string, options: ScreenNameOptions = {}): SanctionsMatch[] {
    const minScore = options.minScore ?? matchThresholds.possible;
    const query = this.queryTokens(name, options);
    if (query.tokens.length === 0) return [];
    // Each query word against every distinct listed word once (no retrieval, no pruning), then every listed name scored.
    const similarity = query.tokens.map((token) => {
      const row = new Float64Array(this.index.words.length);
      for (let id = 0; id < this.index.words.length; id += 1)
        row[id] = tokenSimilarity(token, this.index.words[id]!.token);
      return row;
    });
    // A name none of whose words pairs with a query word scores below any threshold; skipping it changes nothing.
    const q = query.tokens;
    const pairing = this.index.names.filter((listed) => {
      const l = listed.name.tokens;
      if (similarity.some((row) => listed.vocab.some((id) => row[id]! > 0))) return true;
      for (let i = 0; i + 1 < q.length; i += 1)
        for (const token of l) if (joinedSimilarity(q[i]!, q[i + 1]!, token) > 0) return true;
      for (let j = 0; j + 1 < l.length; j += 1)
        for (const token of q) if (joinedSimilarity(l[j]!, l[j + 1]!, token) > 0) return true;
      return false;
    });
    return rankMatches(
      this.index,
      pairing,
      query,
      options,
      minScore,
      (listed) => (i, j) => similarity[i]![listed.vocab[j]!]!,
    );
  }

  /** Name score (0..100, no qualifiers) of a query against any listed-style name, with this list's word weights. */
  compareNames(
    query: string,
    listed: string,
    options: { isEntity?: boolean; isListedPerson?: boolean } = {},
  ): { score: number; tokenScores: NameScore['tokenScores'] } {
    const q = this.queryTokens(query, { isEntity: options.isEntity });
    const right = prepareName(listed, { isPerson: options.isListedPerson === true });
    const l: ScoringName = {
      tokens: right.tokens.map((token) => weigh(this.index, token)),
      hasLegalForm: right.hasLegalForm,
      surnameCount: right.surnameCount,
    };
    if (q.tokens.length === 0 || l.tokens.length === 0) return { score: 0, tokenScores: [] };
    const result = scoreName(q, l, (i, j) => tokenSimilarity(q.tokens[i]!, l.tokens[j]!));
    return { score: Math.round(result.base * 100), tokenScores: result.tokenScores };
  }

  /** Exact wallet screening: a listed digital-currency address is a strong match whatever the chain given. */
  screenWallet(address: string, field?: string): SanctionsMatch[] {
    return (this.index.wallets.get(walletKey(address)) ?? []).map((listing) => walletMatch(this.index, listing, field));
  }
}
