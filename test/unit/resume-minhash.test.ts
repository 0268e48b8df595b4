import fc from 'fast-check';
import { minHashSignature, resumeBands, resumeSignature } from '../../src/links/resume-minhash';
import { fuzzOptions, oddUnicode } from '../support/fuzz-inputs';
import { referenceResumeBands, referenceResumeSignature } from '../support/resume-minhash-reference';

// The first implementation, kept as the reference that the faster arithmetic must agree with to the bit.
function referenceSignature(text: string): number[] | null {
  const PRIME = 4294967291;
  const words =
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length < 20) return null;
  const fnv1a = (value: string) => {
    let hash = 2166136261;
    for (let i = 0; i < value.length; i += 1) hash = Math.imul(hash ^ value.charCodeAt(i), 16777619) >>> 0;
    return hash;
  };
  const shingles = new Set<number>();
  for (let i = 0; i + 5 <= words.length; i += 1) shingles.add(fnv1a(words.slice(i, i + 5).join(' ')));
  return Array.from({ length: 64 }, (_, i) => {
    let seed = (i + 1) * 2654435761;
    const next = () => ((seed = (Math.imul(seed ^ (seed >>> 15), 2246822507) + 3266489909) >>> 0), seed);
    const a = BigInt((next() % (PRIME - 1)) + 1);
    const b = BigInt(next() % PRIME);
    let min = BigInt(PRIME);
    for (const x of shingles) {
      const value = (a * BigInt(x) + b) % BigInt(PRIME);
      if (value < min) min = value;
    }
    return Number(min);
  });
}

const RESUME =
  'Senior backend engineer with nine years of experience building distributed systems in TypeScript, Go and Java at Acme Corp and Globex; led the migration of a monolith to event-driven services.';

describe('resume MinHash', () => {
  // Band keys are stored as identifiers and compared with those of earlier screenings: the arithmetic must never
  // change their values (these were computed by the first, `%`-based implementation).
  it('gives the same signature and band keys as the stored ones', () => {
    const signature = resumeSignature(RESUME)!;
    expect(signature.slice(0, 8)).toEqual([
      118843189, 1203769229, 70951510, 296758065, 328195883, 29610759, 60265536, 224890429,
    ]);
    expect(resumeBands(RESUME).slice(0, 3)).toEqual([
      '0:118843189.1203769229.70951510.296758065',
      '1:328195883.29610759.60265536.224890429',
      '2:111006.1472497.235047924.334347221',
    ]);
  });

  it('agrees to the bit with exact integer arithmetic on many resumes, accented and repetitive ones included', () => {
    const vocabulary = (
      'engineer typescript golang java systems backend cloud team lead données école ñandú Müller Straße ' +
      'café naïve résumé 東京 开发 2019 42 the of and a'
    ).split(' ');
    let seed = 11;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let n = 0; n < 300; n += 1) {
      const length = 15 + Math.floor(random() * 250);
      const text = Array.from({ length }, () => vocabulary[Math.floor(random() * vocabulary.length)]).join(
        random() < 0.5 ? ' ' : ', ',
      );
      expect(resumeSignature(text)).toEqual(referenceSignature(text));
    }
    expect(resumeSignature(RESUME)).toEqual(referenceSignature(RESUME));
  });

  it('keeps every value below the prime and gives 16 bands', () => {
    const signature = resumeSignature(`${RESUME} ${RESUME.split('').reverse().join('')}`)!;
    expect(signature).toHaveLength(64);
    for (const value of signature) expect(Number.isInteger(value) && value >= 0 && value < 4294967291).toBe(true);
    expect(resumeBands(RESUME)).toHaveLength(16);
  });

  it('shares bands between near-duplicates and none with an unrelated resume', () => {
    const nearDuplicate = RESUME.replace('nine', 'ten');
    const unrelated =
      'Registered nurse and clinical educator who trained staff on infection control, wrote ward protocols, audited medication records and coordinated patient discharge across three hospitals for twelve years.';
    const shared = (left: string, right: string) =>
      resumeBands(left).filter((band) => resumeBands(right).includes(band)).length;
    expect(shared(RESUME, nearDuplicate)).toBeGreaterThan(4);
    expect(shared(RESUME, unrelated)).toBe(0);
  });

  it('says nothing about a resume too short to compare', () => {
    expect(resumeSignature('too short to compare')).toBeNull();
    expect(resumeBands('too short to compare')).toEqual([]);
  });
});

