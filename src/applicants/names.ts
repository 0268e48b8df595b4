// Name comparison for evidence (is this account in the applicant's own name?), never for origin.
import { recentMemo } from './recent-memo';

export function nameTokens(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);
}

// "Xiu Ying" and "Xiuying", "Min-jun" and "Minjun": given names are written split or joined.
function withJoinedNeighbours(tokens: string[]): string[][] {
  const variants = [tokens];
  for (let i = 0; i + 1 < tokens.length; i += 1) {
    variants.push([...tokens.slice(0, i), tokens[i]! + tokens[i + 1]!, ...tokens.slice(i + 2)]);
  }
  return variants;
}

/**
 * True when two names plausibly denote the same person: the same words in any order ("DOE, Jane"),
 * ignoring initials, split or joined given names, or one name's words all within the other's (a dropped
 * middle name).
 */
export function isSamePersonName(a: string, b: string): boolean {
  const rights = comparableVariants(b);
  return comparableVariants(a).some((left) => rights.some((right) => isSubsetMatch(left, right)));
}

// A screening compares the legal name with each name on the application (holder, recipient, document, household):
// its variants are built once, not per comparison. Read only (isSubsetMatch copies before it takes words out). Few
// entries, as for phones (phone-parse.ts): the comparisons of one screening run in one turn of the event loop.
const rememberVariants = recentMemo<readonly (readonly string[])[]>(64);

// A name's variants without initials.
function comparableVariants(name: string): readonly (readonly string[])[] {
  return rememberVariants(name, () =>
    withJoinedNeighbours(nameTokens(name)).map((tokens) => tokens.filter((token) => token.length > 1)),
  );
}

function isSubsetMatch(left: readonly string[], right: readonly string[]): boolean {
  if (left.length === 0 || right.length === 0) return false;
  const [shorter, longer] = left.length <= right.length ? [left, right] : [right, left];
  const pool = [...longer];
  for (const token of shorter) {
    const at = pool.indexOf(token);
    if (at < 0) return false;
    pool.splice(at, 1);
  }
  // A single shared word ("Jane" vs "Jane Roe") is not enough to call it the same person.
  return shorter.length >= 2 || longer.length === 1;
}

/** Whether a name (account holder, parcel recipient, name on a document) is one of the applicant's own. */
export function isOwnName(person: { legalName: string; otherNames?: string[] }, name: string): boolean {
  return [person.legalName, ...(person.otherNames ?? [])].some((own) => isSamePersonName(own, name));
}

/**
 * A name as the link lookup compares it (its words sorted, initials dropped): "DOE, Jane" and "Jane Doe" are one
 * name. Used only to count distinct names and to leave out the applicant's own earlier cases, never to judge them.
 */
export function nameKey(name: string): string {
  return nameTokens(name)
    .filter((token) => token.length > 1)
    .sort()
    .join(' ');
}
