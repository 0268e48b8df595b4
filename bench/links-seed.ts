// Links bench data: a seeded plan of cases (mostly unique people, planted farms and one 50-case cluster), their
// identifier values, and the COPY loads of cases, screenings, case events and identifier fingerprints.
import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Fingerprinter } from '../src/links/fingerprint-keys';
import { normaliseEmail, type IdentifierValue } from '../src/links/normalise-identifiers';
import { defaultRuleSet, DEFAULT_RULE_SET_VERSION } from '../src/scoring/rule-set';

/** A fixed key, so that the bench can compute the fingerprints it planted (the app under load uses its own key). */
export const BENCH_LINK_KEY = crypto.createHash('sha256').update('hfrc bench links key').digest();
export const SEED_SOURCE = 'api';
export const CLUSTER_SIZE = 50;
const SEED_ACTOR = 'apikey:00000000-0000-4000-8000-00000000seed';
const CASES_PER_CHUNK = 2_000;
const TWO_YEARS_MS = 2 * 365 * 24 * 3_600_000;
const FIRST_CREATED_AT = Date.UTC(2024, 10, 1);

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
  'Kofi',
  'Anna',
  'Ravi',
  'Elena',
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
  'Silva',
  'Haddad',
  'Berg',
  'Tanaka',
];
const emailDomains = ['example.com', 'example.org', 'gmail.com', 'proton.me', 'outlook.com'];
const homes = [
  { city: 'austin', postal: '78701', country: 'us', area: '512' },
  { city: 'new york', postal: '10001', country: 'us', area: '212' },
  { city: 'london', postal: 'ec1a1bb', country: 'gb', area: '020' },
  { city: 'berlin', postal: '10115', country: 'de', area: '030' },
  { city: 'toronto', postal: 'm5h2n2', country: 'ca', area: '416' },
  { city: 'seattle', postal: '98101', country: 'us', area: '206' },
] as const;
const streets = ['main st', 'oak ave', 'pine rd', 'maple dr', 'cedar ln', 'park blvd'];

export interface Farm {
  /** Case indexes (consecutive: a farm's hires arrive together). */
  members: number[];
  /** The values every member shares (a shipping address, a payout account, or both). */
  shared: IdentifierValue[];
}

export interface SeedPlan {
  caseCount: number;
  farms: Farm[];
  /** Case indexes of the 50-case cluster (the last 50 cases). */
  cluster: number[];
  caseIds: string[];
  screeningIds: string[];
  fingerprinter: Fingerprinter;
  /** Farm number of each case, or -1. */
  farmOf: Int32Array;
}

