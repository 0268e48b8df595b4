// A frozen copy of src/links/resume-minhash.ts as it stood at 2c93e37, before the per-call CPU work: the stored band
// keys were computed by this code, so the faster one must agree with it to the bit on every text. Do not edit.
// Near-duplicate resumes: MinHash over 5-word shingles, cut into LSH bands. Two resumes sharing several
// bands are near-duplicates (16 bands of 4 rows: a band collides with probability J^4 for Jaccard J).
const BANDS = 16;
const ROWS = 4;
const SHINGLE_WORDS = 5;
const PRIME = 4294967291; // largest prime below 2^32, i.e. 2^32 - 5
const TWO_TO_MINUS_32 = 2 ** -32;
const SPACE = 32;

// Fixed pseudo-random permutation coefficients, so that every instance computes the same signature.
const coefficients = Array.from({ length: BANDS * ROWS }, (_, i) => {
  let seed = (i + 1) * 2654435761;
  const next = () => ((seed = (Math.imul(seed ^ (seed >>> 15), 2246822507) + 3266489909) >>> 0), seed);
  return { a: (next() % (PRIME - 1)) + 1, b: next() % PRIME };
});
// a split into 16-bit halves keeps every product below 2^48, inside a double's exact integers.
const aHigh = Float64Array.from(coefficients, ({ a }) => a >>> 16);
const aLow = Float64Array.from(coefficients, ({ a }) => a & 0xffff);
const bs = Float64Array.from(coefficients, ({ b }) => b);

// FNV-1a of the words joined by single spaces, without building the joined string.
function shingleHash(words: readonly string[], start: number): number {
  let hash = 2166136261;
  for (let w = start; w < start + SHINGLE_WORDS; w += 1) {
    if (w > start) hash = Math.imul(hash ^ SPACE, 16777619) >>> 0;
    const word = words[w]!;
    for (let i = 0; i < word.length; i += 1) hash = Math.imul(hash ^ word.charCodeAt(i), 16777619) >>> 0;
  }
  return hash;
}

// Lower-cased words without accents; plain ASCII text (most resumes) skips the Unicode passes, which change nothing
// there.
function resumeWords(text: string): string[] {
  const lower = text.toLowerCase();
  if (!NON_ASCII.test(lower)) return lower.match(/[a-z0-9]+/g) ?? [];
  return (
    lower
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}
const NON_ASCII = /[^\u0000-\u007f]/; // eslint-disable-line no-control-regex -- the ASCII range starts at NUL

// value mod PRIME for a whole number below 2^50: as 2^32 = 5 (mod PRIME), high * 2^32 + low = 5 * high + low, which
// is below 2 * PRIME, so one subtraction ends it. No division (V8 runs `%` beyond 32 bits as a C call).
function modPrime(value: number): number {
  const low = value >>> 0; // ToUint32 is value mod 2^32, exact for any whole number
  const folded = (value - low) * TWO_TO_MINUS_32 * 5 + low;
  return folded >= PRIME ? folded - PRIME : folded;
}

export function referenceResumeSignature(text: string): number[] | null {
  const words = resumeWords(text);
  if (words.length < SHINGLE_WORDS * 4) return null; // too short to say anything about templates
  // A repeated shingle is kept twice: it cannot change a minimum, and a set of them costs more than the repeats.
  const shingles = new Float64Array(words.length - SHINGLE_WORDS + 1);
  // x * 2^16 mod p once per shingle: then a*x = aHigh*(2^16*x) + aLow*x (mod p) needs one reduction per coefficient.
  const shifted = new Float64Array(shingles.length);
  for (let i = 0; i < shingles.length; i += 1) {
    shingles[i] = shingleHash(words, i);
    shifted[i] = modPrime(shingles[i]! * 65536);
  }
  const signature = new Array<number>(coefficients.length);
  for (let c = 0; c < coefficients.length; c += 1) {
    const high = aHigh[c]!;
    const low = aLow[c]!;
    const b = bs[c]!;
    let min = PRIME;
    for (let s = 0; s < shingles.length; s += 1) {
      // Each product is below 2^48 and the sum below 2^50: exact in a double.
      const value = modPrime(high * shifted[s]! + low * shingles[s]! + b);
      if (value < min) min = value;
    }
    signature[c] = min;
  }
  return signature;
}

/** The band keys of a resume ("3:…"); empty for a resume too short to compare. */
export function referenceResumeBands(text: string): string[] {
  const signature = referenceResumeSignature(text);
  if (!signature) return [];
  return Array.from(
    { length: BANDS },
    (_, band) => `${band}:${signature.slice(band * ROWS, band * ROWS + ROWS).join('.')}`,
  );
}
