import type { Applicant } from '../../src/applicants/applicant-schema';
import { builtInSanctionsSource, type SanctionsSource } from '../../src/intel/sanctions';
import { SanctionsIndex } from '../../src/sanctions/sanctions-index';
import type { SanctionsEntry } from '../../src/sanctions/types';
import { createScorer } from '../../src/screening/scorer';
import { cleanApplicant } from '../support/applicants';

const builtIn = createScorer({}, builtInSanctionsSource());

function sanctionsFindings(scorer: ReturnType<typeof createScorer>, changes: Record<string, unknown>) {
  const result = scorer.score(cleanApplicant(changes) as Applicant);
  return { result, findings: result.findings.filter((finding) => finding.family === 'sanctions') };
}

// A listed person with a wallet, as OFAC lists digital currency addresses (made up here: no real address is needed).
const walletOwner: SanctionsEntry = {
  uid: 'SDN-900001',
  list: 'SDN',
  entNum: 900001,
  name: 'PAK, Song Chol',
  type: 'individual',
  programs: ['DPRK3'],
  title: null,
  aliases: [],
  addresses: [],
  datesOfBirth: ['15 Mar 1982'],
  placesOfBirth: [],
  nationalities: ['Korea, North'],
  citizenships: [],
  gender: null,
  identifiers: [],
  digitalCurrencyAddresses: [{ chain: 'ETH', address: '0x7F367cC41522cE07553e823bf3be79A889DEbe1B' }],
  linkedTo: [],
  vessel: null,
  remarks: null,
};
const withWallet: SanctionsSource = () => ({
  index: SanctionsIndex.build([walletOwner]),
  version: { id: 'test', isBuiltIn: false, entryCount: 1 },
});

describe('sanctions indicators', () => {
  it("forces critical on a strong match of the applicant's name that the date of birth confirms, with the entry, programmes, field and token scores", () => {
    const { result, findings } = sanctionsFindings(builtIn, {
      person: { ...cleanApplicant().person, legalName: 'Jong In-chol', otherNames: [], dateOfBirth: '1979-01-05' },
      identityDocument: undefined,
    });
    expect(result.band).toBe('critical');
    expect(findings).toEqual([expect.objectContaining({ indicator: 'sanc_sdn_name', severity: 'critical' })]);
    const [match] = (findings[0]!.evidence as { matches: Record<string, unknown>[] }).matches;
    expect(match).toMatchObject({
      entryName: 'JONG, In Chol',
      programs: ['DPRK3'],
      field: 'person.legalName',
      strength: 'strong',
      tokenScores: expect.any(Array),
    });
    expect(findings[0]!.evidence).toMatchObject({ list: { isBuiltIn: true } });
  });

  it('clears a full-name match when the dates of birth differ, with no points', () => {
    const { result, findings } = sanctionsFindings(builtIn, {
      person: { ...cleanApplicant().person, legalName: 'Jong In Chol', otherNames: [], dateOfBirth: '1990-04-02' },
      identityDocument: undefined,
    });
    expect(findings).toEqual([expect.objectContaining({ indicator: 'sanc_sdn_name_cleared', points: 0 })]);
    expect(result.sanctionsStatus).toBe('cleared_by_comparison');
    expect(JSON.stringify(findings[0]!.evidence)).toContain('date of birth (born 1990) differs');
    expect(JSON.stringify(findings[0]!.evidence)).not.toContain('1990-04-02');
  });

  it('screens the payee, employers and references too, naming the field', () => {
    const payee = sanctionsFindings(builtIn, {
      payment: {
        method: 'bank_transfer',
        accountHolderName: 'Jane Q. Doe',
        payeeType: 'company',
        payeeEntityName: 'Korea Osong Shipping Co',
      },
    });
    expect(payee.findings[0]).toMatchObject({
      indicator: 'sanc_sdn_name',
      message: expect.stringContaining('payment.payeeEntityName'),
    });
    const employer = sanctionsFindings(builtIn, {
      employment: [{ employer: 'Chonsurim Trading Corp.', title: 'Developer', start: '2020-01', country: 'LA' }],
    });
    expect(employer.findings[0]).toMatchObject({
      indicator: 'sanc_sdn_name',
      message: expect.stringContaining('employment.0.employer'),
    });
  });

  it('finds nothing for ordinary names, and never scores nationality', () => {
    for (const legalName of ['Jane Q. Doe', 'Kim Min-jun', 'Jong Ho Lee', 'Son Heung-min']) {
      expect(
        sanctionsFindings(builtIn, {
          person: { ...cleanApplicant().person, legalName, otherNames: [] },
          identityDocument: undefined,
        }).findings,
      ).toEqual([]);
    }
  });

  it('forces critical on a payout wallet OFAC lists, whatever the letter case', () => {
    const scorer = createScorer({}, withWallet);
    const { result, findings } = sanctionsFindings(scorer, {
      payment: {
        method: 'crypto',
        accountHolderName: 'Jane Q. Doe',
        wallet: { chain: 'ETH', address: '0x7f367cc41522ce07553e823bf3be79a889debe1b' },
      },
    });
    expect(result.band).toBe('critical');
    expect(findings.map((f) => f.indicator)).toContain('sanc_crypto_address');
  });

  it('reports a partial name match alone as a potential match with no points (no programme bonus), never decisive', () => {
    // Nothing else about this applicant: the name alone must not move the band.
    const result = builtIn.score({ source: 'api', person: { legalName: 'Son Kyong' } } as Applicant);
    const findings = result.findings;
    expect(findings).toEqual([
      expect.objectContaining({ indicator: 'sanc_sdn_name_possible', points: 0, severity: 'low' }),
    ]);
    expect((findings[0]!.evidence as { matches: { entryName: string; strength: string }[] }).matches[0]).toMatchObject({
      entryName: 'SON, Kyong Sik',
      strength: 'possible',
    });
    expect(result).toMatchObject({ band: 'low', sanctionsStatus: 'potential_match' });
  });

  it('gives a partial match that only the birth year corroborates the review points, the DPRK programme bonus included', () => {
    const bornIn1982 = createScorer({}, () => ({
      index: SanctionsIndex.build([{ ...walletOwner, datesOfBirth: ['1982'], digitalCurrencyAddresses: [] }]),
      version: { id: 'test', isBuiltIn: false, entryCount: 1 },
    }));
    const result = bornIn1982.score({
      source: 'api',
      person: { legalName: 'Pak Song', dateOfBirth: '1982-07-01' },
    } as unknown as Applicant);
    expect(result.findings).toEqual([
      expect.objectContaining({ indicator: 'sanc_sdn_name_possible', points: 45, severity: 'high' }),
    ]);
    expect(result).toMatchObject({ band: 'high', sanctionsStatus: 'potential_match' });
  });

  it("confirms a partial match of the entry's own name by an exact identifier (the listed passport number): critical", () => {
    const result = builtIn.score({
      source: 'api',
      person: { legalName: 'Son Kyong' },
      identityDocument: { type: 'passport', issuingCountry: 'KP', number: '381220302' },
    } as unknown as Applicant);
    expect(result.findings).toEqual([
      expect.objectContaining({ indicator: 'sanc_sdn_name', message: expect.stringContaining('partly matches') }),
    ]);
    expect(result).toMatchObject({ band: 'critical', sanctionsStatus: 'confirmed_match' });
  });

  it('skips the family when no sanctions index is given', () => {
    expect(
      sanctionsFindings(createScorer(), { person: { ...cleanApplicant().person, legalName: 'Jong In Chol' } }).findings,
    ).toEqual([]);
  });
});
