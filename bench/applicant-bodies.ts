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
  /** Country and area code; each applicant gets seven digits of its own after it. */
  phonePrefix: string;
}

type Pick = <T>(items: readonly T[]) => T;
interface Unique {
  /** The applicant's number: unique per person. */
  n: number;
  /** The farm the applicant belongs to, if any. */
  farm: number | null;
}

type Variant = (home: Home, name: string, unique: Unique) => Record<string, unknown> | null;

const EXTERNAL_ID_MARK = '__bench_external_id__';
const RISKY_SHARE = 0.25;
const givenNames = ['Jane', 'Wei', 'Olga', 'Tom', 'Priya', 'Min-jun', 'Carlos', 'Aisha', 'Lukas', 'Mei', 'Daniel', 'Sofia'];
const familyNames = ['Doe', 'Chen', 'Ivanova', 'Smith', 'Patel', 'Park', 'Garcia', 'Okafor', 'Weber', 'Lin', 'Novak', 'Kim'];
const emailDomains = ['example.com', 'example.org', 'mailinator.com', 'proton.me'];
// CN, RU, US, GB, and a US address that belongs to a hosting provider (Google).
const sessionNetworks = ['36.110', '95.165', '24.24', '81.2', '8.8'];
const homes: readonly Home[] = [
  { country: 'US', region: 'TX', city: 'Austin', postalCode: '78701', timezone: 'America/Chicago', phonePrefix: '+1 512' },
  { country: 'US', region: 'NY', city: 'New York', postalCode: '10001', timezone: 'America/New_York', phonePrefix: '+1 212' },
  { country: 'GB', region: 'ENG', city: 'London', postalCode: 'EC1A 1BB', timezone: 'Europe/London', phonePrefix: '+44 20 3' },
  { country: 'DE', region: 'BE', city: 'Berlin', postalCode: '10115', timezone: 'Europe/Berlin', phonePrefix: '+49 30 9' },
  { country: 'CA', region: 'ON', city: 'Toronto', postalCode: 'M5H 2N2', timezone: 'America/Toronto', phonePrefix: '+1 416' },
];

const address = (home: Home, line1: string) => ({ line1, city: home.city, region: home.region, postalCode: home.postalCode, country: home.country });

// Every applicant is a different person (own e-mail, phone, home, account, device, IPs), except that one in
// FARM_SHARE belongs to a "farm" of FARM_SIZE that shares a shipping address and a wallet: linking runs, as in life,
// on rare shared values rather than on every request.
const FARM_SHARE = 0.04;
const FARM_SIZE = 5;

const shippingVariants: readonly Variant[] = [
  (home, name, unique) => ({ address: address(home, `${unique.n} Main St`), recipientName: name, changes: 0 }),
  (_home, name, unique) => ({ address: { line1: `${unique.farm ?? unique.n} Elm Street`, city: 'Phoenix', region: 'AZ', postalCode: '85001', country: 'US' }, recipientName: name, reason: 'staying with a friend', changes: 1 }),
  (_home, _name, unique) => ({ address: { line1: `${unique.n} Harbour Rd`, city: 'Dover', region: 'DE', postalCode: '19901', country: 'US' }, recipientName: 'Shipping Desk', addressType: 'forwarder', changes: 2 }),
  () => null,
];

