// The in-memory index over a list's names and wallets, built once: each name's weighted words, the words' postings,
// their folded keys and deletion-neighbourhood fuzzy keys, joined spellings, wallets, linked parties, countries.
import { entryCountries, weightedToken, wordWeight, type ScoringName, type WeightedToken } from './match';
import { normaliseText, prepareName, type NameToken, type PreparedName } from './normalise';
import { forEachDeletion } from './similarity';
import { allowedEdits } from './thresholds';
import { walletKey } from './wallets';
import type { LinkedParty, MatchedNameKind, SanctionsEntry } from './types';

export interface IndexedName {
  /** Position among all indexed names (list order): breaks ties between names of one entry. */
  id: number;
  entry: number;
  text: string;
  kind: MatchedNameKind;
  name: ScoringName;
  vocab: Int32Array;
}

export interface VocabWord {
  token: NameToken;
  postings: number[];
  /** The word's list weight (as a listed word, for the listed-coverage bound). */
  weight: number;
}

export interface WalletListing {
  entry: number;
  chain: string;
  address: string;
}

export interface ListIndex {
  entries: SanctionsEntry[];
  names: IndexedName[];
  words: VocabWord[];
  wordByText: Map<string, number>;
  wordsByKey: Map<string, number[]>;
  // Most deletion variants belong to one word: a bare id saves an array each (700k keys on the full list).
  fuzzyKeys: Map<string, number | number[]>;
  joinedByText: Map<string, number[]>;
  joinedByKey: Map<string, number[]>;
  weightByKey: Map<string, number>;
  wallets: Map<string, WalletListing[]>;
  linkedParties: LinkedParty[][];
  countries: Set<string>[];
  unresolvedLinks: number;
}

type PreparedNames = Array<Array<{ text: string; kind: MatchedNameKind; name: PreparedName }>>;

export function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (list[list.length - 1] !== value) list.push(value);
}

/** A word with its weight on this list (0.15..1, rarer words higher). */
export function weigh(index: ListIndex, token: NameToken): WeightedToken {
  return weightedToken(token, index.weightByKey.get(token.key) ?? wordWeight(0, index.entries.length));
}

export function buildListIndex(entries: SanctionsEntry[]): ListIndex {
  const index: ListIndex = {
    entries,
    names: [],
    words: [],
    wordByText: new Map(),
    wordsByKey: new Map(),
    fuzzyKeys: new Map(),
    joinedByText: new Map(),
    joinedByKey: new Map(),
    weightByKey: new Map(),
    wallets: new Map(),
    linkedParties: [],
    countries: [],
    unresolvedLinks: 0,
  };
  const prepared = prepareOwnNames(index);
  resolveLinkedParties(index, prepared);
  weighWords(index, prepared);
  indexNames(index, prepared);
  return index;
}

// Each entry's own names prepared, its wallets and countries indexed; how linked parties are found by name.
function prepareOwnNames(index: ListIndex): {
  names: PreparedNames;
  byExactName: Map<string, number[]>;
  byTokens: Map<string, number[]>;
} {
  const names: PreparedNames = [];
  const byExactName = new Map<string, number[]>();
  const byTokens = new Map<string, number[]>();
  index.entries.forEach((entry, entryIndex) => {
    const isPerson = entry.type === 'individual';
    const own = [
      { text: entry.name, kind: 'primary' as MatchedNameKind, name: prepareName(entry.name, { isPerson }) },
      ...entry.aliases.map((alias) => ({
        text: alias.name,
        kind: (alias.isWeak ? 'weak-alias' : 'alias') as MatchedNameKind,
        name: prepareName(alias.name, { isPerson }),
      })),
    ];
    names.push(own);
    for (const item of own) {
      if (item.kind === 'weak-alias') continue;
      push(byExactName, normaliseText(item.text), entryIndex);
      push(byTokens, item.name.tokens.map((token) => token.text).join(' '), entryIndex);
    }
    for (const wallet of entry.digitalCurrencyAddresses) {
      const key = walletKey(wallet.address);
      const listings = index.wallets.get(key) ?? [];
      if (!listings.some((listing) => listing.entry === entryIndex))
        listings.push({ entry: entryIndex, chain: wallet.chain, address: wallet.address });
      index.wallets.set(key, listings);
    }
    index.countries.push(entryCountries(entry));
  });
  return { names, byExactName, byTokens };
}

