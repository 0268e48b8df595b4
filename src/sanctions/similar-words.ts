// Every listed word that pairs with a query word, with its similarity: the exact word, the words sharing its folded key,
// and those sharing a deletion variant within the allowed edits. Query words repeat, so answers are cached.
import { tokenSimilarity } from './match';
import type { NameToken } from './normalise';
import { deletionNeighbourhood } from './similarity';
import { allowedEdits } from './thresholds';
import type { ListIndex } from './list-index';

const SIMILAR_CACHE_LIMIT = 50_000;

/** A query word's similar listed words, in the order found: walked as arrays (iterating a Map allocates an entry per word). */
export interface SimilarWordList {
  ids: number[];
  values: number[];
  /** Listed word id -> similarity (> 0), for a query too long for dense rows. */
  byId: Map<number, number>;
}

export class SimilarWords {
  // Query words repeat (given names, TRADING, BANK): their similar listed words are kept, up to a bound.
  private readonly cache = new Map<string, SimilarWordList>();

  constructor(private readonly index: ListIndex) {}

  of(token: NameToken): SimilarWordList {
    const cached = this.cache.get(token.text);
    if (cached) return cached;
    const byId = this.find(token);
    const similar = { ids: [...byId.keys()], values: [...byId.values()], byId };
    if (this.cache.size >= SIMILAR_CACHE_LIMIT) this.cache.clear();
    this.cache.set(token.text, similar);
    return similar;
  }

  private find(token: NameToken): Map<number, number> {
    const { words, wordByText, wordsByKey, fuzzyKeys } = this.index;
    const similar = new Map<number, number>();
    const tried = new Set<number>();
    const consider = (id: number) => {
      if (tried.has(id)) return;
      tried.add(id);
      const value = tokenSimilarity(token, words[id]!.token);
      if (value > 0) similar.set(id, value);
    };
    const exact = wordByText.get(token.text);
    if (exact != null) consider(exact);
    if (token.isNumeric) return similar;
    for (const id of wordsByKey.get(token.key) ?? []) consider(id);
    const depth = allowedEdits(token.text.length);
    if (depth === 0) return similar;
    const variants = deletionNeighbourhood(token.text, depth);
    if (token.key !== token.text) for (const variant of deletionNeighbourhood(token.key, depth)) variants.add(variant);
    for (const variant of variants) {
      const ids = fuzzyKeys.get(variant);
      if (typeof ids === 'number') consider(ids);
      else if (ids) for (const id of ids) consider(id);
    }
    return similar;
  }
}
