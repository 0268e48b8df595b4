// The compiled contract must answer exactly as the interpreted one: same verdict, same value (key order, -0, undefined
// included), same issues. Checked on applicants with every field set, mutated with odd values, unknown and missing keys.
import fc from 'fast-check';
import { z } from 'zod';
import { applicantSchema, compiledApplicantSchema } from '../../src/applicants/applicant-schema';
import { cleanApplicant, riskyApplicant } from '../support/applicants';
import { fuzzOptions, oddUnicode } from '../support/fuzz-inputs';

type Path = (string | number)[];

/** Every field of the contract set, so that a mutation can reach each of them. */
function everyFieldApplicant(): Record<string, unknown> {
  const address = {
    line1: '1 Main St',
    line2: 'Apt 2',
    city: 'Austin',
    region: 'TX',
    postalCode: '78701',
    country: 'us',
  };
  return {
    ...cleanApplicant(),
    person: {
      legalName: ' Jane Q. Doe ',
      otherNames: ['Jane Doe'],
      email: ' Jane@Example.com ',
      phone: '(512) 555-0142',
      dateOfBirth: '1990-04-02',
      placeOfBirth: 'Austin',
      languages: ['en', 'ko-KR'],
      previousEmails: ['old@example.org'],
      previousPhones: ['+44 20 7946 0958'],
      householdMembers: ['John Doe'],
    },
    claimedLocation: {
      country: ' us ',
      region: 'TX',
      city: 'Austin',
      timezone: 'America/Chicago',
      latitude: 30.2,
      longitude: -97.7,
    },
    residentialAddress: address,
    shipping: { address, recipientName: 'Jane', reason: 'moving', changes: 2, addressType: 'residential' },
    identityDocument: {
      type: 'passport',
      issuingCountry: 'US',
      nameOnDocument: 'JANE DOE',
      number: ' P 1234-5678 ',
      address,
      verification: 'passed',
    },
    payment: {
      method: 'crypto',
      provider: 'Wise',
      providerCountry: 'BE',
      accountHolderName: 'Jane Doe',
      bankCountry: 'DE',
      accountNumber: '0001 2345',
      routingNumber: '111000025',
      iban: 'de89 3704 0044 0532 0130 00',
      wallet: { chain: 'ETH', address: '0x1234567890abcdef1234567890abcdef12345678' },
      payeeType: 'company',
      payeeEntityName: 'Bright Star Ltd',
      changes: 1,
      prepaymentRequested: false,
    },
    references: [{ name: 'Ref One', email: 'ref@example.com', phone: '+1 512 555 0199', employer: 'Acme' }],
    profiles: {
      linkedin: { url: 'https://www.linkedin.com/in/jane', createdAt: '2014-09', connections: 300 },
      github: { login: 'jane-doe', createdAt: '2013', earliestCommitAt: '2013-03-01' },
      portfolioUrl: 'http://jane.example.dev/',
    },
    sessions: [
      {
        ip: '73.1.2.3',
        at: '2026-11-20T15:04:05+01:00',
        kind: 'work',
        userAgent: 'Mozilla/5.0',
        deviceId: 'd-1',
        managedDevice: true,
        durationMinutes: 45,
        vpnProvider: 'Astrill',
      },
      { ip: '::1' },
    ],
    interview: {
      videoOn: true,
      cameraRefused: false,
      inPersonDone: false,
      livenessCheck: 'failed',
      inPersonRefused: true,
      notes: 'Camera froze.',
    },
    endpoint: { remoteAccessTools: ['AnyDesk'], ipKvmDetected: false, deviceCountry: 'KP' },
    referral: { referrerCaseId: '123e4567-e89b-12d3-a456-426614174000' },
    resumeText: 'Senior engineer.\n',
    requestedRate: { amount: 110, currency: 'usd', per: 'hour' },
  };
}

const seeds = [everyFieldApplicant, cleanApplicant, riskyApplicant, () => ({ person: { legalName: 'Ana Lima' } })];

// Values near each rule's edge, of the wrong type, or odd in other ways; fast-check adds arbitrary ones.
const oddValues: unknown[] = [
  ...[undefined, null, '', ' ', '  x  ', 'x'.repeat(201), 'x'.repeat(2001), ' '.repeat(300), '0', 'null'],
  ...[0, -0, -1, 0.5, 3, 1e9, 1e9 + 1, 525_601, Number.NaN, Infinity, true, false, [], {}, [null], [''], { a: 1 }],
  ...['US', 'us', ' de ', 'XX', 'KP', '2024-02-29', '2026-02-29', '2026-13', '2026', '2026-1-1', '19900402'],
  ...['2026-11-20T15:04:05Z', '2026-11-20T15:04:05', 'https://example.com/x', 'ftp://example.com', 'http://', 'x'],
  ...['a@b.co', ' A@B.CO ', 'not-an-email', '+1 512 555 0142', '555', '12', '+1 555', 'Europe/Berlin', 'Mars/Olympus'],
  ...['1.2.3.4', ' 1.2.3.4 ', '256.0.0.1', '123E4567-E89B-12D3-A456-426614174000', 'usd', 'US D', 'EUR ', 'GB82WEST'],
  ...['passport', 'hour', 'interview', 'crypto', 'forwarder', 'not_done', 'ko', 'EN', 'octocat', 'bad login!'],
  ...oddUnicode,
  new Date(0),
];

