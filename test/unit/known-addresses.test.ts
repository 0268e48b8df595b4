// The company's declared addresses: matching across spellings, no link fingerprint for them, and address findings
// that say so and count nothing.
import { parseApplicant } from '../../src/applicants/parse-applicant';
import { gatherContext } from '../../src/intel/gather-context';
import { KnownAddressIndex, type KnownAddressEntry } from '../../src/intel/known-addresses';
import { collectIdentifiers } from '../../src/links/normalise-identifiers';
import { scoreApplicant } from '../../src/scoring/score-applicant';
import { parseKnownAddress } from '../../src/known-addresses/known-address-service';
import { AppError } from '../../src/errors';
import { cleanApplicant } from '../support/applicants';

const office: KnownAddressEntry = {
  id: '00000000-0000-4000-8000-000000000001',
  label: 'Austin office',
  kind: 'office',
  address: {
    line1: '500 Congress Avenue',
    line2: 'Suite 200',
    city: 'Austin',
    region: 'TX',
    postalCode: '78701',
    country: 'US',
  },
};
const depot: KnownAddressEntry = {
  id: '00000000-0000-4000-8000-000000000002',
  label: 'IT depot',
  kind: 'depot',
  address: { line1: '12 Rue de l’Église', city: 'Montréal', postalCode: 'H2X 1Y4', country: 'CA' },
};
const index = KnownAddressIndex.build([office, depot]);
const anyLink = () => true;

describe('matching a declared company address', () => {
  it.each([
    [
      'the same words',
      { line1: '500 Congress Avenue', line2: 'Suite 200', city: 'Austin', postalCode: '78701', country: 'US' },
    ],
    [
      'abbreviations and case',
      { line1: '500 CONGRESS AVE', line2: 'Ste 200', city: 'AUSTIN', postalCode: '78701', country: 'us' },
    ],
    [
      'the unit written with #, on one line',
      { line1: '500 Congress Ave. #200', city: 'austin', postalCode: '78701', country: 'US' },
    ],
    ['no postcode (the city agrees)', { line1: '500 Congress Av, Apt 200', city: 'Austin', country: 'US' }],
    ['no city and no country (the postcode agrees)', { line1: '500 Congress Avenue Suite 200', postalCode: '78701' }],
    ['accents and punctuation', { line1: '12 rue de l Eglise', city: 'Montreal', postalCode: 'h2x1y4', country: 'CA' }],
  ])('matches %s', (_case, address) => {
    expect(index.match(address)).toMatchObject({ label: expect.any(String) });
  });

  it.each([
    [
      'another suite',
      { line1: '500 Congress Avenue', line2: 'Suite 300', city: 'Austin', postalCode: '78701', country: 'US' },
    ],
    [
      'another town',
      { line1: '500 Congress Avenue', line2: 'Suite 200', city: 'Dallas', postalCode: '75201', country: 'US' },
    ],
    [
      'another country',
      { line1: '500 Congress Avenue', line2: 'Suite 200', city: 'Austin', postalCode: '78701', country: 'CA' },
    ],
    ['a street line alone', { line1: '500 Congress Avenue Suite 200', country: 'US' }],
    [
      'another house number',
      { line1: '502 Congress Avenue', line2: 'Suite 200', city: 'Austin', postalCode: '78701', country: 'US' },
    ],
  ])('does not match %s', (_case, address) => {
    expect(index.match(address)).toBeNull();
  });

  it('finds nothing in an empty index, nor for a missing address', () => {
    expect(KnownAddressIndex.empty.match(office.address)).toBeNull();
    expect(index.match(null)).toBeNull();
    expect(index.match({ city: 'Austin' })).toBeNull();
  });
});

