// Near-duplicate resumes: MinHash over 5-word shingles, cut into LSH bands. Two resumes sharing several
// bands are near-duplicates (16 bands of 4 rows: a band collides with probability J^4 for Jaccard J).
//
// The band keys are stored (as keyed hashes) and the resume is not, so every value here must stay what the first
// implementation computed, to the bit: test/support/resume-minhash-reference.ts keeps the code these keys came from,
// and test/unit/resume-minhash.test.ts checks this one against it.
import { TextEncoder } from 'node:util';

const BANDS = 16;
const ROWS = 4;
const SHINGLE_WORDS = 5;
const MIN_WORDS = SHINGLE_WORDS * 4; // fewer: too short to say anything about templates
const PRIME = 4294967291; // largest prime below 2^32, i.e. 2^32 - 5
const TWO_TO_MINUS_32 = 2 ** -32;
const SPACE = 32;
const FNV_OFFSET = 2166136261 | 0; // as an int32 (the same bits), which keeps the hash loops in integers
const FNV_PRIME = 16777619;

// Fixed pseudo-random permutation coefficients, so that every instance computes the same signature.
const coefficients = Array.from({ length: BANDS * ROWS }, (_, i) => {
  let seed = (i + 1) * 2654435761;
  const next = () => ((seed = (Math.imul(seed ^ (seed >>> 15), 2246822507) + 3266489909) >>> 0), seed);
  return { a: (next() % (PRIME - 1)) + 1, b: next() % PRIME };
});
const COEFFICIENTS = coefficients.length; // a multiple of 4: the signature loop takes four at a time
// a split into 16-bit halves keeps every product below 2^48, inside a double's exact integers.
const aHigh = Float64Array.from(coefficients, ({ a }) => a >>> 16);
const aLow = Float64Array.from(coefficients, ({ a }) => a & 0xffff);
const bs = Float64Array.from(coefficients, ({ b }) => b);

// value mod PRIME for a whole number below 2^50: as 2^32 = 5 (mod PRIME), high * 2^32 + low = 5 * high + low, which
// is below 2 * PRIME, so one subtraction ends it. No division (V8 runs `%` beyond 32 bits as a C call).
function modPrime(value: number): number {
  const low = value >>> 0; // ToUint32 is value mod 2^32, exact for any whole number
  const folded = (value - low) * TWO_TO_MINUS_32 * 5 + low;
  return folded >= PRIME ? folded - PRIME : folded;
}

/** (a * x + b) mod PRIME for coefficient c and a shingle hash x, exactly. */
function permuted(c: number, x: number): number {
  // x * 2^16 mod p, then a*x = aHigh*(2^16*x) + aLow*x (mod p): each product below 2^48, the sum below 2^50.
  return modPrime(aHigh[c]! * modPrime(x * 65536) + aLow[c]! * x + bs[c]!);
}

// The signature of shingle hashes is, per coefficient, the least (a*x + b) mod p over the hashes x. Reducing every
// (shingle, coefficient) pair exactly was most of the cost, yet a pair only matters when its value is below every earlier
// one, about ln(shingles) times per coefficient. So each pair is first placed approximately, in a few operations, and
// only a pair that may be below every earlier value is reduced exactly (`lower`). Why no such pair is missed:
//
// 1. With y = (a*x + b)/p = k + value/p (k whole, value = (a*x + b) mod p), u = A*x + C is y + EPSILON - 1/2 to within
//    E = 2^-19, for A = a/p and C = b/p + EPSILON - 1/2 rounded to doubles: as a*x/p < 2^32, A's relative error of 2^-53
//    makes under 2^-21, rounding A*x and then the sum (both below 2^32) under 2^-21 each, and C's error under 2^-53.
// 2. (u + ROUND) - ROUND is u rounded to a whole number j (u + ROUND lies in [2^52, 2^53), where the doubles are the
//    whole numbers), and d = u - j, in [-1/2, 1/2], is exact. If u + 1/2 < k + 1, then, as it is above k (EPSILON > E),
//    j = k and value/p + EPSILON - E < d + 1/2 < value/p + EPSILON + E. Otherwise (u + 1/2 >= k + 1: "wrapped", which
//    needs value/p > 1 - EPSILON - E) d + 1/2 is below EPSILON + E < 2^-15, or d = 1/2.
// 3. The limit is 1 before any pair, then d + 2^-14 of the last pair that passed with d + 1/2 >= 2^-14: unwrapped, by
//    2, so d + 1/2 > value/p + EPSILON - E >= m/p + EPSILON - E, m being the least value so far; or wrapped with d = 1/2,
//    which leaves the limit above 1/2, letting every pair through. So the limit is above 1/2, or
//    limit + 1/2 > m/p + EPSILON - E + 2^-14 (less 2^-54 of rounding).
// 4. A new pair with value < m therefore passes `d < limit`: unwrapped, d + 1/2 < value/p + EPSILON + E < limit + 1/2
//    (as 2E < 2^-14); wrapped, value/p > 1 - EPSILON - E, so m/p is too and limit + 1/2 > 1 - 2E + 2^-14 > 1 >= d + 1/2.
//    The first pair with the least value of all is below every earlier one, so it is reduced exactly, and `lower` keeps
//    the least of the exact values: each minimum is the exact one. A pair that passes needlessly (within 2^-14 + 2E of
//    the limit, or wrapped: about 1 in 10,000) only costs its exact reduction.
// The limit follows the approximations rather than the exact values so that the next pair does not wait on `lower`.
const EPSILON = 2 ** -16;
const MARGIN = 2 ** -14;
const UNWRAPPED = MARGIN - 0.5; // d at or above it: d + 1/2 >= 2^-14 (see 3)
const ROUND = 1.5 * 2 ** 52; // see 2
const slopes = Float64Array.from(coefficients, ({ a }) => a / PRIME);
const offsets = Float64Array.from(coefficients, ({ b }) => b / PRIME + (EPSILON - 0.5));
const NO_LIMIT = 1; // above any d

