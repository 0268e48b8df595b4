import { resumeBands, resumeSignature } from '../../src/links/resume-minhash';

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