describe('an applicant shipping to a declared company address', () => {
  const toOffice = parseApplicant(
    cleanApplicant({
      shipping: {
        address: { line1: '500 Congress Ave #200', city: 'Austin', region: 'TX', postalCode: '78701', country: 'US' },
        recipientName: 'Acme IT desk',
      },
    }),
  );

  it('gives no shipping-address fingerprint (the residence still has one)', () => {
    const kinds = (context: ReturnType<typeof gatherContext>) =>
      collectIdentifiers(toOffice, context, anyLink).map((identifier) => identifier.kind);
    expect(kinds(gatherContext(toOffice))).toContain('shipping_address');
    const known = gatherContext(toOffice, { knownAddresses: index });
    expect(known.knownAddresses).toEqual({
      isChecked: true,
      shipping: { id: office.id, label: 'Austin office', kind: 'office' },
      residential: null,
    });
    expect(kinds(known)).not.toContain('shipping_address');
    expect(kinds(known)).toContain('residential_address');
  });

  it('gives no residential-address fingerprint when the residence is a declared address', () => {
    const living = parseApplicant(
      cleanApplicant({
        residentialAddress: {
          line1: '500 Congress Avenue',
          line2: 'Suite 200',
          city: 'Austin',
          postalCode: '78701',
          country: 'US',
        },
      }),
    );
    expect(
      collectIdentifiers(living, gatherContext(living, { knownAddresses: index }), anyLink).map(
        (identifier) => identifier.kind,
      ),
    ).not.toContain('residential_address');
  });

  it('says the address is the company\'s and counts neither "not the residence" nor "someone else receives it"', () => {
    const plain = scoreApplicant(toOffice, gatherContext(toOffice));
    const known = scoreApplicant(toOffice, gatherContext(toOffice, { knownAddresses: index }));
    const finding = (result: typeof plain, id: string) => result.findings.find((f) => f.indicator === id);
    expect(finding(plain, 'addr_ship_not_id_address')!.points).toBe(20);
    expect(finding(plain, 'addr_recipient_not_applicant')!.points).toBe(15);
    for (const id of ['addr_ship_not_id_address', 'addr_recipient_not_applicant']) {
      expect(finding(known, id)).toMatchObject({
        points: 0,
        severity: 'low',
        evidence: { knownAddress: { label: 'Austin office', kind: 'office' } },
      });
      expect(finding(known, id)!.message).toMatch(
        /it is the company's declared office “Austin office”, so it is not counted$/,
      );
    }
    // An otherwise clean applicant: the address family was all of its score.
    expect(plain.score).toBeGreaterThanOrEqual(30);
    expect(known.score).toBe(0);
  });
});

describe('the declaration', () => {
  const fieldsOf = (input: unknown) => {
    try {
      parseKnownAddress(input);
      return [];
    } catch (error) {
      return (error as AppError).details?.fields ?? [];
    }
  };

  it('names each wrong field', () => {
    expect(fieldsOf({ label: ' ', kind: 'warehouse', address: { city: 'Austin' }, extra: 1 })).toEqual([
      { path: 'label', message: 'must not be empty' },
      { path: 'kind', message: 'must be one of: "office", "depot", "staffing_partner"' },
      { path: 'address.line1', message: 'is required (the street line)' },
      { path: 'address.country', message: 'is required (ISO 3166-1 alpha-2, e.g. "US")' },
      { path: 'extra', message: 'is not a field of the known address' },
    ]);
    expect(fieldsOf({ label: 'HQ', kind: 'office', address: { line1: '1 Main St', country: 'US' } })).toEqual([
      { path: 'address.city', message: 'a city or a postalCode is required' },
    ]);
    expect(
      fieldsOf({ label: 'HQ', kind: 'office', address: { line1: '1 Main St', city: 'Austin', country: 'Texas' } }),
    ).toEqual([{ path: 'address.country', message: expect.stringMatching(/ISO 3166-1 alpha-2/) }]);
    expect(
      fieldsOf({ label: 'HQ', kind: 'office', address: { line1: '1 Main St', city: 'Austin', country: 'us' } }),
    ).toEqual([]);
  });
});