/** signature[c] = the exact (a*x + b) mod p of coefficient c, if it is below signature[c]. */
function lower(signature: number[], c: number, x: number): void {
  const value = permuted(c, x);
  if (value < signature[c]!) signature[c] = value;
}

/**
 * The MinHash signature of shingle hashes (whole numbers below 2^32; the first `count` of `hashes`): per coefficient,
 * the least (a * x + b) mod p, exactly.
 */
export function minHashSignature(hashes: Float64Array, count = hashes.length): number[] {
  const signature = new Array<number>(COEFFICIENTS).fill(PRIME);
  // Four coefficients per pass over the shingles: four independent chains for the processor to overlap.
  for (let c = 0; c < COEFFICIENTS; c += 4) {
    const [a0, a1, a2, a3] = [slopes[c]!, slopes[c + 1]!, slopes[c + 2]!, slopes[c + 3]!];
    const [b0, b1, b2, b3] = [offsets[c]!, offsets[c + 1]!, offsets[c + 2]!, offsets[c + 3]!];
    let [limit0, limit1, limit2, limit3] = [NO_LIMIT, NO_LIMIT, NO_LIMIT, NO_LIMIT];
    for (let s = 0; s < count; s += 1) {
      const x = hashes[s]!;
      const u0 = a0 * x + b0;
      const u1 = a1 * x + b1;
      const u2 = a2 * x + b2;
      const u3 = a3 * x + b3;
      const d0 = u0 - (u0 + ROUND - ROUND);
      const d1 = u1 - (u1 + ROUND - ROUND);
      const d2 = u2 - (u2 + ROUND - ROUND);
      const d3 = u3 - (u3 + ROUND - ROUND);
      if (d0 < limit0) {
        lower(signature, c, x);
        if (d0 >= UNWRAPPED) limit0 = d0 + MARGIN;
      }
      if (d1 < limit1) {
        lower(signature, c + 1, x);
        if (d1 >= UNWRAPPED) limit1 = d1 + MARGIN;
      }
      if (d2 < limit2) {
        lower(signature, c + 2, x);
        if (d2 >= UNWRAPPED) limit2 = d2 + MARGIN;
      }
      if (d3 < limit3) {
        lower(signature, c + 3, x);
        if (d3 >= UNWRAPPED) limit3 = d3 + MARGIN;
      }
    }
  }
  return signature;
}

// Plain ASCII text (most resumes), into buffers reused from call to call (JavaScript runs one call at a time; a text
// longer than MAX_KEPT characters gets its own): its bytes, its words lower-cased and joined by single spaces (letters),
// where each word starts in letters (starts), and the shingle hashes.
interface Buffers {
  bytes: Uint8Array;
  letters: Uint8Array;
  starts: Int32Array;
  hashes: Float64Array;
}
const MAX_KEPT = 1 << 16;
const buffers = (length: number): Buffers => ({
  bytes: new Uint8Array(length),
  letters: new Uint8Array(length + 1),
  starts: new Int32Array((length >> 1) + 2), // a word and a separator take at least two characters, bar the last word
  hashes: new Float64Array(length >> 1), // n words take 2n - 1 characters or more, and make n - 4 shingles
});
let kept = buffers(4096);
function buffersFor(text: string): Buffers {
  if (text.length <= kept.bytes.length) return kept;
  const fresh = buffers(text.length);
  if (text.length <= MAX_KEPT) kept = fresh;
  return fresh;
}