// The stored band keys came from the code frozen in test/support/resume-minhash-reference.ts: whatever the text, the
// faster code must give the same signature and the same band keys.
describe('resume MinHash against the frozen reference implementation', () => {
  const expectSameAsReference = (text: string) => {
    expect(resumeSignature(text)).toEqual(referenceResumeSignature(text));
    expect(resumeBands(text)).toEqual(referenceResumeBands(text));
  };
  const asciiWord = fc.stringMatching(/^[A-Za-z0-9]{1,12}$/);
  const unicodeWord = fc.oneof(
    fc.constantFrom(
      'résumé',
      'Müller',
      'Straße',
      'ñandú',
      'NAÏVE',
      'e\u0301cole', // a combining accent
      '東京',
      '开发',
      '서울',
      'Дмитрий',
      'Σίσυφος',
      'عربي',
      'İstanbul',
      'ſtate', // long s
      '\u212Aelvin', // the Kelvin sign: lower-cases to an ASCII k
      '\uFB01le', // the fi ligature
      '１２３', // full-width digits
      'Ⅻ',
      '①',
      '😀',
      '\uD800', // a lone surrogate
    ),
    fc.constantFrom(...oddUnicode),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }),
  );
  const separator = fc.constantFrom(
    ' ',
    '  ',
    ', ',
    '.\n',
    ' - ',
    '/',
    '\t',
    '(',
    ') ',
    '...',
    "'",
    '_',
    '@',
    '\u0000',
    '',
  );
  const joined = (words: fc.Arbitrary<string>, minLength: number, maxLength: number) =>
    fc
      .tuple(separator, fc.array(fc.tuple(words, separator), { minLength, maxLength }))
      .map(([first, pairs]) => first + pairs.map(([word, after]) => word + (after || ' ')).join(''));
  const anyWord = fc.oneof({ weight: 3, arbitrary: asciiWord }, { weight: 1, arbitrary: unicodeWord });

  it('is the same for ASCII words between any punctuation', () => {
    fc.assert(fc.property(joined(asciiWord, 0, 300), expectSameAsReference), fuzzOptions(300));
  });

  it('is the same for printable ASCII noise and for control characters', () => {
    const noise = fc.array(fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 8 }), { maxLength: 200 });
    fc.assert(
      fc.property(noise, (pieces) => {
        expectSameAsReference(pieces.join(' '));
        expectSameAsReference(pieces.join(''));
      }),
      fuzzOptions(200),
    );
  });

  it('is the same for accented, CJK and odd Unicode text, mixed with ASCII words', () => {
    fc.assert(fc.property(joined(anyWord, 0, 200), expectSameAsReference), fuzzOptions(300));
    fc.assert(fc.property(joined(unicodeWord, 15, 60), expectSameAsReference), fuzzOptions(100));
  });

  it('is the same for texts just below and above the 20-word minimum', () => {
    const nearMinimum = (words: fc.Arbitrary<string>) =>
      fc.integer({ min: 17, max: 24 }).chain((count) => joined(words, count, count));
    fc.assert(fc.property(nearMinimum(asciiWord), expectSameAsReference), fuzzOptions(200));
    fc.assert(fc.property(nearMinimum(anyWord), expectSameAsReference), fuzzOptions(100));
  });

  it('is the same for repeated shingles', () => {
    const repeated = fc
      .tuple(fc.array(anyWord, { minLength: 1, maxLength: 8 }), fc.integer({ min: 2, max: 40 }), separator)
      .map(([phrase, times, between]) => Array.from({ length: times }, () => phrase.join(' ')).join(between || ' '));
    fc.assert(fc.property(repeated, expectSameAsReference), fuzzOptions(200));
  });

  it('is the same for long texts (3,000 words)', () => {
    fc.assert(fc.property(joined(asciiWord, 3000, 3000), expectSameAsReference), fuzzOptions(10));
    fc.assert(fc.property(joined(anyWord, 3000, 3000), expectSameAsReference), fuzzOptions(5));
  });
});

