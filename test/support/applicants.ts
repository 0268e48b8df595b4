// Applicant factories: each call makes its own data (unique external ids) so tests never share rows.
import crypto from 'node:crypto';

export function uniqueId(prefix = 'ext'): string {
  return `${prefix}-${crypto.randomUUID()}`;
}

/** An ordinary, consistent applicant in Austin, Texas: nothing in it should raise a finding. */
export function cleanApplicant(overrides: Record<string, unknown> = {}): Record<string, any> {
  return {
    source: 'api',
    externalId: uniqueId(),
    position: { title: 'Senior Backend Engineer', remote: true, rateBand: { min: 90, max: 130, currency: 'USD', per: 'hour' } },
    person: { legalName: 'Jane Q. Doe', otherNames: ['Jane Doe-Smith'], email: 'jane@example.com', phone: '+1 512 555 0142', dateOfBirth: '1990-04-02', languages: ['en'] },
    claimedLocation: { country: 'US', region: 'TX', city: 'Austin', timezone: 'America/Chicago' },
    residentialAddress: { line1: '1 Main St', line2: null, city: 'Austin', region: 'TX', postalCode: '78701', country: 'US' },
    shipping: { address: { line1: '1 Main Street', city: 'Austin', region: 'TX', postalCode: '78701', country: 'US' }, recipientName: 'Jane Q. Doe', changes: 0 },
    identityDocument: { type: 'drivers_license', issuingCountry: 'US', nameOnDocument: 'JANE Q DOE', address: { line1: '1 Main St', city: 'Austin', region: 'TX', postalCode: '78701', country: 'US' }, verification: 'passed' },
    payment: { method: 'bank_transfer', provider: 'Chase', providerCountry: 'US', accountHolderName: 'DOE, Jane', bankCountry: 'US', accountNumber: '000123456789', routingNumber: '111000025', payeeType: 'individual', changes: 0 },
    employment: [{ employer: 'Acme Corp', title: 'Engineer', start: '2019-01', end: '2023-06', country: 'US', verified: true }],
    education: [{ institution: 'UT Austin', degree: 'BSc', start: '2008', end: '2012', country: 'US', verified: true }],
    sessions: [{ ip: '24.24.24.24', at: '2026-11-20T15:04:05Z', kind: 'application', userAgent: 'Mozilla/5.0', deviceId: 'd-1', managedDevice: false }],
    interview: { videoOn: true, cameraRefused: false, inPersonDone: false, livenessCheck: 'passed' },
    requestedRate: { amount: 110, currency: 'USD', per: 'hour' },
    ...overrides,
  };
}

/** The laptop-farm pattern: login from China, laptop to another state, wages to someone else in crypto. */
export function riskyApplicant(overrides: Record<string, unknown> = {}): Record<string, any> {
  return cleanApplicant({
    shipping: { address: { line1: '77 Elm Street', city: 'Phoenix', region: 'AZ', postalCode: '85001', country: 'US' }, recipientName: 'Jane Q. Doe', reason: 'staying with a friend', changes: 1 },
    payment: { method: 'crypto', accountHolderName: 'Chen Wei', wallet: { chain: 'ETH', address: '0x1234567890abcdef1234567890abcdef12345678' } },
    sessions: [{ ip: '36.110.0.1', at: '2026-11-20T15:04:05Z', kind: 'application' }],
    ...overrides,
  });
}
