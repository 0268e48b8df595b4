import {
  classifyLink,
  countryFromValue,
  parseAddressText,
  parseLocationText,
  partialDate,
  pickPhone,
} from '../../src/webhooks/adapters/normalise';

describe('parseAddressText', () => {
  it.each([
    [
      '123 Test Street\nNew York, NY 10001',
      { line1: '123 Test Street', city: 'New York', region: 'NY', postalCode: '10001' },
    ],
    [
      '77 Elm Street, Phoenix, AZ 85001, USA',
      { line1: '77 Elm Street', city: 'Phoenix', region: 'AZ', postalCode: '85001', country: 'US' },
    ],
    [
      '1 Main St, Apt 2, Springfield IL 62704',
      { line1: '1 Main St', line2: 'Apt 2', city: 'Springfield', region: 'IL', postalCode: '62704' },
    ],
    [
      'Friedrichstraße 43\n10117 Berlin\nGermany',
      { line1: 'Friedrichstraße 43', city: 'Berlin', postalCode: '10117', country: 'DE' },
    ],
    [
      '10 Downing Street, London SW1A 2AA, United Kingdom',
      { line1: '10 Downing Street', city: 'London', postalCode: 'SW1A 2AA', country: 'GB' },
    ],
    [
      '200 Bay St, Toronto, ON M5J 2J2, Canada',
      { line1: '200 Bay St', city: 'Toronto', region: 'ON', postalCode: 'M5J 2J2', country: 'CA' },
    ],
    ['1 Infinite Loop, Cupertino', { line1: '1 Infinite Loop', city: 'Cupertino' }],
    ['123 Fake St.', { line1: '123 Fake St.' }],
  ])('splits %j', (text, expected) => {
    expect(parseAddressText(text)).toEqual(expected);
  });

  it('never reads a state code as a country', () => {
    // "CA" is California here, not Canada; "NY" is no country at all.
    expect(parseAddressText('1 Market St, San Francisco, CA')).toEqual({
      line1: '1 Market St',
      city: 'San Francisco',
      region: 'CA',
    });
    expect(parseAddressText('1 Market St, San Francisco, CA 94105')?.country).toBeUndefined();
  });

  it('gives nothing for empty or overlong text', () => {
    expect(parseAddressText('  \n , ')).toBeUndefined();
    expect(parseAddressText('x'.repeat(10_000))).toBeUndefined();
    expect(parseAddressText(42)).toBeUndefined();
  });
});

describe('parseLocationText', () => {
  it.each([
    ['Oakland, CA', { city: 'Oakland', region: 'CA' }],
    ['Berlin, Germany', { city: 'Berlin', country: 'DE' }],
    ['Austin, Texas, United States', { city: 'Austin', region: 'Texas', country: 'US' }],
    ['South Korea', { country: 'KR' }],
    ['Remote', undefined],
    ['', undefined],
  ])('reads %j', (text, expected) => {
    expect(parseLocationText(text)).toEqual(expected);
  });
});

describe('countryFromValue', () => {
  it.each([
    ['us', 'US'],
    ['United States', 'US'],
    ['Côte d’Ivoire', 'CI'],
    ['north korea', 'KP'],
    ['Myanmar', 'MM'],
    ['UK', 'GB'],
    ['XX', undefined],
    ['Atlantis', undefined],
  ])('reads %j as %j', (value, expected) => {
    expect(countryFromValue(value)).toBe(expected);
  });
});

describe('partialDate', () => {
  it.each([
    ['09/15/2007', '2007-09-15'],
    ['1/2/2012', '2012-01-02'],
    ['2015-12-03T06:31:26Z', '2015-12-03'],
    ['2012-08-15T00:00:00.000Z', '2012-08-15'],
    ['2019-03', '2019-03'],
    ['03/2015', '2015-03'],
    ['2018', '2018'],
    ['02/30/2015', undefined],
    ['15/09/2007', undefined],
    ['yesterday', undefined],
  ])('reads %j as %j', (value, expected) => {
    expect(partialDate(value)).toBe(expected);
  });
});

describe('links and phones', () => {
  it.each([
    ['https://www.linkedin.com/in/jane', { kind: 'linkedin', url: 'https://www.linkedin.com/in/jane' }],
    ['uk.linkedin.com/in/jane', { kind: 'linkedin', url: 'https://uk.linkedin.com/in/jane' }],
    ['https://github.com/jane-doe/repo', { kind: 'github', login: 'jane-doe' }],
    ['https://github.com/orgs/acme', undefined],
    ['https://twitter.com/TheRock', { kind: 'social', url: 'https://twitter.com/TheRock' }],
    ['mysite.com', { kind: 'web', url: 'https://mysite.com/' }],
    ['javascript:alert(1)', undefined],
    ['ftp://files.example.com', undefined],
    ['@handle', undefined],
    ['linkedin.example.com/ghurley', { kind: 'web', url: 'https://linkedin.example.com/ghurley' }],
  ])('classifies %j', (value, expected) => {
    expect(classifyLink(value)).toEqual(expected);
  });

  it('prefers a dialable mobile number and reads national numbers only in a known claimed country', () => {
    const phones = [
      { value: '518-555-1212', type: 'work' },
      { value: '212-555-1212', type: 'mobile' },
    ];
    expect(pickPhone(phones, undefined)).toBeUndefined();
    expect(pickPhone(phones, 'US')).toBe('212-555-1212');
    expect(
      pickPhone(
        [
          { value: '911', type: 'mobile' },
          { value: '+44 20 7946 0958', type: 'home' },
        ],
        undefined,
      ),
    ).toBe('+44 20 7946 0958');
  });
});
