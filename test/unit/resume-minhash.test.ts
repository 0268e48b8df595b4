import { resumeBands, resumeSignature } from '../../src/links/resume-minhash';

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