const paymentVariants: readonly Variant[] = [
  (home, name, unique) => ({ method: 'bank_transfer', provider: 'First Bank', providerCountry: home.country, accountHolderName: name, bankCountry: home.country, accountNumber: String(unique.n).padStart(12, '0'), payeeType: 'individual', changes: 0 }),
  (home, name) => ({ method: 'paypal', provider: 'PayPal', providerCountry: home.country, accountHolderName: name }),
  (_home, name, unique) => ({ method: 'wise', provider: 'Wise', providerCountry: 'BE', accountHolderName: name, bankCountry: 'DE', accountNumber: `W${unique.n}` }),
  (_home, _name, unique) => ({ method: 'payoneer', accountHolderName: 'Chen Wei', payeeType: 'company', payeeEntityName: `Bright Star Trading ${unique.n} Ltd`, changes: 3 }),
  (_home, _name, unique) => ({ method: 'crypto', accountHolderName: 'Chen Wei', wallet: { chain: 'ETH', address: `0x${(unique.farm ?? unique.n).toString(16).padStart(40, '0')}` } }),
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
  const host = `${(index >> 7) & 255}.${1 + (index & 127)}`;
  return Array.from({ length: count }, (_, n) => ({
    ip: `${pick(sessionNetworks)}.${host}`,
    at: new Date(Date.UTC(2026, 10, 1) + (index * 7 + n * 3) * 3_600_000).toISOString(),
    kind: n === 0 ? 'application' : 'interview',
    userAgent: 'Mozilla/5.0',
    deviceId: `device-${index}`,
  }));
}

function applicant(index: number, random: () => number): Record<string, unknown> {
  const pick: Pick = (items) => items[Math.floor(random() * items.length)]!;
  const [given, family, home] = [pick(givenNames), pick(familyNames), pick(homes)];
  const name = `${given} ${family}`;
  const factory = random() < RISKY_SHARE ? riskyApplicant : cleanApplicant;
  const unique: Unique = { n: index, farm: random() < FARM_SHARE ? 1_000_000_000 + Math.floor(index / (FARM_SIZE / FARM_SHARE)) : null };
  return factory({
    person: {
      legalName: name,
      email: `${given}.${family}${index}@${pick(emailDomains)}`.toLowerCase(),
      phone: `${home.phonePrefix} ${2 + (Math.floor(index / 1_000_000) % 8)}${String(index % 1_000_000).padStart(6, '0')}`,
      dateOfBirth: `${1970 + (index % 35)}-0${1 + (index % 9)}-1${index % 10}`,
      languages: ['en'],
    },
    claimedLocation: { country: home.country, region: home.region, city: home.city, timezone: home.timezone },
    residentialAddress: address(home, `${index} Main St`),
    identityDocument: { type: 'passport', issuingCountry: home.country, nameOnDocument: name.toUpperCase(), verification: pick(['passed', 'passed', 'not_done', 'failed']) },
    shipping: pick(shippingVariants)(home, name, unique),
    payment: pick(paymentVariants)(home, name, unique),
    sessions: sessions(index, pick, random),
    externalId: EXTERNAL_ID_MARK,
  });
}

function toTemplate(body: Record<string, unknown>): BodyTemplate {
  const [head, tail] = JSON.stringify(body).split(`"${EXTERNAL_ID_MARK}"`) as [string, string];
  return { head: `${head}"`, tail: `"${tail}` };
}

/** Applicant number `n` (always the same body for the same number, so a re-screen sends the same person again). */
export function applicantBody(n: number): BodyTemplate {
  return toTemplate(applicant(n, seededRandom(n + 1)));
}

export function applicantBodies(count: number, firstNumber = 0): BodyTemplate[] {
  return Array.from({ length: count }, (_, offset) => applicantBody(firstNumber + offset));
}

export function withExternalId(template: BodyTemplate, externalId: string): string {
  return template.head + externalId + template.tail;
}

/**
 * The next request body on each call: a new applicant (numbers from `firstNumber` up) with externalId `idPrefix-number`,
 * or, for about `reuseShare` of the calls, an applicant already sent (re-screening an existing case).
 */
export function screeningFeed(idPrefix: string, firstNumber: number, reuseShare: number): () => string {
  let issued = 0;
  return () => {
    const reuse = issued > 0 && Math.random() < reuseShare;
    const number = firstNumber + (reuse ? Math.floor(Math.random() * issued) : issued++);
    return withExternalId(applicantBody(number), `${idPrefix}-${number}`);
  };
}
