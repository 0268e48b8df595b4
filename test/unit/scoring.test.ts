import { parseApplicant } from '../../src/applicants/parse-applicant';
import { gatherContext } from '../../src/intel/gather-context';
import { defaultRuleSet } from '../../src/scoring/rule-set';
import { bandFor, scoreApplicant } from '../../src/scoring/score-applicant';
import type { Indicator } from '../../src/scoring/types';
import { cleanApplicant, riskyApplicant } from '../support/applicants';

function score(input: Record<string, unknown>) {
  const applicant = parseApplicant(input);
  return scoreApplicant(applicant, gatherContext(applicant));
}

function indicatorsOf(input: Record<string, unknown>): string[] {
  return score(input)
    .findings.map((finding) => finding.indicator)
    .sort();
}

describe('first indicators', () => {
  it('find nothing in a consistent applicant', () => {
    const result = score(cleanApplicant());
    expect(result).toMatchObject({ score: 0, band: 'low', findings: [] });
  });

  it('flag a login from China, Laos or Russia that contradicts the claimed country, with the session as evidence', () => {
    for (const ip of ['36.110.0.1', '202.137.128.1', '95.165.0.1']) {
      const result = score(cleanApplicant({ sessions: [{ ip, kind: 'interview', at: '2026-11-20T15:04:05Z' }] }));
      expect(result.findings).toHaveLength(1);
      expect(result.findings[0]).toMatchObject({
        indicator: 'net_geo_cn_ru_la_kp',
        family: 'location',
        severity: 'high',
        points: 30,
        evidence: { claimedCountry: 'US', sessions: [expect.objectContaining({ ip, kind: 'interview' })] },
      });
      expect(result.findings[0]!.source).toMatch(/Advisory/);
      expect(result.findings[0]!.recommendedAction).toMatch(/video/);
    }
  });

  it('does not flag a login from China when the applicant says they live in China', () => {
    const input = cleanApplicant({
      claimedLocation: { country: 'CN', city: 'Shanghai' },
      sessions: [{ ip: '36.110.0.1' }],
    });
    expect(indicatorsOf(input)).not.toContain('net_geo_cn_ru_la_kp');
  });

  it('always flags a session from North Korean address space, as critical severity', () => {
    const result = score(cleanApplicant({ claimedLocation: { country: 'KP' }, sessions: [{ ip: '175.45.176.1' }] }));
    expect(result.findings.find((f) => f.indicator === 'net_geo_cn_ru_la_kp')).toMatchObject({
      severity: 'critical',
      points: 45,
    });
  });

  it('ignores IPs with no known location', () => {
    expect(indicatorsOf(cleanApplicant({ sessions: [{ ip: '203.0.113.7' }, { ip: '::1' }] }))).toEqual([]);
  });

  it('flags a phone number from another country than the claimed one', () => {
    const result = score(cleanApplicant({ person: { legalName: 'Jane Q. Doe', phone: '+86 138 0013 8000' } }));
    expect(result.findings).toEqual([
      expect.objectContaining({
        indicator: 'net_phone_country_mismatch',
        points: 10,
        evidence: expect.objectContaining({ numberCountry: 'CN', claimedCountry: 'US', phone: '+8613800138000' }),
      }),
    ]);
  });

  it('flags a laptop shipping address different from the residence and ID address, more when abroad', () => {
    const sameCountry = score(
      cleanApplicant({
        shipping: { address: { line1: '77 Elm St', city: 'Phoenix', postalCode: '85001', country: 'US' } },
      }),
    );
    expect(sameCountry.findings[0]).toMatchObject({
      indicator: 'addr_ship_not_id_address',
      points: 20,
      evidence: { differsFrom: ['residentialAddress', 'identityDocument.address'], shippingCity: 'Phoenix' },
    });
    const abroad = score(
      cleanApplicant({ shipping: { address: { line1: '5 Rue X', city: 'Vientiane', country: 'LA' } } }),
    );
    expect(abroad.findings[0]).toMatchObject({ indicator: 'addr_ship_not_id_address', points: 25, severity: 'high' });
  });

  it("flags a payout account held by someone else, but not one in the applicant's own name or alias", () => {
    expect(
      indicatorsOf(cleanApplicant({ payment: { method: 'bank_transfer', accountHolderName: 'Chen Wei' } })),
    ).toEqual(['pay_name_mismatch']);
    expect(
      indicatorsOf(cleanApplicant({ payment: { method: 'bank_transfer', accountHolderName: 'Jane Doe-Smith' } })),
    ).toEqual([]);
    // A company payee is a different question (its own indicator), not a name mismatch.
    expect(
      indicatorsOf(cleanApplicant({ payment: { accountHolderName: 'Acme Dev LLC', payeeType: 'company' } })),
    ).toEqual(['pay_via_company_or_msb']);
  });

  it('flags payment in cryptocurrency by method or by wallet', () => {
    expect(indicatorsOf(cleanApplicant({ payment: { method: 'crypto' } }))).toEqual(['pay_crypto']);
    expect(
      indicatorsOf(
        cleanApplicant({
          payment: { wallet: { chain: 'BTC', address: 'bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh' } },
        }),
      ),
    ).toEqual(['pay_crypto']);
  });
});

