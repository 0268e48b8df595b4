import { parseApplicant } from '../../src/applicants/parse-applicant';
import { AppError } from '../../src/errors';
import { cleanApplicant } from '../support/applicants';

function problemsOf(input: unknown): { path: string; message: string }[] {
  try {
    parseApplicant(input);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).details?.fields ?? [];
  }
  throw new Error('expected the applicant to be rejected');
}

describe('applicant contract v1', () => {
  it('accepts the full documented example and normalises it', () => {
    const applicant = parseApplicant(
      cleanApplicant({ claimedLocation: { country: 'us', city: 'Austin', timezone: 'America/Chicago' } }),
    );
    expect(applicant.claimedLocation?.country).toBe('US');
    expect(applicant.person.legalName).toBe('Jane Q. Doe');
    expect(applicant.source).toBe('api');
  });

  it('needs only person.legalName', () => {
    const applicant = parseApplicant({ person: { legalName: 'Ana Lima' } });
    expect(applicant.source).toBe('api');
    expect(applicant.sessions).toBeUndefined();
  });

  it('names a missing legal name and a wrongly typed one differently', () => {
    expect(problemsOf({ person: {} })).toEqual([{ path: 'person.legalName', message: 'is required' }]);
    expect(problemsOf({ person: { legalName: 5 } })).toEqual([
      { path: 'person.legalName', message: 'must be text, not a whole number' },
    ]);
  });

  it('rejects unknown keys at any depth, naming each', () => {
    const paths = problemsOf({ person: { legalName: 'A B', nationality: 'KP' }, extra: true }).map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['person.nationality', 'extra']));
  });

  it('names each string PostgreSQL cannot store by its path, and accepts paired surrogates (emoji)', () => {
    const problems = problemsOf(
      cleanApplicant({
        person: { legalName: 'Jane \u0000Doe', otherNames: ['Ok 😀', 'Half \uD83D'] },
        employment: [{ employer: 'E\uDE00' }],
      }),
    );
    expect(problems).toEqual([
      { path: 'person.legalName', message: 'must not contain the NUL character (\\u0000)' },
      { path: 'person.otherNames.1', message: 'must be valid Unicode text (it has an unpaired surrogate)' },
      { path: 'employment.0.employer', message: 'must be valid Unicode text (it has an unpaired surrogate)' },
    ]);
  });

  it('rejects impossible dates, bad country codes, bad IPs and unparseable phones with the field path', () => {
    const problems = problemsOf(
      cleanApplicant({
        person: { legalName: 'Jane Doe', dateOfBirth: '1990-02-30', phone: '12' },
        claimedLocation: { country: 'XX', timezone: 'Mars/Olympus' },
        sessions: [{ ip: '999.1.1.1', at: 'yesterday' }],
        employment: [{ employer: 'Acme', start: '2019-13' }],
      }),
    );
    const paths = problems.map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'person.dateOfBirth',
        'person.phone',
        'claimedLocation.country',
        'claimedLocation.timezone',
        'sessions.0.ip',
        'sessions.0.at',
        'employment.0.start',
      ]),
    );
  });

  it('reads a national phone number in the claimed country and rejects one that cannot be dialled', () => {
    expect(() =>
      parseApplicant({ person: { legalName: 'A B', phone: '(512) 555-0142' }, claimedLocation: { country: 'US' } }),
    ).not.toThrow();
    expect(problemsOf({ person: { legalName: 'A B', phone: '+1 555' } }).map((p) => p.path)).toEqual(['person.phone']);
  });

  it('accepts partial dates for history and rejects a rate band whose min exceeds max', () => {
    expect(() =>
      parseApplicant({
        person: { legalName: 'A B' },
        education: [{ institution: 'X', start: '2008', end: '2012-06' }],
      }),
    ).not.toThrow();
    expect(
      problemsOf({
        person: { legalName: 'A B' },
        position: { rateBand: { min: 9, max: 1, currency: 'USD', per: 'hour' } },
      }).map((p) => p.path),
    ).toEqual(['position.rateBand.min']);
  });

  it('normalises an IBAN and refuses a malformed one', () => {
    expect(
      parseApplicant({ person: { legalName: 'A B' }, payment: { iban: 'de89 3704 0044 0532 0130 00' } }).payment?.iban,
    ).toBe('DE89370400440532013000');
    expect(problemsOf({ person: { legalName: 'A B' }, payment: { iban: 'not an iban' } }).map((p) => p.path)).toEqual([
      'payment.iban',
    ]);
  });
});
