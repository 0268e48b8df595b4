import { parseApplicant } from '../../src/applicants/parse-applicant';

// The phone pattern backtracks quadratically on long runs of spaces (about 13 s for this input when it ran over it):
// a value over the length limit must be refused before any pattern sees it.
describe('patterns over attacker-controlled text', () => {
  it('refuses an over-long phone number by its length, without running the phone pattern over it', () => {
    const phone = `1${' '.repeat(200_000)}!`;
    expect(() => parseApplicant({ person: { legalName: 'A', phone } })).toThrow(
      expect.objectContaining({ details: { fields: [{ path: 'person.phone', message: 'must be at most 40 characters' }] } }),
    );
  });
});