describe('scoring engine', () => {
  it('combines independent evidence into a critical band', () => {
    const result = score(riskyApplicant());
    expect(result.band).toBe('critical');
    expect(result.ruleSetVersion).toBe(defaultRuleSet.version);
    expect(result.findings.map((f) => f.indicator).sort()).toEqual([
      'addr_ship_not_id_address',
      'net_geo_cn_ru_la_kp',
      'pay_crypto',
      'pay_name_mismatch',
    ]);
    // Payment (25 + 20) is capped at 40: 30 + 20 + 40.
    expect(result.score).toBe(90);
    expect(result.findings.map((f) => f.points)).toEqual(
      [...result.findings.map((f) => f.points)].sort((a, b) => b - a),
    );
  });

  it('caps each family so that one kind of signal alone cannot reach high', () => {
    const paymentOnly = score(cleanApplicant({ payment: { method: 'crypto', accountHolderName: 'Chen Wei' } }));
    expect(paymentOnly.score).toBe(defaultRuleSet.familyCaps.payment);
    expect(paymentOnly.band).toBe('medium');
  });

  it('maps scores to bands at the thresholds', () => {
    expect(bandFor(0, defaultRuleSet)).toBe('low');
    expect(bandFor(19, defaultRuleSet)).toBe('low');
    expect(bandFor(20, defaultRuleSet)).toBe('medium');
    expect(bandFor(45, defaultRuleSet)).toBe('high');
    expect(bandFor(75, defaultRuleSet)).toBe('critical');
  });

  it('forces critical on a decisive finding whatever its points', () => {
    const decisive: Indicator = {
      id: 'test_decisive',
      family: 'sanctions',
      severity: 'critical',
      points: 1,
      source: 's',
      recommendedAction: 'a',
      isDecisive: true,
      evaluate: () => ({ message: 'm', evidence: {} }),
    };
    const applicant = parseApplicant(cleanApplicant());
    const result = scoreApplicant(applicant, gatherContext(applicant), defaultRuleSet, [decisive]);
    expect(result).toMatchObject({ score: 1, band: 'critical' });
  });
});

describe('fairness: only evidence is scored, never the origin of a name or a language', () => {
  const names = [
    'Kim Min-jun',
    'Pak Chol',
    'Wang Xiu Ying',
    'Nguyen Van An',
    'Mohammed Al-Farsi',
    'Fatima Zahra Benali',
    'José Álvarez García',
    'Olga Ivanova',
    'Jane Q. Doe',
    'Oluwaseun Adeyemi',
    'Priya Raghunathan',
  ];

  it.each([
    ['a clean applicant', cleanApplicant],
    ['a risky applicant', riskyApplicant],
  ])('gives %s the same score and findings under names of many origins', (_label, make) => {
    const results = names.map((name) => {
      const input = make();
      input.person = {
        ...input.person,
        legalName: name,
        otherNames: [],
        languages: name.startsWith('Kim') ? ['ko', 'en'] : ['en'],
      };
      input.identityDocument = { ...input.identityDocument, nameOnDocument: name.toUpperCase() };
      input.shipping = { ...input.shipping, recipientName: name };
      // The account holder is the applicant in every variant, so only the name's origin changes.
      input.payment = {
        ...input.payment,
        accountHolderName: input.payment.method === 'crypto' ? 'Someone Else' : name,
      };
      const result = score(input);
      return { score: result.score, band: result.band, indicators: result.findings.map((f) => f.indicator) };
    });
    expect(new Set(results.map((r) => JSON.stringify(r))).size).toBe(1);
  });

  it('keeps a Korean-American who lists Korean as a language at low', () => {
    const input = cleanApplicant();
    input.person = { ...input.person, legalName: 'Kim Ji-woo', otherNames: [], languages: ['ko', 'en'] };
    input.identityDocument = { ...input.identityDocument, nameOnDocument: 'KIM JI WOO' };
    input.shipping = { ...input.shipping, recipientName: 'Ji-woo Kim' };
    input.payment = { ...input.payment, accountHolderName: 'KIM, Ji-woo' };
    expect(score(input)).toMatchObject({ score: 0, band: 'low' });
  });

  it('keeps a contractor living in Vientiane whose IP, phone and addresses match the claim at low', () => {
    const vientiane = { line1: '12 Lane Xang Avenue', city: 'Vientiane', postalCode: '01000', country: 'LA' };
    const input = cleanApplicant({
      claimedLocation: { country: 'LA', city: 'Vientiane', timezone: 'Asia/Vientiane' },
      person: { legalName: 'Somchai Vongsa', phone: '+856 20 5555 1234' },
      residentialAddress: vientiane,
      shipping: { address: vientiane },
      identityDocument: { type: 'passport', issuingCountry: 'LA', address: vientiane },
      payment: { method: 'wise', accountHolderName: 'Somchai Vongsa', bankCountry: 'LA' },
      sessions: [{ ip: '202.137.128.1', kind: 'interview' }],
    });
    expect(score(input)).toMatchObject({ score: 0, band: 'low' });
  });

  it('keeps a US employee with one family-visit login from Shanghai below high', () => {
    const input = cleanApplicant({ sessions: [{ ip: '24.24.24.24' }, { ip: '36.110.0.1', kind: 'work' }] });
    expect(['low', 'medium']).toContain(score(input).band);
  });
});
