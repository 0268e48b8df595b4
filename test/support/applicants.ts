// Applicant factories: each call makes its own data (unique external ids) so tests never share rows.
import crypto from 'node:crypto';

export function uniqueId(prefix = 'ext'): string {
  return `${prefix}-${crypto.randomUUID()}`;
}

/**
 * An ordinary, consistent applicant in Austin, Texas: nothing in it should raise a finding. Its e-mail, device
 * and house number are unique per call, so that applicants of different tests never link to each other.
 */
export function cleanApplicant(overrides: Record<string, unknown> = {}): Record<string, any> {
  const unique = crypto.randomUUID().slice(0, 8);
  const house = `${parseInt(unique.slice(0, 4), 16)} Main St`;
  return {
    source: 'api',
    externalId: uniqueId(),
    position: {
      title: 'Senior Backend Engineer',
      remote: true,
      rateBand: { min: 90, max: 130, currency: 'USD', per: 'hour' },
    },
    person: {
      legalName: 'Jane Q. Doe',
      otherNames: ['Jane Doe-Smith'],
      email: `jane.${unique}@example.com`,
      phone: `+1 512 ${200 + (parseInt(unique.slice(0, 3), 16) % 800)} ${String(parseInt(unique.slice(3, 7), 16) % 10000).padStart(4, '0')}`,
      dateOfBirth: '1990-04-02',
      languages: ['en'],
    },
    claimedLocation: { country: 'US', region: 'TX', city: 'Austin', timezone: 'America/Chicago' },
    residentialAddress: { line1: house, line2: null, city: 'Austin', region: 'TX', postalCode: '78701', country: 'US' },
    shipping: {
      address: {
        line1: house.replace('St', 'Street'),
        city: 'Austin',
        region: 'TX',
        postalCode: '78701',
        country: 'US',
      },
      recipientName: 'Jane Q. Doe',
      changes: 0,
    },
    identityDocument: {
      type: 'drivers_license',
      issuingCountry: 'US',
      nameOnDocument: 'JANE Q DOE',
      address: { line1: house, city: 'Austin', region: 'TX', postalCode: '78701', country: 'US' },
      verification: 'passed',
    },
    payment: {
      method: 'bank_transfer',
      provider: 'Chase',
      providerCountry: 'US',
      accountHolderName: 'DOE, Jane',
      bankCountry: 'US',
      accountNumber: `0001${parseInt(unique, 16)}6789`,
      routingNumber: '111000025',
      payeeType: 'individual',
      changes: 0,
    },
    employment: [
      { employer: 'Acme Corp', title: 'Engineer', start: '2019-01', end: '2023-06', country: 'US', verified: true },
    ],
    education: [{ institution: 'UT Austin', degree: 'BSc', start: '2008', end: '2012', country: 'US', verified: true }],
    // A home IP of its own (Comcast's 73.0.0.0/8, in the US), not shared with other tests' applicants.
    sessions: [
      {
        ip: `73.${parseInt(unique.slice(0, 2), 16)}.${parseInt(unique.slice(2, 4), 16)}.${1 + (parseInt(unique.slice(4, 6), 16) % 254)}`,
        at: '2026-11-20T15:04:05Z',
        kind: 'application',
        userAgent: 'Mozilla/5.0',
        deviceId: `d-${unique}`,
        managedDevice: false,
      },
    ],
    interview: { videoOn: true, cameraRefused: false, inPersonDone: false, livenessCheck: 'passed' },
    requestedRate: { amount: 110, currency: 'USD', per: 'hour' },
    ...overrides,
  };
}

/**
 * An ordinary applicant with one minor finding (a disposable e-mail domain): its case stays open at intake, where a
 * clean one with no finding at all is closed as no_findings. For tests about something else than triage.
 */
export function openApplicant(overrides: Record<string, unknown> = {}): Record<string, any> {
  const base = cleanApplicant();
  return cleanApplicant({
    person: { ...base.person, email: `open.${crypto.randomUUID()}@mailinator.com` },
    ...overrides,
  });
}

/** The laptop-farm pattern: login from China, laptop to another state, wages to someone else in crypto. */
export function riskyApplicant(overrides: Record<string, unknown> = {}): Record<string, any> {
  return cleanApplicant({
    shipping: {
      address: { line1: '77 Elm Street', city: 'Phoenix', region: 'AZ', postalCode: '85001', country: 'US' },
      recipientName: 'Jane Q. Doe',
      reason: 'staying with a friend',
      changes: 1,
    },
    payment: {
      method: 'crypto',
      accountHolderName: 'Chen Wei',
      wallet: { chain: 'ETH', address: '0x1234567890abcdef1234567890abcdef12345678' },
    },
    sessions: [{ ip: '36.110.0.1', at: '2026-11-20T15:04:05Z', kind: 'application' }],
    ...overrides,
  });
}
