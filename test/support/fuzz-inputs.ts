// Hostile inputs for the property-based fuzz tests (fast-check): odd unicode, injection strings, prototype-pollution
// keys, broken and deep JSON, and the check that a rejection is a 4xx whose JSON error names the problem.
import fc from 'fast-check';
import { httpStatusByCode } from '../../src/errors';
import { cleanApplicant } from './applicants';

/** Fixed unless FUZZ_SEED is set, so a run is repeatable; fast-check prints the seed and path of any failure. */
export const FUZZ_SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20_261_123;
// FUZZ_SCALE=10 runs ten times as many cases (a longer hunt than `npm test` affords).
const FUZZ_SCALE = process.env.FUZZ_SCALE ? Math.max(0.1, Number(process.env.FUZZ_SCALE)) : 1;

export function fuzzOptions(numRuns: number): fc.Parameters<unknown> {
  return { seed: FUZZ_SEED, numRuns: Math.max(1, Math.round(numRuns * FUZZ_SCALE)), endOnFailure: true };
}

export const oddUnicode = [
  '\uD800', // lone high surrogate
  'a\uDC00b', // lone low surrogate
  '\u202Eevil\u202C', // right-to-left override
  '\u200F\u05E9\u05DC\u05D5\u05DD', // RTL mark + Hebrew
  '\u0000',
  'x\u0000y',
  '😀👩‍👩‍👧‍👦🏳️‍🌈',
  'e\u0301\u0301\u0301\u0301', // stacked combining marks
  'Z\u0364\u0351\u0313\u0310\u0346',
  '\uFEFFbom',
  '\u2028\u2029',
  '\uFFFE\uFFFF',
  '\u{10FFFF}',
  '\t\r\n\v\f',
  '\u001b[31mred\u001b[0m',
  'İıſK', // case-folding oddities
  '\u00A0\u2000\u3000', // unusual spaces
  '＜script＞', // full-width brackets
];

export const injectionStrings = [
  "' OR 1=1 --",
  "'; DROP TABLE cases; --",
  '" OR ""="',
  '1; SELECT pg_sleep(10)--',
  "') ON CONFLICT DO NOTHING; --",
  '$1',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '</textarea><svg onload=alert(1)>',
  '{{7*7}}',
  '${7*7}',
  '#{7*7}',
  '<%= 7*7 %>',
  '../../../../etc/passwd',
  '..%2f..%2f..%2fetc%2fpasswd',
  '..\\..\\windows\\win.ini',
  '/dev/zero',
  '%00',
  '%s%s%s%n',
  '=HYPERLINK("http://x")',
  '{"$gt":""}',
  'javascript:alert(1)',
  '\\',
  '\\u0000',
];

export const pollutionKeys = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '__defineGetter__',
];

/** Field names of the applicant contract (and some near misses), so random objects often hit real fields. */
export const applicantKeys = [
  'source',
  'externalId',
  'person',
  'legalName',
  'email',
  'phone',
  'dateOfBirth',
  'otherNames',
  'claimedLocation',
  'country',
  'city',
  'residentialAddress',
  'line1',
  'shipping',
  'address',
  'payment',
  'method',
  'accountNumber',
  'wallet',
  'sessions',
  'ip',
  'at',
  'kind',
  'employment',
  'education',
  'interview',
  'position',
  'referral',
  'status',
  'assignee',
  'reason',
  'text',
  'limit',
  'cursor',
  'band',
];

