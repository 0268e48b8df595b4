// Near-duplicate resumes: MinHash over 5-word shingles, cut into LSH bands. Two resumes sharing several
// bands are near-duplicates (16 bands of 4 rows: a band collides with probability J^4 for Jaccard J).
const BANDS = 16;
const ROWS = 4;
const SHINGLE_WORDS = 5;
const PRIME = 4294967291; // largest prime below 2^32

// Fixed pseudo-random permutation coefficients, so that every instance computes the same signature.
const coefficients = Array.from({ length: BANDS * ROWS }, (_, i) => {
  let seed = (i + 1) * 2654435761;
  const next = () => ((seed = (Math.imul(seed ^ (seed >>> 15), 2246822507) + 3266489909) >>> 0), seed);
  return { a: (next() % (PRIME - 1)) + 1, b: next() % PRIME };
});

function fnv1a(text: string): number {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619) >>> 0;
  return hash;
}

// value mod PRIME for a whole number below 2^53, exactly: a floored division instead of `%`, which V8 runs as a C
// call (fmod) on numbers beyond 32 bits; the quotient may be one off after rounding, which the comparisons correct.
function modPrime(value: number): number {
  const remainder = value - Math.floor(value / PRIME) * PRIME;
  return remainder < 0 ? remainder + PRIME : remainder >= PRIME ? remainder - PRIME : remainder;
}

// (a*x + b) mod p without leaving exact double precision: a split into 16-bit halves keeps every term below 2^49.
function permute(x: number, aHigh: number, aLow: number, b: number): number {
  return modPrime(modPrime(aHigh * x) * 65536 + aLow * x + b);
}

export function resumeSignature(text: string): number[] | null {
  const words =
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length < SHINGLE_WORDS * 4) return null; // too short to say anything about templates
  const distinct = new Set<number>();
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i += 1)
    distinct.add(fnv1a(words.slice(i, i + SHINGLE_WORDS).join(' ')));
  const shingles = [...distinct];
  return coefficients.map(({ a, b }) => {
    const [aHigh, aLow] = [a >>> 16, a & 0xffff];
    let min = PRIME;
    for (const shingle of shingles) {
      const value = permute(shingle, aHigh, aLow, b);
      if (value < min) min = value;
    }
    return min;
  });
}

/** The band keys of a resume ("3:…"); empty for a resume too short to compare. */
export function resumeBands(text: string): string[] {
  const signature = resumeSignature(text);
  if (!signature) return [];
  return Array.from(
    { length: BANDS },
    (_, band) => `${band}:${signature.slice(band * ROWS, band * ROWS + ROWS).join('.')}`,
  );
}

export const RESUME_BANDS = BANDS;
