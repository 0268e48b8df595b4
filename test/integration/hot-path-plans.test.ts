// The screening's two statements probe cases and finding_dispositions row by row, whatever the tables' size: the
// planner guesses 100 rows for a batch's JSON input, and as plain joins it chose to read those tables whole (hash
// joins) in every batch below some 25,000 cases. Checked on the generic plan that a named statement settles on; so
// are the other statements that take a batch or one key and once read a whole table for it.
import crypto from 'node:crypto';
import pg from 'pg';
import { CASE_IDS_DUE } from '../../src/cases/erasure-store';
import { logPage, type LogQuery, type LogTable } from '../../src/db/keyset-page';
import { WRITE_SCREENINGS } from '../../src/cases/screening-store';
import { TAKE_EXISTING } from '../../src/http/rate-limit-store';
import { FARM_GROUP } from '../../src/links/farm-store';
import { LINKS_AND_DISPOSITIONS } from '../../src/links/link-lookup-store';
import { CLUSTER_KINDS } from '../../src/links/link-store';
import { NOTIFICATION_LOG } from '../../src/notifications/notification-store';
import { CASES_TO_RESCREEN } from '../../src/sanctions/rescreen-store';
import { DELIVERY_LOG } from '../../src/webhooks/delivery-store';
import { cloneDatabase, dropDatabase, uniqueDatabaseName } from '../support/test-database';
import { testPool } from '../support/test-pool';

const name = uniqueDatabaseName('hotplans');
let pool: pg.Pool;
const CASES = 2_000;
const DELIVERIES = 4_000;

beforeAll(async () => {
  const url = await cloneDatabase(process.env.TEST_SERVER_URL!, process.env.TEST_TEMPLATE_DATABASE!, name);
  pool = testPool(url, 2);
  // A young installation: a few thousand cases, each with identifiers and a reviewer's disposition.
  await pool.query(
    `INSERT INTO cases (id, source, external_id, subject_name, score, band, rule_set_version, created_by)
     SELECT gen_random_uuid(), 'api', 'ext-' || g, 'Applicant ' || g, 10, 'low', 'test', 'test' FROM generate_series(1, $1) g`,
    [CASES],
  );
  await pool.query(`ALTER TABLE identifiers DISABLE TRIGGER USER`);
  await pool.query(
    `INSERT INTO identifiers (case_id, screening_id, kind, hash, key_id)
     SELECT id, gen_random_uuid(), 'email', decode(md5(id::text), 'hex'), 'k' FROM cases`,
  );
  await pool.query(`ALTER TABLE identifiers ENABLE TRIGGER USER`);
  await pool.query(
    `INSERT INTO finding_dispositions (case_id, indicator, subject, disposition, reason, actor)
     SELECT id, 'ip.vpn', 's', 'false_positive', 'checked', 'reviewer' FROM cases`,
  );
  // A quarter of the values recorded as shared, as a farm's would be.
  await pool.query(
    `INSERT INTO shared_identifiers (kind, hash) SELECT kind, hash FROM identifiers WHERE get_byte(hash, 0) < 64`,
  );
  // The rate-limit buckets of a few thousand clients.
  await pool.query(
    `INSERT INTO rate_limit_buckets (key, capacity, tokens, requested, granted, updated_at)
     SELECT 'ip:' || g, 60, 60, 1, 1, now() FROM generate_series(1, $1) g`,
    [CASES],
  );
  // Delivery logs of a few thousand deliveries each (never deleted): a busy owner, and a quieter one with a tenth.
  await pool.query(
    `INSERT INTO webhook_sources (id, vendor, name, secret_ciphertext) VALUES
       (gen_random_uuid(), 'generic', 'busy-ats', '\\x00'), (gen_random_uuid(), 'generic', 'quiet-ats', '\\x00')`,
  );
  await pool.query(
    `INSERT INTO webhook_deliveries (id, source_id, delivery_id, event, body_sha256, status, received_at)
     SELECT gen_random_uuid(), (SELECT id FROM webhook_sources WHERE name = CASE WHEN g % 10 = 0 THEN 'quiet-ats' ELSE 'busy-ats' END),
            'd-' || g, 'application.created', '\\x00', CASE WHEN g % 50 = 1 OR g % 100 = 30 THEN 'dead' ELSE 'processed' END::"WebhookDeliveryStatus",
            now() - make_interval(secs => g)
     FROM generate_series(1, $1) g`,
    [DELIVERIES],
  );
  await pool.query(
    `INSERT INTO notification_endpoints (id, name, kind, url, secret_ciphertext) VALUES
       (gen_random_uuid(), 'busy-endpoint', 'webhook', 'https://busy.example', '\\x00'),
       (gen_random_uuid(), 'quiet-endpoint', 'webhook', 'https://quiet.example', '\\x00')`,
  );
  await pool.query(
    `INSERT INTO notification_deliveries (endpoint_id, event_type, event_key, payload, status, created_at)
     SELECT (SELECT id FROM notification_endpoints WHERE name = CASE WHEN g % 10 = 0 THEN 'quiet-endpoint' ELSE 'busy-endpoint' END),
            'case.band_raised', 'k-' || g, '{}', CASE WHEN g % 50 = 1 OR g % 100 = 30 THEN 'dead' ELSE 'sent' END::"NotificationDeliveryStatus",
            now() - make_interval(secs => g)
     FROM generate_series(1, $1) g`,
    [DELIVERIES],
  );
  await pool.query('ANALYZE');
});
afterAll(async () => {
  await pool.end();
  await dropDatabase(process.env.TEST_SERVER_URL!, name);
});