// "Linked To: NAME" names another listing: resolve it by its exact name, else by its words without legal forms.
function resolveLinkedParties(
  index: ListIndex,
  { names: prepared, byExactName, byTokens }: ReturnType<typeof prepareOwnNames>,
): void {
  const { entries } = index;
  entries.forEach((entry, entryIndex) => {
    const parties: LinkedParty[] = [];
    for (const linkedName of entry.linkedTo) {
      const candidates =
        byExactName.get(normaliseText(linkedName)) ??
        byTokens.get(
          prepareName(linkedName)
            .tokens.map((token) => token.text)
            .join(' '),
        ) ??
        [];
      const sameList = candidates.filter(
        (candidate) => candidate !== entryIndex && entries[candidate]!.list === entry.list,
      );
      const target = sameList[0] ?? candidates.find((candidate) => candidate !== entryIndex);
      if (target != null) {
        parties.push({ name: linkedName, uid: entries[target]!.uid, programs: entries[target]!.programs });
      } else {
        parties.push({ name: linkedName, uid: null, programs: [] });
        // An unlisted party a listed one is linked to is screened too: a front company's name should surface its designated partner.
        prepared[entryIndex]!.push({ text: linkedName, kind: 'linked-to', name: prepareName(linkedName) });
        index.unresolvedLinks += 1;
      }
    }
    index.linkedParties.push(parties);
  });
}

// How common each folded word is, counted once per entry over its own names.
function weighWords(index: ListIndex, prepared: ReturnType<typeof prepareOwnNames>): void {
  const documentFrequency = new Map<string, number>();
  prepared.names.forEach((own) => {
    const keys = new Set<string>();
    for (const item of own) if (item.kind !== 'linked-to') for (const token of item.name.tokens) keys.add(token.key);
    for (const key of keys) documentFrequency.set(key, (documentFrequency.get(key) ?? 0) + 1);
  });
  for (const [key, frequency] of documentFrequency)
    index.weightByKey.set(key, wordWeight(frequency, index.entries.length));
}

function indexNames(index: ListIndex, prepared: ReturnType<typeof prepareOwnNames>): void {
  prepared.names.forEach((own, entryIndex) => {
    for (const item of own) {
      const nameId = index.names.length;
      const tokens = item.name.tokens.map((token) => weigh(index, token));
      const vocab = new Int32Array(tokens.length);
      tokens.forEach((token, position) => {
        const wordId = wordIdOf(index, token);
        vocab[position] = wordId;
        const postings = index.words[wordId]!.postings;
        if (postings[postings.length - 1] !== nameId) postings.push(nameId);
      });
      for (let j = 0; j + 1 < tokens.length; j += 1) {
        const first = tokens[j]!;
        const second = tokens[j + 1]!;
        if (first.isNumeric || second.isNumeric) continue;
        push(index.joinedByText, first.text + second.text, nameId);
        push(index.joinedByKey, first.key + second.key, nameId);
      }
      index.names.push({
        id: nameId,
        entry: entryIndex,
        text: item.text,
        kind: item.kind,
        name: { tokens, hasLegalForm: item.name.hasLegalForm, surnameCount: item.name.surnameCount },
        vocab,
      });
    }
  });
}

function wordIdOf(index: ListIndex, token: NameToken): number {
  const known = index.wordByText.get(token.text);
  if (known != null) return known;
  const id = index.words.length;
  index.words.push({
    token,
    postings: [],
    weight: index.weightByKey.get(token.key) ?? wordWeight(0, index.entries.length),
  });
  index.wordByText.set(token.text, id);
  push(index.wordsByKey, token.key, id);
  // Both sides index deletions up to the edits their own length allows: a pair within the edits of the
  // shorter word then always shares one deletion variant (symmetric deletion, as in SymSpell).
  const depth = allowedEdits(token.text.length);
  if (!token.isNumeric && depth > 0) {
    const add = (variant: string) => addFuzzyKey(index.fuzzyKeys, variant, id);
    forEachDeletion(token.text, depth, add);
    if (token.key !== token.text) forEachDeletion(token.key, depth, add);
  }
  return id;
}

function addFuzzyKey(fuzzyKeys: ListIndex['fuzzyKeys'], variant: string, id: number): void {
  const ids = fuzzyKeys.get(variant);
  if (ids === undefined) fuzzyKeys.set(variant, id);
  else if (typeof ids === 'number') {
    if (ids !== id) fuzzyKeys.set(variant, [ids, id]);
  } else if (ids[ids.length - 1] !== id) ids.push(id);
}