/** Strings people and attackers send: ordinary, odd unicode, injections, and their mixtures. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 3, arbitrary: fc.constantFrom(...oddUnicode, ...injectionStrings, ...pollutionKeys) },
  {
    weight: 2,
    arbitrary: fc
      .array(fc.constantFrom(...oddUnicode, ...injectionStrings, 'Jane', ' ', '@', '.'), { minLength: 1, maxLength: 6 })
      .map((parts) => parts.join('')),
  },
  { weight: 1, arbitrary: fc.integer({ min: 190, max: 6000 }).map((n) => 'A'.repeat(n)) },
);

const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(-1, 0, -0, 1e308, -1e308, 5e-324, 2 ** 53 + 1, 1e21),
);

const jsonKey: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...applicantKeys) },
  { weight: 2, arbitrary: fc.constantFrom(...pollutionKeys) },
  { weight: 2, arbitrary: hostileString },
);

/** JSON text of a random value (built as text, so keys like "__proto__" appear as sent and never touch a prototype). */
export const jsonText: fc.Arbitrary<string> = fc.letrec<{ value: string; object: string; array: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant('null'),
    fc.boolean().map(String),
    hostileNumber.map((n) => JSON.stringify(n)),
    hostileString.map((s) => JSON.stringify(s)),
    tie('object'),
    tie('array'),
  ),
  object: fc
    .array(fc.tuple(jsonKey, tie('value')), { maxLength: 6 })
    .map((entries) => `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(',')}}`),
  array: fc.array(tie('value'), { maxLength: 6 }).map((items) => `[${items.join(',')}]`),
})).value;

/** JSON that does not parse, or barely: truncations, comments, single quotes, NaN, trailing garbage. */
export const brokenJsonText: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(jsonText, fc.nat())
    .map(([text, cut]) => text.slice(0, text.length > 1 ? (cut % (text.length - 1)) + 1 : 0) || '{'),
  fc.constantFrom(
    "{'a': 1}",
    '{"a": NaN}',
    '{"a": Infinity}',
    '{"a": 1,}',
    '[1,]',
    '{"a": 1} // c',
    '/* c */ {}',
    '{"a":"\\x41"}',
    '{"a":"\\ud800"}',
    '{"a" 1}',
    'nul',
    'tru',
    '{"a":01}',
    '"\u0000"',
    '\uFEFF{}',
    '{}{}',
    '',
  ),
  fc.tuple(jsonText, hostileString).map(([text, garbage]) => `${text}${garbage}`),
);

/** `depth` nested arrays or objects, e.g. [[[[...]]]]: over MAX_JSON_DEPTH it must be refused before parsing. */
export const deepJsonText: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 20, max: 50_000 }), fc.boolean())
  .map(([depth, isArray]) =>
    isArray ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
  );

/** Bytes that are not UTF-8 at all, or UTF-8 broken in the middle of a character. */
export const invalidUtf8Bytes: fc.Arbitrary<Buffer> = fc.oneof(
  fc.uint8Array({ minLength: 1, maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
  fc.constantFrom(
    Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]),
    Buffer.from([0x7b, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x3a, 0x31, 0x7d]),
    Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]),
  ),
);

type Path = (string | number)[];

function setAt(target: Record<string, any>, path: Path, value: unknown): void {
  let node: any = target;
  for (const step of path.slice(0, -1)) node = node[step];
  node[path[path.length - 1]!] = value;
}

// The leaves of an ordinary applicant: the places a mutation lands.
function leafPaths(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((item, index) => [index, item])
    : Object.entries(value);
  return [prefix, ...entries.flatMap(([key, item]) => leafPaths(item, [...prefix, key]))].filter(
    (path) => path.length > 0,
  );
}

/** A value of any JSON type, hostile where it is a string. */
export const hostileJsonValue: fc.Arbitrary<unknown> = jsonText.map((text) => JSON.parse(text) as unknown);

/**
 * JSON text of `make()` (a fresh copy each time) with one to three values replaced by hostile values of any type,
 * sometimes with a prototype-pollution key spliced into an object after one of `anchors`.
 */
