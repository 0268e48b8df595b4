// String similarity primitives for name tokens: Jaro-Winkler and a bounded Levenshtein distance.

const matchedA: boolean[] = [];
const matchedB: boolean[] = [];

/** Jaro-Winkler similarity (0..1), prefix scale 0.1 over at most 4 characters, applied above 0.7 as in Winkler's paper. */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const lengthA = a.length;
  const lengthB = b.length;
  if (lengthA === 0 || lengthB === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(lengthA, lengthB) / 2) - 1);
  for (let i = 0; i < lengthA; i += 1) matchedA[i] = false;
  for (let j = 0; j < lengthB; j += 1) matchedB[j] = false;
  let matches = 0;
  for (let i = 0; i < lengthA; i += 1) {
    const from = Math.max(0, i - window);
    const to = Math.min(lengthB - 1, i + window);
    const code = a.charCodeAt(i);
    for (let j = from; j <= to; j += 1) {
      if (!matchedB[j] && b.charCodeAt(j) === code) {
        matchedA[i] = true;
        matchedB[j] = true;
        matches += 1;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < lengthA; i += 1) {
    if (!matchedA[i]) continue;
    while (!matchedB[k]) k += 1;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions += 1;
    k += 1;
  }
  const jaro = (matches / lengthA + matches / lengthB + (matches - transpositions / 2) / matches) / 3;
  if (jaro <= 0.7) return jaro;
  let prefix = 0;
  const limit = Math.min(4, lengthA, lengthB);
  while (prefix < limit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix += 1;
  return jaro + prefix * 0.1 * (1 - jaro);
}

let previousRow = new Int32Array(64);
let currentRow = new Int32Array(64);

/** Levenshtein distance when it is at most `max`; otherwise `max + 1` (the caller only needs "too far"). */
export function boundedLevenshtein(a: string, b: string, max: number): number {
  if (a === b) return 0;
  const lengthA = a.length;
  const lengthB = b.length;
  if (Math.abs(lengthA - lengthB) > max) return max + 1;
  if (max === 0) return 1;
  if (lengthB + 1 > previousRow.length) {
    previousRow = new Int32Array(lengthB * 2 + 1);
    currentRow = new Int32Array(lengthB * 2 + 1);
  }
  for (let j = 0; j <= lengthB; j += 1) previousRow[j] = j;
  for (let i = 1; i <= lengthA; i += 1) {
    currentRow[0] = i;
    let rowMinimum = i;
    const code = a.charCodeAt(i - 1);
    for (let j = 1; j <= lengthB; j += 1) {
      const cost = code === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min(previousRow[j]! + 1, currentRow[j - 1]! + 1, previousRow[j - 1]! + cost);
      currentRow[j] = value;
      if (value < rowMinimum) rowMinimum = value;
    }
    if (rowMinimum > max) return max + 1;
    const swap = previousRow;
    previousRow = currentRow;
    currentRow = swap;
  }
  const distance = previousRow[lengthB]!;
  return distance > max ? max + 1 : distance;
}

/** Every string reachable from `text` by deleting up to `depth` characters (the text itself included). */
export function deletionNeighbourhood(text: string, depth: number): Set<string> {
  const found = new Set<string>([text]);
  let frontier = [text];
  for (let level = 0; level < depth; level += 1) {
    const next: string[] = [];
    for (const item of frontier) {
      if (item.length <= 1) continue;
      for (let i = 0; i < item.length; i += 1) {
        const shorter = item.slice(0, i) + item.slice(i + 1);
        if (!found.has(shorter)) {
          found.add(shorter);
          next.push(shorter);
        }
      }
    }
    frontier = next;
  }
  return found;
}

/**
 * Calls `visit` with `text` and every string reachable by deleting up to two characters (some more than once):
 * the allocation-light form of `deletionNeighbourhood` used while building the index.
 */
export function forEachDeletion(text: string, depth: number, visit: (variant: string) => void): void {
  visit(text);
  if (depth < 1 || text.length <= 1) return;
  for (let i = 0; i < text.length; i += 1) {
    const once = text.slice(0, i) + text.slice(i + 1);
    visit(once);
    if (depth < 2 || once.length <= 1) continue;
    // Second deletions at or after i: each pair of original positions is reached once.
    for (let j = i; j < once.length; j += 1) visit(once.slice(0, j) + once.slice(j + 1));
  }
}
