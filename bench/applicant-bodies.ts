// Varied applicant bodies for the screening bench (built on the test factories) and the feed that gives each POST its externalId.
import { cleanApplicant, riskyApplicant } from '../test/support/applicants';

/** A request body as JSON split around its externalId value, so each request only concatenates strings. */
export interface BodyTemplate {
  head: string;
  tail: string;
}

interface Home {
  country: string;
  region: string;
  city: string;
  postalCode: string;
  timezone: string;
  phone: string;
}

type Pick = <T>(items: readonly T[]) => T;
type Variant = (home: Home, name: string) => Record<string, unknown> | null;

const EXTERNAL_ID_MARK = '__bench_external_id__';
const RISKY_SHARE = 0.25;
const givenNames = ['Jane', 'Wei', 'Olga', 'Tom', 'Priya', 'Min-jun', 'Carlos', 'Aisha', 'Lukas', 'Mei', 'Daniel', 'Sofia'];
const familyNames = ['Doe', 'Chen', 'Ivanova', 'Smith', 'Patel', 'Park', 'Garcia', 'Okafor', 'Weber', 'Lin', 'Novak', 'Kim'];
const emailDomains = ['example.com', 'example.org', 'mailinator.com', 'proton.me'];
// CN, RU, US, GB, and a US address that belongs to a hosting provider (Google).
const sessionIps = ['36.110.0.1', '95.165.0.1', '24.24.24.24', '81.2.69.142', '8.8.8.8'];
const homes: readonly Home[] = [
  { country: 'US', region: 'TX', city: 'Austin', postalCode: '78701', timezone: 'America/Chicago', phone: '+1 512 555 0142' },
  { country: 'US', region: 'NY', city: 'New York', postalCode: '10001', timezone: 'America/New_York', phone: '+1 212 555 0199' },
  { country: 'GB', region: 'ENG', city: 'London', postalCode: 'EC1A 1BB', timezone: 'Europe/London', phone: '+44 20 7946 0958' },
  { country: 'DE', region: 'BE', city: 'Berlin', postalCode: '10115', timezone: 'Europe/Berlin', phone: '+49 30 901820' },
  { country: 'CA', region: 'ON', city: 'Toronto', postalCode: 'M5H 2N2', timezone: 'America/Toronto', phone: '+1 416 555 0123' },
];

const address = (home: Home, line1: string) => ({ line1, city: home.city, region: home.region, postalCode: home.postalCode, country: home.country });

const shippingVariants: readonly Variant[] = [
  (home, name) => ({ address: address(home, '1 Main St'), recipientName: name, changes: 0 }),
  (_home, name) => ({ address: { line1: '77 Elm Street', city: 'Phoenix', region: 'AZ', postalCode: '85001', country: 'US' }, recipientName: name, reason: 'staying with a friend', changes: 1 }),
  () => ({ address: { line1: '12 Harbour Rd', city: 'Dover', region: 'DE', postalCode: '19901', country: 'US' }, recipientName: 'Shipping Desk', addressType: 'forwarder', changes: 2 }),
  () => null,
];

const paymentVariants: readonly Variant[] = [
  (home, name) => ({ method: 'bank_transfer', provider: 'First Bank', providerCountry: home.country, accountHolderName: name, bankCountry: home.country, accountNumber: '000123456789', payeeType: 'individual', changes: 0 }),
  (home, name) => ({ method: 'paypal', provider: 'PayPal', providerCountry: home.country, accountHolderName: name }),
  (_home, name) => ({ method: 'wise', provider: 'Wise', providerCountry: 'BE', accountHolderName: name, bankCountry: 'DE', iban: 'DE89 3704 0044 0532 0130 00' }),
  () => ({ method: 'payoneer', accountHolderName: 'Chen Wei', payeeType: 'company', payeeEntityName: 'Bright Star Trading Ltd', changes: 3 }),
  () => ({ method: 'crypto', accountHolderName: 'Chen Wei', wallet: { chain: 'ETH', address: '0x1234567890abcdef1234567890abcdef12345678' } }),
];

// mulberry32: the same bodies on every run, so runs stay comparable.
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function sessions(index: number, pick: Pick, random: () => number): Record<string, unknown>[] {
  const count = 1 + Math.floor(random() * 3);
  return Array.from({ length: count }, (_, n) => ({
    ip: pick(sessionIps),
    at: new Date(Date.UTC(2026, 10, 1) + (index * 7 + n * 3) * 3_600_000).toISOString(),
    kind: n === 0 ? 'application' : 'interview',
    userAgent: 'Mozilla/5.0',
    deviceId: `device-${index % 50}`,
  }));
}

function applicant(index: number, random: () => number): Record<string, unknown> {
  const pick: Pick = (items) => items[Math.floor(random() * items.length)]!;
  const [given, family, home] = [pick(givenNames), pick(familyNames), pick(homes)];
  const name = `${given} ${family}`;
  const factory = random() < RISKY_SHARE ? riskyApplicant : cleanApplicant;
  return factory({
    person: {
      legalName: name,
      email: `${given}.${family}${index}@${pick(emailDomains)}`.toLowerCase(),
      phone: home.phone,
      dateOfBirth: `${1970 + (index % 35)}-0${1 + (index % 9)}-1${index % 10}`,
      languages: ['en'],
    },
    claimedLocation: { country: home.country, region: home.region, city: home.city, timezone: home.timezone },
    residentialAddress: address(home, '1 Main St'),
    identityDocument: { type: 'passport', issuingCountry: home.country, nameOnDocument: name.toUpperCase(), verification: pick(['passed', 'passed', 'not_done', 'failed']) },
    shipping: pick(shippingVariants)(home, name),
    payment: pick(paymentVariants)(home, name),
    sessions: sessions(index, pick, random),
    externalId: EXTERNAL_ID_MARK,
  });
}

function toTemplate(body: Record<string, unknown>): BodyTemplate {
  const [head, tail] = JSON.stringify(body).split(`"${EXTERNAL_ID_MARK}"`) as [string, string];
  return { head: `${head}"`, tail: `"${tail}` };
}

export function applicantBodies(count: number, seed = 1): BodyTemplate[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, index) => toTemplate(applicant(index, random)));
}

export function withExternalId(template: BodyTemplate, externalId: string): string {
  return template.head + externalId + template.tail;
}

/**
 * The next request body on each call: the templates in turn, each with an externalId made of `idPrefix` and a number.
 * About `reuseShare` of the calls repeat an id already handed out (re-screening an existing case); the rest use a new one.
 */
export function screeningFeed(templates: readonly BodyTemplate[], idPrefix: string, reuseShare: number): () => string {
  let sent = 0;
  let issued = 0;
  return () => {
    const template = templates[sent++ % templates.length]!;
    const reuse = issued > 0 && Math.random() < reuseShare;
    const number = reuse ? Math.floor(Math.random() * issued) : issued++;
    return withExternalId(template, `${idPrefix}-${number}`);
  };
}
