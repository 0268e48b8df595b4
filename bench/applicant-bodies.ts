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
const givenNames = [
  'Jane',
  'Wei',
  'Olga',
  'Tom',
  'Priya',
  'Min-jun',
  'Carlos',
  'Aisha',
  'Lukas',
  'Mei',
  'Daniel',
  'Sofia',
];
const familyNames = [
  'Doe',
  'Chen',
  'Ivanova',
  'Smith',
  'Patel',
  'Park',
  'Garcia',
  'Okafor',
  'Weber',
  'Lin',
  'Novak',
  'Kim',
];
const emailDomains = ['example.com', 'example.org', 'mailinator.com', 'proton.me'];
// CN, RU, US, GB, and a US address that belongs to a hosting provider (Google).
const sessionNetworks = ['36.110', '95.165', '24.24', '81.2', '8.8'];
const homes: readonly Home[] = [
  {
    country: 'US',
    region: 'TX',
    city: 'Austin',
    postalCode: '78701',
    timezone: 'America/Chicago',
    phonePrefix: '+1 512',
  },
  {
    country: 'US',
    region: 'NY',
    city: 'New York',
    postalCode: '10001',
    timezone: 'America/New_York',
    phonePrefix: '+1 212',
  },
  {
    country: 'GB',
    region: 'ENG',
    city: 'London',
    postalCode: 'EC1A 1BB',
    timezone: 'Europe/London',
    phonePrefix: '+44 20 3',
  },
  {
    country: 'DE',
    region: 'BE',
    city: 'Berlin',
    postalCode: '10115',
    timezone: 'Europe/Berlin',
    phonePrefix: '+49 30 9',
  },
  {
    country: 'CA',
    region: 'ON',
    city: 'Toronto',
    postalCode: 'M5H 2N2',
    timezone: 'America/Toronto',
    phonePrefix: '+1 416',
  },
];

const address = (home: Home, line1: string) => ({
  line1,
  city: home.city,
  region: home.region,
  postalCode: home.postalCode,
  country: home.country,
});

// Every applicant is a different person (own e-mail, phone, home, account, device, IPs), except that one in
// FARM_SHARE belongs to a "farm" of FARM_SIZE that shares a shipping address and a wallet: linking runs, as in life,
// on rare shared values rather than on every request.
const FARM_SHARE = 0.04;
const FARM_SIZE = 5;

const shippingVariants: readonly Variant[] = [
  (home, name, unique) => ({ address: address(home, `${unique.n} Main St`), recipientName: name, changes: 0 }),
  (_home, name, unique) => ({
    address: {
      line1: `${unique.farm ?? unique.n} Elm Street`,
      city: 'Phoenix',
      region: 'AZ',
      postalCode: '85001',
      country: 'US',
    },
    recipientName: name,
    reason: 'staying with a friend',
    changes: 1,
  }),
  (_home, _name, unique) => ({
    address: { line1: `${unique.n} Harbour Rd`, city: 'Dover', region: 'DE', postalCode: '19901', country: 'US' },
    recipientName: 'Shipping Desk',
    addressType: 'forwarder',
    changes: 2,
  }),
  () => null,
];

