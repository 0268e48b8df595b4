import { addressesDiffer, addressKey } from '../../src/applicants/addresses';
import { isSamePersonName } from '../../src/applicants/names';

describe('isSamePersonName', () => {
  it.each([
    ['Jane Q. Doe', 'DOE, Jane'],
    ['Jane Q. Doe', 'JANE Q DOE'],
    ['José Álvarez', 'Jose Alvarez'],
    ['Kim Min-jun', 'Min Jun Kim'],
    ['Jane Doe-Smith', 'jane doe smith'],
  ])('treats "%s" and "%s" as the same person', (a, b) => {
    expect(isSamePersonName(a, b)).toBe(true);
  });

  it.each([
    ['Jane Q. Doe', 'Chen Wei'],
    ['Jane Doe', 'Jane Roe'],
    ['Jane Doe', 'Jane'],
    ['Jane Doe', 'Acme Staffing LLC'],
  ])('treats "%s" and "%s" as different people', (a, b) => {
    expect(isSamePersonName(a, b)).toBe(false);
  });
});

describe('address comparison', () => {
  const base = {
    line1: '1 Main Street',
    line2: 'Apartment 2',
    city: 'Austin',
    region: 'TX',
    postalCode: '78701',
    country: 'US',
  };

  it('ignores case, punctuation and street-type abbreviations', () => {
    expect(
      addressesDiffer(base, {
        line1: '1 MAIN ST.',
        line2: 'Apt 2',
        city: 'austin',
        postalCode: '78701',
        country: 'US',
      }),
    ).toBe(false);
    expect(addressesDiffer(base, { line1: '1 Main St #2', city: 'Austin', postalCode: '78701', country: 'US' })).toBe(
      false,
    );
  });

  it('sees a different street, city, postal code or country', () => {
    expect(addressesDiffer(base, { ...base, line1: '2 Main Street' })).toBe(true);
    expect(addressesDiffer(base, { ...base, city: 'Dallas' })).toBe(true);
    expect(addressesDiffer(base, { ...base, postalCode: '78702' })).toBe(true);
    expect(addressesDiffer(base, { ...base, country: 'CA' })).toBe(true);
  });

  it('does not call an address different when one side has nothing to compare', () => {
    expect(addressKey({ city: 'Austin', country: 'US' })).toBeNull();
    expect(addressesDiffer(base, { city: 'Austin', country: 'US' })).toBe(false);
    expect(addressesDiffer(base, null)).toBe(false);
  });

  it('gives an address object the same key each time it is asked, as a fresh copy of it gets', () => {
    const addresses = [
      { line1: '1 Main Street', line2: 'Apt 2', city: 'Austin', postalCode: '78701', country: 'US' },
      { line1: 'Königstraße 5', city: 'München', postalCode: '80331', country: 'DE' },
      { city: 'Austin', country: 'US' },
    ];
    for (const address of addresses) {
      const first = addressKey(address);
      expect(addressKey(address)).toBe(first);
      expect(addressKey(structuredClone(address))).toBe(first);
    }
  });
});
