// A labelled scenario: an applicant built from a public case (fraud) or an ordinary life (legitimate).
export interface Scenario {
  name: string;
  /** The public case or situation it is modelled on. */
  basis: string;
  applicant: Record<string, unknown>;
}

const home = (line1: string, city: string, region: string, postalCode: string, country = 'US') => ({
  line1,
  city,
  region,
  postalCode,
  country,
});

/** An applicant who is who and where they say: each scenario changes only what its story needs. */
export function person(overrides: Record<string, unknown> = {}, name = 'Sam Taylor'): Record<string, unknown> {
  const address = home('418 Oak Avenue', 'Columbus', 'OH', '43215');
  const handle = name.toLowerCase().replace(/\W+/g, '.');
  return {
    source: 'scenario',
    position: {
      title: 'Backend Engineer',
      remote: true,
      rateBand: { min: 70, max: 110, currency: 'USD', per: 'hour' },
    },
    person: {
      legalName: name,
      email: `${handle}@example.com`,
      phone: '+1 614 555 0187',
      dateOfBirth: '1991-06-14',
      languages: ['en'],
    },
    claimedLocation: {
      country: 'US',
      region: 'OH',
      city: 'Columbus',
      timezone: 'America/New_York',
      latitude: 39.96,
      longitude: -83.0,
    },
    residentialAddress: address,
    identityDocument: {
      type: 'drivers_license',
      issuingCountry: 'US',
      nameOnDocument: name.toUpperCase(),
      address,
      verification: 'passed',
    },
    shipping: { address, recipientName: name, changes: 0 },
    payment: {
      method: 'bank_transfer',
      provider: 'Huntington',
      providerCountry: 'US',
      bankCountry: 'US',
      accountHolderName: name,
      payeeType: 'individual',
      changes: 0,
    },
    employment: [
      { employer: 'Initech', title: 'Engineer', start: '2016-02', end: '2024-01', country: 'US', verified: true },
    ],
    education: [
      {
        institution: 'Ohio State University',
        degree: 'BSc',
        start: '2009',
        end: '2013',
        country: 'US',
        verified: true,
      },
    ],
    profiles: {
      linkedin: { createdAt: '2012-09-01', connections: 420 },
      github: { login: 'samtaylor', createdAt: '2013-01-10', earliestCommitAt: '2013-01-12' },
    },
    sessions: [
      { ip: '24.24.24.24', at: '2026-11-02T14:10:00Z', kind: 'application' },
      { ip: '24.24.24.24', at: '2026-11-05T15:30:00Z', kind: 'interview' },
      { ip: '24.24.24.24', at: '2026-11-09T18:00:00Z', kind: 'interview' },
    ],
    interview: { videoOn: true, cameraRefused: false, livenessCheck: 'passed' },
    requestedRate: { amount: 95, currency: 'USD', per: 'hour' },
    ...overrides,
  };
}

export const addresses = { home };