// Per ASCII code: the character lower-cased if it belongs to a word (what `toLowerCase()` and /[a-z0-9]/ say), else a
// space; and 1 for a word character, else 0.
const ASCII_LETTER = new Uint8Array(256).fill(SPACE);
const ASCII_WORD = new Uint8Array(256);
for (let code = 0; code < 128; code += 1) {
  const lower = String.fromCharCode(code).toLowerCase();
  if (/^[a-z0-9]$/.test(lower)) [ASCII_LETTER[code], ASCII_WORD[code]] = [lower.charCodeAt(0), 1];
}
const encoder = new TextEncoder();

/**
 * The words of plain ASCII text, into buffers.letters and buffers.starts (starts[count] being one past the last word's
 * end plus one, as if a space followed it): the runs of [A-Za-z0-9] lower-cased, as `toLowerCase().match(/[a-z0-9]+/g)`
 * gives them there. Their count, or -1 for text with any other character. Without a branch on the characters, whose
 * word boundaries a processor cannot predict: every byte is written (a space for a non-word one), and the end only
 * moves past a space that follows a word, so that a run of them leaves one.
 */
function asciiWords(text: string, { bytes, letters, starts }: Buffers): number {
  // A UTF-8 encoding exactly as long as the text, all of it read, is the text's own bytes: no character above 0x7f.
  const { read, written } = encoder.encodeInto(text, bytes);
  if (read !== text.length || written !== text.length) return -1;
  let count = 0;
  let length = 0;
  let inWord = 0;
  for (let i = 0; i < written; i += 1) {
    const byte = bytes[i]!;
    const word = ASCII_WORD[byte]!;
    letters[length] = ASCII_LETTER[byte]!;
    starts[count] = length; // kept only when this byte starts a word (count moves on)
    count += word & (inWord ^ 1);
    length += word | inWord;
    inWord = word;
  }
  starts[count] = length + inWord;
  return count;
}

/** FNV-1a of each run of 5 words joined by single spaces: letters from a word's start to the fifth word's end. */
function asciiShingleHashes({ letters, starts, hashes }: Buffers, count: number): number {
  const shingles = count - SHINGLE_WORDS + 1;
  for (let s = 0; s < shingles; s += 1) {
    const end = starts[s + SHINGLE_WORDS]! - 1;
    let hash = FNV_OFFSET;
    for (let i = starts[s]!; i < end; i += 1) hash = Math.imul(hash ^ letters[i]!, FNV_PRIME);
    hashes[s] = hash >>> 0;
  }
  return shingles;
}

// Other text: lower-cased words without accents, by the Unicode passes (which plain ASCII text skips, as they change
// nothing there; so does text that only lower-cases to ASCII, such as the Kelvin sign's "K").
function unicodeWords(text: string): string[] {
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

/**
 * FNV-1a of each run of 5 words joined by single spaces, over their UTF-16 code units (as the first implementation
 * read them with charCodeAt): the words are copied once into one array, rather than read five times each as strings.
 */
function unicodeShingleHashes(words: readonly string[]): Float64Array {
  const starts = new Int32Array(words.length + 1);
  let length = 0;
  for (let w = 0; w < words.length; w += 1) {
    starts[w] = length;
    length += words[w]!.length + 1;
  }
  starts[words.length] = length;
  const units = new Uint16Array(length);
  for (let w = 0; w < words.length; w += 1) {
    const word = words[w]!;
    const at = starts[w]!;
    for (let i = 0; i < word.length; i += 1) units[at + i] = word.charCodeAt(i);
    units[at + word.length] = SPACE;
  }
  const hashes = new Float64Array(words.length - SHINGLE_WORDS + 1);
  for (let s = 0; s < hashes.length; s += 1) {
    const end = starts[s + SHINGLE_WORDS]! - 1; // the fifth word's end, before its space
    let hash = FNV_OFFSET;
    for (let i = starts[s]!; i < end; i += 1) hash = Math.imul(hash ^ units[i]!, FNV_PRIME);
    hashes[s] = hash >>> 0;
  }
  return hashes;
}

export function resumeSignature(text: string): number[] | null {
  // A repeated shingle is kept twice: it cannot change a minimum, and a set of them costs more than the repeats.
  const ascii = buffersFor(text);
  const count = asciiWords(text, ascii);
  if (count >= 0) {
    if (count < MIN_WORDS) return null;
    return minHashSignature(ascii.hashes, asciiShingleHashes(ascii, count));
  }
  const words = unicodeWords(text);
  if (words.length < MIN_WORDS) return null;
  return minHashSignature(unicodeShingleHashes(words));
}

/** The band keys of a resume ("3:…"); empty for a resume too short to compare. */
export function resumeBands(text: string): string[] {
  const signature = resumeSignature(text);
  if (!signature) return [];
  const bands = new Array<string>(BANDS);
  for (let band = 0; band < BANDS; band += 1) {
    const row = band * ROWS; // ROWS = 4
    bands[band] = `${band}:${signature[row]}.${signature[row + 1]}.${signature[row + 2]}.${signature[row + 3]}`;
  }
  return bands;
}

export const RESUME_BANDS = BANDS;
