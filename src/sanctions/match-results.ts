// From scored candidates to the matches a screening returns: the best name per listed entry, ranked, with the
// qualifiers' adjustments, the per-word detail, and the notes a reviewer needs (weak alias, linked party, 50% rule).
import { qualify, scoreName, type NameScore, type PairSimilarity, type ScoringName } from './match';
import { matchThresholds, scoring } from './thresholds';
import type { IndexedName, ListIndex, WalletListing } from './list-index';
import type { MatchedNameKind, SanctionsEntry, SanctionsMatch, ScoreAdjustment, ScreenNameOptions } from './types';

interface Candidate {
  entry: number;
  name: IndexedName;
  nameScore: NameScore;
  score: number;
  adjustments: ScoreAdjustment[];
}

const DEFAULT_LIMIT = 20;
const nameKindOrder: Record<MatchedNameKind, number> = {
  primary: 0,
  alias: 1,
  'weak-alias': 2,
  'linked-to': 3,
  wallet: 4,
};
const FIFTY_PERCENT_NOTE =
  "OFAC's 50 percent rule: an entity owned 50% or more, directly or indirectly, in aggregate by blocked persons is blocked even when it is not listed, so check who owns the company.";

// What every match says about the listed entry it found, name or wallet.
const describeEntry = (entry: SanctionsEntry) => ({
  uid: entry.uid,
  list: entry.list,
  programs: entry.programs,
  entryName: entry.name,
  entryType: entry.type,
});

/** Scores the candidates in full and returns the best match per entry, at least `minScore`, highest first. */
export function rankMatches(
  index: ListIndex,
  candidates: IndexedName[],
  query: ScoringName,
  options: ScreenNameOptions,
  minScore: number,
  similarityFor: (listed: IndexedName) => PairSimilarity,
): SanctionsMatch[] {
  // Most screened names have no candidate at all.
  if (candidates.length === 0) return [];
  const best = new Map<number, Candidate>();
  const adjustmentsByEntry = new Map<number, ScoreAdjustment[]>();
  for (const listed of candidates) {
    const nameScore = scoreName(query, listed.name, similarityFor(listed), false);
    let adjustments = adjustmentsByEntry.get(listed.entry);
    if (!adjustments) {
      adjustments = qualify(index.entries[listed.entry]!, index.countries[listed.entry]!, options);
      adjustmentsByEntry.set(listed.entry, adjustments);
    }
    const factor = listed.kind === 'weak-alias' ? scoring.weakAliasFactor : 1;
    const points = adjustments.reduce((sum, adjustment) => sum + adjustment.points, 0);
    const score = Math.max(0, Math.min(100, Math.round(nameScore.base * 100 * factor) + points));
    if (score < minScore) continue;
    const current = best.get(listed.entry);
    // Between two names of one entry with the same score and kind, the first listed: the same whatever order retrieval found them in.
    const isBetter =
      !current ||
      score > current.score ||
      (score === current.score &&
        (nameKindOrder[listed.kind] < nameKindOrder[current.name.kind] ||
          (listed.kind === current.name.kind && listed.id < current.name.id)));
    if (isBetter) {
      best.set(listed.entry, { entry: listed.entry, name: listed, nameScore, score, adjustments });
    }
  }
  const ranked = [...best.values()].sort(
    (a, b) => b.score - a.score || nameKindOrder[a.name.kind] - nameKindOrder[b.name.kind] || a.entry - b.entry,
  );
  return ranked.slice(0, options.limit ?? DEFAULT_LIMIT).map((candidate) => {
    // The per-word detail, only for what is returned (same pairing, same score).
    candidate.nameScore = scoreName(query, candidate.name.name, similarityFor(candidate.name));
    return toMatch(index, candidate, options.field ?? null);
  });
}

function toMatch(index: ListIndex, candidate: Candidate, field: string | null): SanctionsMatch {
  const entry = index.entries[candidate.entry]!;
  const kind = candidate.name.kind;
  // A weak alias or an unlisted linked party alone never makes a strong match.
  const isCapped = kind === 'weak-alias' || kind === 'linked-to';
  const strength = candidate.score >= matchThresholds.strong && !isCapped ? 'strong' : 'possible';
  const linkedTo = index.linkedParties[candidate.entry]!;
  const notes: string[] = [];
  if (kind === 'weak-alias')
    notes.push(
      'Matched a weak alias: OFAC does not expect weak a.k.a.s to be screened alone; confirm with date of birth, nationality or address.',
    );
  if (kind === 'linked-to')
    notes.push(
      `Matched "${candidate.name.text}", which is not itself listed but which the listed ${entry.name} is linked to; check the relationship.`,
    );
  const listedLinks = linkedTo.filter((party) => party.uid != null);
  if (listedLinks.length > 0)
    notes.push(`Linked to listed ${listedLinks.map((party) => `${party.name} (${party.uid})`).join('; ')}.`);
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

/** A listed wallet address found exactly: always a strong match. */
export function walletMatch(index: ListIndex, listing: WalletListing, field: string | undefined): SanctionsMatch {
  const entry = index.entries[listing.entry]!;
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
    linkedTo: index.linkedParties[listing.entry]!,
    note: notes.join(' '),
  };
}