// minHashSignature places each (shingle, coefficient) pair approximately and reduces exactly only the pairs that may
// be below the minimum so far: checked here where that placing is at its edges, against exact BigInt arithmetic.
describe('minHashSignature', () => {
  const P = 4294967291n;
  const coefficients = Array.from({ length: 64 }, (_, i) => {
    let seed = (i + 1) * 2654435761;
    const next = () => ((seed = (Math.imul(seed ^ (seed >>> 15), 2246822507) + 3266489909) >>> 0), seed);
    return { a: BigInt((next() % 4294967290) + 1), b: BigInt(next() % 4294967291) };
  });
  const exactSignature = (hashes: number[]) =>
    coefficients.map(({ a, b }) =>
      Number(hashes.reduce((least, x) => ((a * BigInt(x) + b) % P < least ? (a * BigInt(x) + b) % P : least), P)),
    );
  const power = (base: bigint, exponent: bigint): bigint => {
    let result = 1n;
    for (let [square, e] = [base % P, exponent]; e > 0n; [square, e] = [(square * square) % P, e >> 1n])
      if (e & 1n) result = (result * square) % P;
    return result;
  };
  const inverses = coefficients.map(({ a }) => power(a, P - 2n));
  /** The hashes (below 2^32) that coefficient c takes to value: x = (value - b) / a mod p, and x + p when below 2^32. */
  const hashesTo = (c: number, value: bigint) => {
    const { b } = coefficients[c]!;
    const x = (((value - b + P) % P) * inverses[c]!) % P;
    return [x, x + P].filter((hash) => hash < 2n ** 32n).map(Number);
  };
  // Values where the approximate placing is at its edges: 0 and 1, around the 2^-14 margin, and within 2^-15 of p, where
  // the fraction it computes wraps round to near 0.
  const q = P / 16384n;
  const edgeValues = [0n, 1n, 2n, 3n, 65535n, q - 2n, q - 1n, q, q + 1n, P / 2n, P - 2n * q, P - q, P - q / 2n];
  // (Wrapped: above p - 2^-16 p = p - 65536, give or take the placing's error of 2^-19 p = 8192.)
  const nearP = [
    P - 131072n,
    P - 73728n,
    P - 65536n,
    P - 57344n,
    P - 40000n,
    P - 10000n,
    P - 1000n,
    P - 3n,
    P - 2n,
    P - 1n,
  ];
  const edgeHash = fc
    .tuple(fc.nat(63), fc.constantFrom(...edgeValues, ...nearP), fc.boolean())
    .map(([c, value, second]) => hashesTo(c, value).at(second ? -1 : 0)!);
  const extremeHash = fc.constantFrom(
    0,
    1,
    2,
    65535,
    65536,
    4294967290,
    4294967291,
    4294967292,
    4294967294,
    4294967295,
  );
  const hash = fc.oneof(edgeHash, extremeHash, fc.nat({ max: 2 ** 32 - 1 }));

  it('gives the exact minima for hashes whose values are at the edges of the approximate placing, in any order', () => {
    fc.assert(
      fc.property(fc.array(hash, { minLength: 1, maxLength: 40 }), (hashes) => {
        expect(minHashSignature(Float64Array.from(hashes))).toEqual(exactSignature(hashes));
      }),
      fuzzOptions(1000),
    );
  });

  it('does not let values just below p, placed near 0, hide a later minimum', () => {
    for (let c = 0; c < 64; c += 1) {
      for (const later of [P / 2n, P - 2n * q, 5n, 0n]) {
        const hashes = [...[...nearP].reverse().flatMap((value) => hashesTo(c, value)), ...hashesTo(c, later)];
        expect(minHashSignature(Float64Array.from(hashes))[c]).toBe(Number(later));
        expect(minHashSignature(Float64Array.from(hashes))).toEqual(exactSignature(hashes));
      }
    }
  });
});