// The generic plan of a statement, as EXPLAIN prints it (nothing is executed).
async function genericPlan(text: string, types: string[], args: (string | null)[]): Promise<string> {
  const client = await pool.connect();
  try {
    await client.query('SET plan_cache_mode = force_generic_plan');
    await client.query(`PREPARE hot(${types.join(', ')}) AS ${text}`);
    // EXPLAIN EXECUTE takes no bind parameters: the arguments go in as quoted literals.
    const literals = args.map((arg) => (arg === null ? 'NULL' : client.escapeLiteral(arg))).join(', ');
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN EXECUTE hot(${literals})`);
    return rows.map((row) => row['QUERY PLAN']).join('\n');
  } finally {
    await client.query('DEALLOCATE ALL');
    await client.query('RESET plan_cache_mode');
    client.release();
  }
}

describe('the screening statements on a table of a few thousand cases', () => {
  it('the write locks an existing case through its key, without reading every case', async () => {
    const plan = await genericPlan(WRITE_SCREENINGS, ['jsonb', 'text'], ['[]', 'k']);
    expect(plan).toContain('cases_source_external_id_key');
    expect(plan).not.toMatch(/Seq Scan on cases/);
  });

  it('the link lookup reads linked cases and dispositions through their keys, without reading either table whole', async () => {
    const plan = await genericPlan(LINKS_AND_DISPOSITIONS, ['jsonb'], ['[]']);
    expect(plan).toContain('finding_dispositions_case_id_id_idx');
    expect(plan).toMatch(/Index Scan using cases_pkey on cases/);
    expect(plan).not.toMatch(/Seq Scan on (cases|finding_dispositions|identifiers)\b/);
  });

  it('the rewritten statements still answer: a batch finds its own case and its dispositions', async () => {
    const { rows } = await pool.query<{ row_type: string; indicator: string | null }>(LINKS_AND_DISPOSITIONS, [
      JSON.stringify([
        { ord: 0, exclude_case_id: null, source: 'api', external_id: 'ext-7', own_names: [], kinds: [], hashes: [] },
        {
          ord: 1,
          exclude_case_id: crypto.randomUUID(),
          source: 'api',
          external_id: null,
          own_names: [],
          kinds: [],
          hashes: [],
        },
      ]),
    ]);
    expect(rows).toEqual([expect.objectContaining({ row_type: 'disposition', ord: 0, indicator: 'ip.vpn' })]);
  });
});

const NO_CASE = '00000000-0000-0000-0000-000000000000';

describe('the keyset walks over every case, a batch at a time', () => {
  it('the sanctions re-screen reads its next batch off the primary key, without sorting every case', async () => {
    const plan = await genericPlan(CASES_TO_RESCREEN, ['uuid', 'int'], [NO_CASE, '200']);
    expect(plan).toContain('Index Scan using cases_pkey on cases');
    expect(plan).not.toMatch(/Seq Scan on cases|Sort/);
  });

  it('the retention purge reads its next batch off the primary key, without sorting every case', async () => {
    const plan = await genericPlan(
      CASE_IDS_DUE,
      ['text[]', 'timestamptz', 'uuid', 'int'],
      ['{cleared}', new Date().toISOString(), NO_CASE, '100'],
    );
    expect(plan).toContain('Index Scan using cases_pkey on cases');
    expect(plan).not.toMatch(/Seq Scan on cases|Sort/);
  });

  it('the walks still answer in id order, from after the cursor', async () => {
    const { rows: all } = await pool.query<{ id: string }>(`SELECT id::text AS id FROM cases ORDER BY id`);
    const ids = (rows: { id: string }[]) => rows.map((row) => row.id);
    const cursor = all[9]!.id;
    expect(ids((await pool.query<{ id: string }>(CASES_TO_RESCREEN, [cursor, 5])).rows)).toEqual(
      ids(all.slice(10, 15)),
    );
    const due = await pool.query<{ id: string }>(CASE_IDS_DUE, [['open'], new Date(Date.now() + 60_000), cursor, 5]);
    expect(ids(due.rows)).toEqual(ids(all.slice(10, 15)));
  });
});

describe('the farm view of one shared value', () => {
  it('finds the value through its (kind, hash) key, without reading every shared value', async () => {
    const plan = await genericPlan(
      FARM_GROUP,
      ['text', 'bytea', 'bytea', 'text[]'],
      ['email', '\\x00', null, `{${CLUSTER_KINDS.join(',')}}`],
    );
    expect(plan).toContain('shared_identifiers_pkey');
    expect(plan).not.toMatch(/Seq Scan on (shared_identifiers|identifiers|cases)\b/);
  });

  it('still answers: a value two cases hold, by its value id; nothing for a kind that does not exist', async () => {
    const hash = crypto.randomBytes(32);
    // The identifiers' trigger records the value as shared.
    await pool.query(
      `INSERT INTO identifiers (case_id, screening_id, kind, hash, key_id)
       SELECT id, gen_random_uuid(), 'phone', $1, 'k' FROM (SELECT id FROM cases ORDER BY id LIMIT 2) two`,
      [hash],
    );
    const low = hash.subarray(0, 6);
    const { rows } = await pool.query(FARM_GROUP, ['phone', low, null, CLUSTER_KINDS]);
    expect(rows).toEqual([expect.objectContaining({ kind: 'phone', hash, members: 2 })]);
    expect((await pool.query(FARM_GROUP, ['telegraph', low, null, CLUSTER_KINDS])).rows).toEqual([]);
  });
});

describe('the shared rate limit, with a few thousand clients', () => {
  it('takes from existing buckets through the primary key, without reading every bucket', async () => {
    const plan = await genericPlan(TAKE_EXISTING, ['text[]', 'float8[]', 'int[]'], ['{ip:1,ip:2}', '{60,60}', '{1,1}']);
    expect(plan).toContain('rate_limit_buckets_pkey');
    expect(plan).not.toMatch(/Seq Scan on rate_limit_buckets/);
  });
});

// logPage's statements as it sends them (owner lookup, then the page), answered by the test database.
async function logStatements(log: LogTable, query: LogQuery) {
  const sent: { text: string; values: unknown[] }[] = [];
  const page = await logPage(
    {
      query<R>(text: string, values: unknown[]) {
        sent.push({ text, values });
        return pool.query(text, values) as unknown as Promise<{ rows: R[] }>;
      },
    },
    log,
    query,
  );
  return { sent, page };
}

// The page's statement: its parameter types and its arguments as genericPlan takes them (lists as array literals).
async function pageStatement(log: LogTable, query: LogQuery) {
  const { sent } = await logStatements(log, query);
  const { text, values } = sent.at(-1)!;
  const types = [
    ...(query.ownerName ? ['uuid'] : []),
    ...(query.statuses?.length ? [query.statuses.length === 1 ? log.statusType : `${log.statusType}[]`] : []),
    ...(query.cursor ? ['uuid'] : []),
    'int',
  ];
  const args = values.map((value) => (Array.isArray(value) ? `{${value.join(',')}}` : String(value)));
  return { text, values, types, args };
}

// The plan of a page's statement as logPage runs it: unnamed, so PostgreSQL plans it with its values.
async function planWithValues(log: LogTable, query: LogQuery): Promise<string> {
  const { text, values } = await pageStatement(log, query);
  const { rows } = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${text}`, values);
  return rows.map((row) => row['QUERY PLAN']).join('\n');
}