// murmur3's finaliser over (n, salt): the same values for the same case on every run, reachable by index.
function mix(n: number, salt: number): number {
  let h = (n ^ Math.imul(salt + 1, 0x9e3779b9)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function pick<T>(items: readonly T[], n: number, salt: number): T {
  return items[mix(n, salt) % items.length]!;
}

/** About one farm per 500 cases (2,000 for a million), of 3 to 10 members each, spread over the case range. */
export function makePlan(caseCount: number): SeedPlan {
  const farmCount = Math.max(1, Math.floor(caseCount / 500));
  const stride = Math.floor((caseCount - CLUSTER_SIZE) / farmCount);
  const farmOf = new Int32Array(caseCount).fill(-1);
  const farms: Farm[] = [];
  for (let f = 0; f < farmCount; f++) {
    const size = 3 + (mix(f, 101) % 8);
    const members = Array.from({ length: size }, (_, k) => f * stride + k);
    for (const member of members) farmOf[member] = f;
    const shipping: IdentifierValue = { kind: 'shipping_address', value: `${f + 1} elm st|phoenix|85001|us` };
    const payout: IdentifierValue = {
      kind: 'payout_account',
      value: `acct:091000019:FARM${String(f).padStart(8, '0')}`,
    };
    farms.push({ members, shared: f % 5 === 4 ? [shipping, payout] : f % 2 === 0 ? [shipping] : [payout] });
  }
  const cluster = Array.from({ length: CLUSTER_SIZE }, (_, j) => caseCount - CLUSTER_SIZE + j);
  return {
    caseCount,
    farms,
    cluster,
    caseIds: Array.from({ length: caseCount }, () => crypto.randomUUID()),
    screeningIds: Array.from({ length: caseCount }, () => crypto.randomUUID()),
    fingerprinter: new Fingerprinter(BENCH_LINK_KEY),
    farmOf,
  };
}

function subjectName(i: number): string {
  return `${pick(givenNames, i, 1)} ${pick(familyNames, i, 2)}`;
}

function ownValues(i: number): IdentifierValue[] {
  const home = pick(homes, i, 3);
  const residential = `${i} ${pick(streets, i, 4)}|${home.city}|${home.postal}|${home.country}`;
  const values: IdentifierValue[] = [
    { kind: 'email', value: normaliseEmail(`${subjectName(i).replace(' ', '.')}${i}@${pick(emailDomains, i, 5)}`) },
    { kind: 'phone', value: `+1${home.area}${String(i % 10_000_000).padStart(7, '0')}` },
    { kind: 'residential_address', value: residential },
  ];
  const shipping = mix(i, 6) % 10;
  if (shipping < 7) values.push({ kind: 'shipping_address', value: residential });
  else if (shipping < 9) values.push({ kind: 'shipping_address', value: `${i} harbour rd|dover|19901|us` });
  const payout = mix(i, 7) % 20;
  if (payout < 17)
    values.push({
      kind: 'payout_account',
      value: `acct:${String(mix(i, 8) % 1e9).padStart(9, '0')}:${String(i).padStart(12, '0')}`,
    });
  else if (payout === 17) values.push({ kind: 'payout_account', value: `iban:DE89${String(i).padStart(18, '0')}` });
  else if (payout === 18) values.push({ kind: 'wallet', value: `0x${i.toString(16).padStart(40, '0')}` });
  values.push({ kind: 'ip', value: `73.${(i >>> 16) & 255}.${(i >>> 8) & 255}.${i & 255}` });
  if (mix(i, 9) % 2 === 0) values.push({ kind: 'ip', value: `98.${(i >>> 16) & 255}.${(i >>> 8) & 255}.${i & 255}` });
  values.push({ kind: 'device', value: `dev-${i.toString(36)}-${mix(i, 10).toString(16)}` });
  // Three of a resume's 16 LSH bands (a real resume gives all 16; the bench keeps the table at ~10 rows a case).
  for (let band = 0; band < 3; band++)
    values.push({
      kind: 'resume_band',
      value: `${band}:${mix(i, 20 + band)}.${mix(i, 30 + band)}.${mix(i, 40 + band)}.${mix(i, 50 + band)}`,
    });
  return values;
}

/**
 * The 50-case cluster: 5 groups of 10 share a shipping address each; the first of each group shares one wallet
 * (the hub); pairs share a home IP; two per group share a device; all 50 sent one resume template.
 */
function clusterValues(j: number, own: IdentifierValue[]): IdentifierValue[] {
  const group = Math.floor(j / 10);
  const replaced = new Set(['shipping_address', 'payout_account', 'wallet', 'resume_band']);
  const values = own.filter((value) => !replaced.has(value.kind));
  values.push({ kind: 'shipping_address', value: `${1000 + group} cedar ave|tucson|85701|us` });
  if (j % 10 === 0) values.push({ kind: 'wallet', value: '0x00000000000000000000000000000000000c1a57' });
  values.push({ kind: 'ip', value: `45.77.${j >> 1}.9` });
  if (j % 10 === 3 || j % 10 === 4) values.push({ kind: 'device', value: `dev-cluster-${group}` });
  for (let band = 0; band < 3; band++) values.push({ kind: 'resume_band', value: `${band}:template.${band}.cluster` });
  return values;
}

/** The identifier values of case `i` as a screening would have collected them (normalised, before hashing). */
export function valuesOfCase(plan: SeedPlan, i: number): IdentifierValue[] {
  const own = ownValues(i);
  if (i >= plan.caseCount - CLUSTER_SIZE) return clusterValues(i - (plan.caseCount - CLUSTER_SIZE), own);
  const farm = plan.farmOf[i]!;
  if (farm < 0) return own;
  const shared = plan.farms[farm]!.shared;
  const sharedKinds = new Set(shared.map((value) => value.kind));
  // A farm paid through one account has no wallets of its own.
  return [
    ...own.filter(
      (value) => !sharedKinds.has(value.kind) && !(value.kind === 'wallet' && sharedKinds.has('payout_account')),
    ),
    ...shared,
  ];
}

function scoreOf(plan: SeedPlan, i: number): number {
  if (plan.farmOf[i]! >= 0 || i >= plan.caseCount - CLUSTER_SIZE) return 55 + (mix(i, 60) % 45);
  const roll = mix(i, 61) % 100;
  return roll < 80 ? mix(i, 62) % 20 : roll < 95 ? 20 + (mix(i, 62) % 25) : 45 + (mix(i, 62) % 55);
}

function bandOf(score: number): string {
  const { medium, high, critical } = defaultRuleSet.thresholds;
  return score >= critical ? 'critical' : score >= high ? 'high' : score >= medium ? 'medium' : 'low';
}

function createdAt(plan: SeedPlan, i: number): string {
  return new Date(FIRST_CREATED_AT + Math.floor((i * TWO_YEARS_MS) / plan.caseCount)).toISOString();
}

const findingsByBand: Record<string, string> = {
  low: '[]',
  medium:
    '[{"indicator":"net_vpn_or_hosting","family":"location","severity":"medium","points":20,"message":"2 session(s) came from a VPN or hosting network"}]',
  high: '[{"indicator":"link_shared_shipping_address","family":"links","severity":"high","points":30,"message":"shares a shipping address with 4 other case(s)"},{"indicator":"pay_crypto","family":"payment","severity":"medium","points":20,"message":"asks to be paid in cryptocurrency"}]',
  critical:
    '[{"indicator":"link_shared_payout_account","family":"links","severity":"high","points":40,"message":"shares a payout account with 5 other case(s)"},{"indicator":"net_geo_cn_ru_la_kp","family":"location","severity":"high","points":30,"message":"1 session(s) came from CN while the applicant claims to be in US"}]',
};

function snapshotOf(i: number): string {
  const home = pick(homes, i, 3);
  return `{"person":{"legalName":"${subjectName(i)}","email":"***@${pick(emailDomains, i, 5)}"},"claimedLocation":{"country":"${home.country.toUpperCase()}","city":"${home.city}"},"payment":{"method":"bank_transfer","accountNumber":"****${String(i % 10_000).padStart(4, '0')}"}}`;
}

export interface TableLoad {
  table: string;
  rows: number;
  ms: number;
}

/** One COPY FROM STDIN fed by `chunks` (text format; the bench writes no tab, newline or backslash but those it means). */
async function copyInto(
  client: pg.PoolClient | pg.Client,
  table: string,
  columns: string,
  chunks: () => Generator<string>,
): Promise<TableLoad> {
  const started = performance.now();
  const stream = client.query(copyFrom(`COPY ${table} (${columns}) FROM STDIN`));
  await pipeline(Readable.from(chunks()), stream);
  return { table, rows: Number(stream.rowCount), ms: performance.now() - started };
}

function* caseChunks(plan: SeedPlan, line: (i: number) => string): Generator<string> {
  for (let start = 0; start < plan.caseCount; start += CASES_PER_CHUNK) {
    const lines: string[] = [];
    for (let i = start; i < Math.min(plan.caseCount, start + CASES_PER_CHUNK); i++) lines.push(line(i));
    yield lines.join('');
  }
}

/** COPYs every table of the plan, one after another; returns rows and time per table. */
export async function loadTables(client: pg.Client, plan: SeedPlan): Promise<TableLoad[]> {
  const keyId = plan.fingerprinter.keyId;
  const loads: TableLoad[] = [];
  loads.push(
    await copyInto(
      client,
      'cases',
      'id, source, external_id, subject_name, score, band, rule_set_version, status, created_by, created_at, updated_at',
      () =>
        caseChunks(plan, (i) => {
          const score = scoreOf(plan, i);
          const at = createdAt(plan, i);
          return `${plan.caseIds[i]}\t${SEED_SOURCE}\tseed-${i}\t${subjectName(i)}\t${score}\t${bandOf(score)}\t${DEFAULT_RULE_SET_VERSION}\topen\t${SEED_ACTOR}\t${at}\t${at}\n`;
        }),
    ),
  );
  loads.push(
    await copyInto(
      client,
      'screenings',
      'id, case_id, score, band, rule_set_version, findings, input_snapshot, requested_by, created_at',
      () =>
        caseChunks(plan, (i) => {
          const score = scoreOf(plan, i);
          const band = bandOf(score);
          return `${plan.screeningIds[i]}\t${plan.caseIds[i]}\t${score}\t${band}\t${DEFAULT_RULE_SET_VERSION}\t${findingsByBand[band]}\t${snapshotOf(i)}\t${SEED_ACTOR}\t${createdAt(plan, i)}\n`;
        }),
    ),
  );
  loads.push(
    await copyInto(client, 'case_events', 'id, case_id, actor, action, data, created_at', () =>
      caseChunks(plan, (i) => {
        const score = scoreOf(plan, i);
        return `${i + 1}\t${plan.caseIds[i]}\t${SEED_ACTOR}\tcase.created\t{"after":{"score":${score},"band":"${bandOf(score)}","ruleSetVersion":"${DEFAULT_RULE_SET_VERSION}"}}\t${createdAt(plan, i)}\n`;
      }),
    ),
  );
  loads.push(
    await copyInto(client, 'identifiers', 'case_id, screening_id, kind, hash, key_id, created_at', () =>
      caseChunks(plan, (i) => {
        const prefix = `${plan.caseIds[i]}\t${plan.screeningIds[i]}\t`;
        const suffix = `\t${keyId}\t${createdAt(plan, i)}\n`;
        let lines = '';
        for (const value of valuesOfCase(plan, i)) {
          lines += `${prefix}${value.kind}\t\\\\x${plan.fingerprinter.fingerprint(value).hash.toString('hex')}${suffix}`;
        }
        return lines;
      }),
    ),
  );
  // The explicit ids above bypassed the sequences: move them past the loaded rows, as if the app had written them.
  await client.query(`SELECT setval(pg_get_serial_sequence('case_events', 'id'), $1)`, [plan.caseCount]);
  return loads;
}

export interface SavedSchema {
  primaryKeys: { table: string; name: string; definition: string }[];
  indexes: { table: string; name: string; definition: string }[];
  foreignKeys: { table: string; name: string; definition: string }[];
}

export interface RebuildStep {
  table: string;
  name: string;
  what: 'primary key' | 'index' | 'foreign key';
  ms: number;
}

/** Drops the foreign keys, indexes and primary keys of `tables` (and foreign keys pointing at them); returns how to rebuild them. */
export async function dropIndexes(client: pg.Client, tables: string[]): Promise<SavedSchema> {
  const constraints = await client.query<{ table: string; name: string; type: string; definition: string }>(
    `SELECT conrelid::regclass::text AS table, conname AS name, contype AS type, pg_get_constraintdef(oid) AS definition
     FROM pg_constraint
     WHERE (contype IN ('p', 'f') AND conrelid = ANY($1::regclass[])) OR (contype = 'f' AND confrelid = ANY($1::regclass[]))
     ORDER BY 1, 2`,
    [tables],
  );
  const indexes = await client.query<{ table: string; name: string; definition: string }>(
    `SELECT i.indrelid::regclass::text AS table, i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
     FROM pg_index i
     WHERE i.indrelid = ANY($1::regclass[]) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x'))
     ORDER BY 1, 2`,
    [tables],
  );
  const saved: SavedSchema = {
    primaryKeys: constraints.rows
      .filter((row) => row.type === 'p')
      .map(({ table, name, definition }) => ({ table, name, definition })),
    indexes: indexes.rows,
    foreignKeys: constraints.rows
      .filter((row) => row.type === 'f')
      .map(({ table, name, definition }) => ({ table, name, definition })),
  };
  for (const fk of saved.foreignKeys) await client.query(`ALTER TABLE ${fk.table} DROP CONSTRAINT "${fk.name}"`);
  for (const index of saved.indexes) await client.query(`DROP INDEX ${index.name}`);
  for (const pk of saved.primaryKeys) await client.query(`ALTER TABLE ${pk.table} DROP CONSTRAINT "${pk.name}"`);
  return saved;
}

/** Rebuilds what dropIndexes dropped (primary keys, then indexes, then foreign keys, validated), timing each. */
export async function rebuildIndexes(client: pg.Client, saved: SavedSchema): Promise<RebuildStep[]> {
  const steps: RebuildStep[] = [];
  const timed = async (table: string, name: string, what: RebuildStep['what'], sql: string) => {
    const started = performance.now();
    await client.query(sql);
    steps.push({ table, name, what, ms: performance.now() - started });
  };
  for (const pk of saved.primaryKeys)
    await timed(
      pk.table,
      pk.name,
      'primary key',
      `ALTER TABLE ${pk.table} ADD CONSTRAINT "${pk.name}" ${pk.definition}`,
    );
  for (const index of saved.indexes) await timed(index.table, index.name, 'index', index.definition);
  for (const fk of saved.foreignKeys)
    await timed(
      fk.table,
      fk.name,
      'foreign key',
      `ALTER TABLE ${fk.table} ADD CONSTRAINT "${fk.name}" ${fk.definition}`,
    );
  return steps;
}