export function mutatedJsonText(make: () => Record<string, any>, anchors: string[] = ['{']): fc.Arbitrary<string> {
  const paths = leafPaths(make());
  return fc
    .tuple(
      fc.array(
        fc.tuple(
          fc.constantFrom(...paths),
          fc.oneof({ weight: 3, arbitrary: hostileString }, { weight: 2, arbitrary: hostileJsonValue }),
        ),
        { minLength: 1, maxLength: 3 },
      ),
      fc.option(fc.tuple(fc.constantFrom(...pollutionKeys), jsonText, fc.constantFrom(...anchors)), { freq: 3 }),
    )
    .map(([mutations, pollution]) => mutate(make(), mutations, pollution));
}

/**
 * An ordinary applicant (unique ids, so it never links to others) with one to three fields replaced by hostile values
 * of any type, sometimes with a prototype-pollution key spliced into an object: as JSON text.
 */
export const mutatedApplicantText: fc.Arbitrary<string> = mutatedJsonText(
  () => cleanApplicant(),
  ['{', '"person":{', '"payment":{', '"claimedLocation":{'],
);

function mutate(
  value: Record<string, any>,
  mutations: [Path, unknown][],
  pollution: [string, string, string] | null,
): string {
  for (const [path, replacement] of mutations) {
    try {
      setAt(value, path, replacement);
    } catch {
      // An earlier mutation replaced a parent with a primitive: this one has nowhere to land.
    }
  }
  let text = JSON.stringify(value);
  if (pollution) {
    const [key, spliced, anchor] = pollution;
    const at = text.indexOf(anchor);
    if (at >= 0)
      text = `${text.slice(0, at + anchor.length)}${JSON.stringify(key)}:${spliced},${text.slice(at + anchor.length)}`;
  }
  return text;
}

/** A value for a URL: random text percent-encoded byte by byte (lone surrogates become U+FFFD), or raw broken escapes. */
export const urlPiece: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 4,
    arbitrary: hostileString
      .filter((text) => text.length <= 300)
      .map((text) => [...Buffer.from(text, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('')),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('%', '%E0%A4%A', '%zz', '%C0%AF', '%2e%2e%2f', '..', '%00', '%FF%FE', '%ED%A0%80'),
  },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9._~-]{0,40}$/) },
);

export interface FuzzAnswer {
  status: number;
  body: any;
  text: string;
  headers: Headers;
}

/** Sends exactly these bytes (fetch would re-encode a string), with the given headers. */
export async function sendRaw(
  baseUrl: string,
  method: string,
  path: string,
  body: string | Buffer | undefined,
  headers: Record<string, string> = {},
): Promise<FuzzAnswer> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
    redirect: 'manual',
  });
  const text = await response.text();
  return { status: response.status, body: parseOrNull(text), text, headers: response.headers };
}

function parseOrNull(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : null;
  } catch {
    return null;
  }
}

const knownCodes = new Set(Object.keys(httpStatusByCode));

/**
 * No 5xx; a 4xx carries a JSON error with a known code whose status matches, and a message; a validation error names
 * each wrong field by its path. Throws with the answer in the message (fast-check then shrinks and prints the seed).
 */
export function expectClearAnswer(answer: FuzzAnswer, what: string): void {
  const fail = (problem: string) => {
    throw new Error(`${what}: ${problem}; got ${answer.status} ${answer.text.slice(0, 500)}`);
  };
  if (answer.status >= 500) fail('a 5xx');
  if (answer.status < 400) return;
  const error = answer.body?.error;
  if (!error || typeof error.code !== 'string' || !knownCodes.has(error.code)) fail('a 4xx without a JSON error code');
  if (httpStatusByCode[error.code as keyof typeof httpStatusByCode] !== answer.status)
    fail(`status does not match error code ${error.code}`);
  if (typeof error.message !== 'string' || error.message.length === 0) fail('an error without a message');
  if (error.code === 'validation_failed') {
    if (!Array.isArray(error.fields) || error.fields.length === 0) fail('a validation error naming no field');
    for (const field of error.fields) {
      if (
        typeof field?.path !== 'string' ||
        field.path.length === 0 ||
        typeof field.message !== 'string' ||
        field.message.length === 0
      )
        fail('a field problem without path or message');
    }
  }
}