const value = fc.oneof(
  // A copy each time: one shared object set at two places could be mutated into a cycle.
  { weight: 6, arbitrary: fc.constantFrom(...oddValues).map((odd) => structuredClone(odd)) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.anything() },
);

type Mutation =
  | { kind: 'set' | 'delete' | 'inherit'; at: number; value: unknown }
  | { kind: 'add'; at: number; key: string; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), value: fc.constant(null) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('add' as const),
      at: fc.nat(),
      key: fc.constantFrom('extra', '__proto__', 'constructor', 'toString', '', 'Email', 'legalName', 'country'),
      value,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('inherit' as const), at: fc.nat(), value: fc.constant(null) }),
  },
);

const isContainer = (item: unknown): item is Record<string | number, unknown> =>
  typeof item === 'object' && item !== null;

/** The path of every value inside `root`, containers before their contents. */
function pathsIn(root: unknown, path: Path = [], found: Path[] = []): Path[] {
  if (!isContainer(root) || root instanceof Date) return found;
  for (const key of Object.keys(root)) {
    const child: Path = [...path, Array.isArray(root) ? Number(key) : key];
    found.push(child);
    pathsIn(root[key], child, found);
  }
  return found;
}

function containerAt(root: Record<string, unknown>, path: Path): Record<string | number, unknown> | undefined {
  let item: unknown = root;
  for (const key of path) item = isContainer(item) ? item[key] : undefined;
  return isContainer(item) ? item : undefined;
}

function mutate(root: Record<string, unknown>, change: Mutation): void {
  const paths = [[], ...pathsIn(root)];
  const path = paths[change.at % paths.length]!;
  if (change.kind === 'add' || change.kind === 'inherit') {
    const target = containerAt(root, path);
    if (!target || (change.kind === 'inherit' && Array.isArray(target))) return;
    // An own enumerable property even for __proto__, as JSON.parse makes it.
    if (change.kind === 'add')
      Object.defineProperty(target, change.key, {
        value: change.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else Object.setPrototypeOf(target, { extra: 1, legalName: 'Inherited Name' });
    return;
  }
  if (path.length === 0) return;
  const parent = containerAt(root, path.slice(0, -1));
  if (!parent) return;
  const key = path[path.length - 1]!;
  if (change.kind === 'delete') delete parent[key];
  else parent[key] = change.value;
}

/** Every value in `tree` with its path and kind, in iteration order: equal lists mean equal key order too. */
function flatten(tree: unknown, path = '', into: [string, string, unknown][] = []): [string, string, unknown][] {
  if (Array.isArray(tree)) {
    into.push([path, 'array', tree.length]);
    for (let index = 0; index < tree.length; index++) flatten(tree[index], `${path}/${index}`, into);
  } else if (isContainer(tree) && !(tree instanceof Date)) {
    into.push([path, 'object', Object.keys(tree).length]);
    for (const key of Object.keys(tree)) flatten(tree[key], `${path}/${key}`, into);
  } else {
    into.push([path, typeof tree, tree]);
  }
  return into;
}

/** The containers of `tree`: the parsed applicant must share none with its input, as the interpreter's does not. */
function containersOf(tree: unknown, into = new Set<unknown>()): Set<unknown> {
  if (isContainer(tree) && !(tree instanceof Date)) {
    into.add(tree);
    for (const key of Object.keys(tree)) containersOf(tree[key], into);
  }
  return into;
}

function expectSameAnswer(input: unknown): void {
  const expected = applicantSchema.safeParse(input, { reportInput: true });
  const actual = compiledApplicantSchema.safeParse(input, { reportInput: true });
  expect(actual.success).toBe(expected.success);
  if (actual.success && expected.success) {
    expect(flatten(actual.data)).toStrictEqual(flatten(expected.data));
    const inputs = containersOf(input);
    for (const container of containersOf(actual.data)) expect(inputs.has(container)).toBe(false);
  } else {
    // Flattened: an input with its own `constructor` key would fail Jest's type check against itself.
    expect(flatten(actual.error?.issues)).toStrictEqual(flatten(expected.error?.issues));
  }
}

describe('compiled applicant contract', () => {
  it('compiles the whole contract (a construct the compiler refuses would silently lose the fast path)', () => {
    expect(() => z.compile(applicantSchema, { strict: true })).not.toThrow();
  });

  it('accepts and normalises the seed applicants exactly as the interpreter does', () => {
    for (const seed of seeds) {
      expect(compiledApplicantSchema.safeParse(seed()).success).toBe(true);
      expectSameAnswer(seed());
    }
  });

  it('gives the same verdict, value and issues for mutated applicants', () => {
    const seedIndex = fc.nat({ max: seeds.length - 1 });
    fc.assert(
      fc.property(seedIndex, fc.array(mutation, { minLength: 1, maxLength: 4 }), (index, changes) => {
        const applicant = seeds[index]!();
        for (const change of changes) mutate(applicant, change);
        expectSameAnswer(applicant);
      }),
      fuzzOptions(1000),
    );
  });

  it('gives the same verdict and issues for inputs that are not applicants at all', () => {
    fc.assert(fc.property(fc.anything(), expectSameAnswer), fuzzOptions(300));
  });
});