// A plain Sort node (an Incremental Sort only orders rows of equal time, within the page).
const FULL_SORT = /^\s*(->\s+)?Sort(\s+\(|$)/m;

describe.each([
  {
    log: DELIVERY_LOG,
    index: 'webhook_deliveries_received_at_id_idx',
    owned: 'webhook_deliveries_source_id_received_at_idx',
    byStatus: 'webhook_deliveries_status_received_at_idx',
    quiet: 'quiet-ats',
  },
  {
    log: NOTIFICATION_LOG,
    index: 'notification_deliveries_created_at_id_idx',
    owned: 'notification_deliveries_endpoint_id_created_at_idx',
    byStatus: 'notification_deliveries_status_created_at_idx',
    quiet: 'quiet-endpoint',
  },
])('the $log.table log, a page at a time (src/db/keyset-page.ts)', ({ log, index, owned, byStatus, quiet }) => {
  const table = new RegExp(`Seq Scan on ${log.table}\\b`);
  const newest = async (where = 'true') =>
    (
      await pool.query<{ id: string }>(
        `SELECT ${log.alias}.id::text AS id FROM ${log.table} ${log.alias} JOIN ${log.ownerTable} ${log.ownerAlias} ON ${log.ownerAlias}.id = ${log.alias}.${log.ownerKey}
         WHERE ${where} ORDER BY ${log.alias}.${log.timeColumn} DESC, ${log.alias}.id DESC`,
      )
    ).rows.map((row) => row.id);

  // A page read off `index` in its order: no whole-table read, no sort of everything it found.
  const expectPageOffIndex = (plan: string, index: string) => {
    expect(plan).toContain(`Index Scan using ${index} on ${log.table}`);
    expect(plan).not.toMatch(table);
    expect(plan).not.toMatch(FULL_SORT);
  };

  it('reads the first page and the next off the (time, id) index and stops there, with or without a status', async () => {
    const cursor = (await newest())[99]!;
    for (const query of [{ limit: 50 }, { limit: 50, cursor }, { limit: 50, statuses: ['dead'], cursor }]) {
      const { text, types, args } = await pageStatement(log, query);
      expectPageOffIndex(await genericPlan(text, types, args), index);
    }
  });

  // logPage's statements are unnamed: PostgreSQL plans each with its values, so with the owner's id.
  it("reads one owner's page through the (owner, time) index, without sorting all its deliveries", async () => {
    const cursor = (await newest(`${log.ownerAlias}.name = '${quiet}'`))[49]!;
    for (const query of [
      { limit: 50, ownerName: quiet },
      { limit: 50, ownerName: quiet, cursor },
    ]) {
      expectPageOffIndex(await planWithValues(log, query), owned);
    }
  });

  // The status is compared as the enum, so a rare one (dead deliveries) is read off the (status, time) index; compared
  // as text, the page walked the time index through every newer delivery until it had found a page of them.
  it('reads a page of one rare status through the (status, time) index', async () => {
    const cursor = (await newest(`${log.alias}.status = 'dead'`))[9]!;
    for (const query of [
      { limit: 10, statuses: ['dead'] },
      { limit: 10, statuses: ['dead'], cursor },
    ]) {
      expectPageOffIndex(await planWithValues(log, query), byStatus);
    }
  });

  it("still answers newest first: one owner's pages in turn, and nothing for an owner that does not exist", async () => {
    const expected = await newest(`${log.ownerAlias}.name = '${quiet}' AND ${log.alias}.status = 'dead'`);
    const shown: string[] = [];
    let cursor: string | undefined;
    do {
      const { page } = await logStatements(log, { limit: 7, ownerName: quiet, statuses: ['dead'], cursor });
      shown.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(shown).toEqual(expected);
    expect(expected.length).toBeGreaterThan(7);
    expect((await logStatements(log, { limit: 50, ownerName: 'nobody' })).page).toEqual({
      items: [],
      nextCursor: null,
    });
  });
});