const paymentVariants: readonly Variant[] = [
  (home, name, unique) => ({
    method: 'bank_transfer',
    provider: 'First Bank',
    providerCountry: home.country,
    accountHolderName: name,
    bankCountry: home.country,
    accountNumber: String(unique.n).padStart(12, '0'),
    payeeType: 'individual',
    changes: 0,
  }),
  (home, name) => ({ method: 'paypal', provider: 'PayPal', providerCountry: home.country, accountHolderName: name }),
  (_home, name, unique) => ({
    method: 'wise',
    provider: 'Wise',
    providerCountry: 'BE',
    accountHolderName: name,
    bankCountry: 'DE',
    accountNumber: `W${unique.n}`,
  }),
  (_home, _name, unique) => ({
    method: 'payoneer',
    accountHolderName: 'Chen Wei',
    payeeType: 'company',
    payeeEntityName: `Bright Star Trading ${unique.n} Ltd`,
    changes: 3,
  }),
  (_home, _name, unique) => ({
    method: 'crypto',
    accountHolderName: 'Chen Wei',
    wallet: { chain: 'ETH', address: `0x${(unique.farm ?? unique.n).toString(16).padStart(40, '0')}` },
  }),
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
  const unique: Unique = {
    n: index,
    farm: random() < FARM_SHARE ? 1_000_000_000 + Math.floor(index / (FARM_SIZE / FARM_SHARE)) : null,
  };
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
    identityDocument: {
      type: 'passport',
      issuingCountry: home.country,
      nameOnDocument: name.toUpperCase(),
      verification: pick(['passed', 'passed', 'not_done', 'failed']),
    },
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

/** The two applicant profiles bench:screening measures (issue 20). */
export type Profile = 'minimal' | 'rich';
export const PROFILES: readonly Profile[] = ['minimal', 'rich'];
/** Name, location, one session: what a careers-page form sends before any interview. */
function minimalApplicant(n: number, random: () => number): Record<string, unknown> {
  const pick: Pick = (items) => items[Math.floor(random() * items.length)]!;
  const home = pick(homes);
  return {
    person: { legalName: `${pick(givenNames)} ${pick(familyNames)}` },
    claimedLocation: { country: home.country, city: home.city },
    sessions: [
      { ip: `73.${(n >> 8) & 255}.${n & 255}.${1 + (n % 250)}`, at: '2026-11-20T15:04:05Z', kind: 'application' },
    ],
    externalId: EXTERNAL_ID_MARK,
  };
}

const employers = [
  'Acme Corp',
  'Globex',
  'Initech',
  'Umbrella Systems',
  'Stark Industries',
  'Wayne Enterprises',
  'Hooli',
  'Vandelay Industries',
];
const universities = [
  'UT Austin',
  'University of Toronto',
  'Imperial College London',
  'TU Berlin',
  'New York University',
];
const resumeWords = (
  'led built designed migrated scaled tuned owned shipped mentored reviewed automated debugged profiled rewrote ' +
  'services pipelines schemas queries dashboards APIs clusters queues caches indexes deployments tests releases ' +
  'TypeScript Go Java Python Rust Kotlin PostgreSQL Kafka Redis Kubernetes Terraform React GraphQL gRPC AWS GCP ' +
  'payments search billing onboarding fraud analytics logistics checkout identity messaging reporting telemetry ' +
  'latency throughput cost reliability uptime incidents errors memory storage security compliance accessibility ' +
  'team customers partners engineers product support finance operations platform mobile web data infrastructure'
).split(' ');

/** About 150 words of its own per applicant: résumés of different people share no run of five words. */
function resumeText(name: string, employersWorkedFor: string[], random: () => number): string {
  const words = Array.from({ length: 150 }, () => resumeWords[Math.floor(random() * resumeWords.length)]!);
  return `${name}\nSenior backend engineer. ${employersWorkedFor.join(', ')}.\n${words.join(' ')}.`;
}

/**
 * A Greenhouse candidate after the interviews: four sessions (home twice, a hosting provider's address and a Chinese
 * one), two employers, a degree, LinkedIn and GitHub, a passport, a bank account, two references and a résumé.
 */
function richApplicant(n: number, random: () => number): Record<string, unknown> {
  const pick: Pick = (items) => items[Math.floor(random() * items.length)]!;
  const [given, family, home] = [pick(givenNames), pick(familyNames), pick(homes)];
  const name = `${given} ${family}`;
  const homeIp = `73.${(n >> 8) & 255}.${n & 255}.${1 + (n % 250)}`;
  const at = (day: number, hour: number) => new Date(Date.UTC(2026, 10, day, hour, 4, 5)).toISOString();
  const phone = (prefix: string, offset: number) =>
    `${prefix} ${2 + (offset % 8)}${String((n * 7 + offset) % 1_000_000).padStart(6, '0')}`;
  const [firstEmployer, secondEmployer] = [employers[n % employers.length]!, employers[(n + 3) % employers.length]!];
  return {
    source: 'greenhouse',
    externalId: EXTERNAL_ID_MARK,
    position: {
      title: 'Senior Backend Engineer',
      remote: true,
      rateBand: { min: 90, max: 130, currency: 'USD', per: 'hour' },
    },
    person: {
      legalName: name,
      otherNames: [`${given.slice(0, 1)}. ${family}`],
      email: `${given}.${family}.${n}@example.com`.toLowerCase(),
      phone: phone(home.phonePrefix, 0),
      dateOfBirth: `${1975 + (n % 25)}-0${1 + (n % 9)}-1${n % 10}`,
      languages: ['en'],
      previousEmails: [`${family}${n}@example.org`.toLowerCase()],
    },
    claimedLocation: { country: home.country, region: home.region, city: home.city, timezone: home.timezone },
    residentialAddress: address(home, `${n} Main St`),
    shipping: { address: address(home, `${n} Main St`), recipientName: name, changes: 0 },
    identityDocument: {
      type: 'passport',
      issuingCountry: home.country,
      nameOnDocument: name.toUpperCase(),
      number: `P${String(n).padStart(8, '0')}`,
      verification: 'passed',
    },
    payment: {
      method: 'bank_transfer',
      provider: 'First Bank',
      providerCountry: home.country,
      accountHolderName: name,
      bankCountry: home.country,
      accountNumber: `${String(n).padStart(10, '0')}`,
      routingNumber: '111000025',
      payeeType: 'individual',
      changes: 0,
    },
    employment: [
      {
        employer: firstEmployer,
        title: 'Staff Engineer',
        start: '2021-03',
        end: null,
        country: home.country,
        verified: true,
      },
      {
        employer: secondEmployer,
        title: 'Software Engineer',
        start: '2016-06',
        end: '2021-02',
        country: home.country,
        verified: false,
      },
    ],
    education: [
      {
        institution: pick(universities),
        degree: 'BSc Computer Science',
        start: '2010',
        end: '2014',
        country: home.country,
        verified: true,
      },
    ],
    references: [
      {
        name: `${pick(givenNames)} ${pick(familyNames)}`,
        email: `ref1.${n}@${firstEmployer.toLowerCase().replace(/\s+/g, '')}.example`,
        phone: phone(home.phonePrefix, 1),
        employer: firstEmployer,
      },
      {
        name: `${pick(givenNames)} ${pick(familyNames)}`,
        email: `ref2.${n}@${secondEmployer.toLowerCase().replace(/\s+/g, '')}.example`,
        employer: secondEmployer,
      },
    ],
    profiles: {
      linkedin: {
        url: `https://www.linkedin.com/in/${given}-${family}-${n}`.toLowerCase(),
        createdAt: '2014-09',
        connections: 200 + (n % 600),
      },
      github: {
        login: `${given}${family}${n}`.replace(/[^A-Za-z0-9]/g, ''),
        createdAt: '2013-02',
        earliestCommitAt: '2013-03',
      },
      portfolioUrl: `https://${given}${n}.example.dev`.toLowerCase(),
    },
    sessions: [
      {
        ip: homeIp,
        at: at(2, 15),
        kind: 'application',
        userAgent: 'Mozilla/5.0 (Macintosh)',
        deviceId: `device-${n}`,
        managedDevice: false,
      },
      {
        ip: homeIp,
        at: at(9, 16),
        kind: 'interview',
        userAgent: 'Mozilla/5.0 (Macintosh)',
        deviceId: `device-${n}`,
        durationMinutes: 45,
      },
      // A hosting provider's address (Google) and a Chinese one, as in the rich applicant.
      {
        ip: `8.8.${(n >> 8) & 255}.${n & 255}`,
        at: at(12, 17),
        kind: 'interview',
        userAgent: 'Mozilla/5.0 (Windows NT 10.0)',
        durationMinutes: 60,
      },
      {
        ip: `36.110.${(n >> 8) & 255}.${n & 255}`,
        at: at(16, 3),
        kind: 'interview',
        userAgent: 'Mozilla/5.0 (Windows NT 10.0)',
        durationMinutes: 50,
      },
    ],
    interview: {
      videoOn: true,
      cameraRefused: false,
      inPersonDone: false,
      livenessCheck: 'passed',
      notes: 'Strong system design round; camera froze twice in the third interview.',
    },
    resumeText: resumeText(name, [firstEmployer, secondEmployer], random),
    requestedRate: { amount: 110, currency: 'USD', per: 'hour' },
  };
}

/** Variant `n` of a profile (the same body for the same n on every run). */
export function profileBody(profile: Profile, n: number): BodyTemplate {
  const random = seededRandom(n + 1);
  return toTemplate(profile === 'minimal' ? minimalApplicant(n, random) : richApplicant(n, random));
}

/**
 * The next request body on each call: a new person of the profile (number `firstNumber + issued`: own name pick, e-mail,
 * phone, IPs, device, account, document) under externalId `idPrefix-number`, so every request creates a case that
 * links to no other.
 */
export function profileFeed(profile: Profile, idPrefix: string, firstNumber: number): () => string {
  let issued = 0;
  return () => {
    const number = firstNumber + issued++;
    return withExternalId(profileBody(profile, number), `${idPrefix}-${number}`);
  };
}
