// The link trigger on identifiers (migration 20261207163500): once per inserting statement, it records the values
// another case already holds and queues one links_rescore job per value; under its advisory locks, of two
// transactions storing the same values the later always sees the earlier, whatever order each stores them in.
import crypto from 'node:crypto';
import pg from 'pg';
import { cloneDatabase, dropDatabase, uniqueDatabaseName } from '../support/test-database';
import { testPool } from '../support/test-pool';

const name = uniqueDatabaseName('linktrigger');
let pool: pg.Pool;

beforeAll(async () => {
  const url = await cloneDatabase(process.env.TEST_SERVER_URL!, process.env.TEST_TEMPLATE_DATABASE!, name);
  pool = testPool(url, 4);
});
afterAll(async () => {
  await pool.end();
  await dropDatabase(process.env.TEST_SERVER_URL!, name);
});

const hashOf = () => crypto.randomBytes(16).toString('hex');

async function newCase(): Promise<string> {
  const id = crypto.randomUUID();
  await pool.query(
    `INSERT INTO cases (id, source, subject_name, score, band, rule_set_version, created_by)
     VALUES ($1::uuid, 'test', 'Applicant ' || $1::text, 0, 'low', 'test', 'test')`,
    [id],
  );
  return id;
}

// One INSERT statement of the values, in the order given.
async function store(client: pg.Pool | pg.PoolClient, caseId: string, values: { kind: string; hash: string }[]) {
  await client.query(
    `INSERT INTO identifiers (case_id, screening_id, kind, hash, key_id)
     SELECT $1::uuid, gen_random_uuid(), v.kind::"IdentifierKind", decode(v.hash, 'hex'), 'k'
     FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS v(kind, hash, n) ORDER BY v.n`,
    [caseId, values.map((value) => value.kind), values.map((value) => value.hash)],
  );
}

async function queued(values: { kind: string; hash: string }[]) {
  const { rows } = await pool.query<{ key: string; payload: { caseId: string } }>(
    `SELECT key, payload FROM graphile_worker._private_jobs WHERE key = ANY($1::text[]) ORDER BY key`,
    [values.map((value) => `links:${value.kind}:${value.hash}`)],
  );
  return rows;
}

async function recordedShared(values: { kind: string; hash: string }[]) {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM shared_identifiers s
     JOIN unnest($1::text[], $2::text[]) AS v(kind, hash) ON s.kind::text = v.kind AND s.hash = decode(v.hash, 'hex')`,
    [values.map((value) => value.kind), values.map((value) => value.hash)],
  );
  return rows[0]!.n;
}

describe('the link trigger on identifiers', () => {
  it('queues nothing for values no other case holds, and one job per shared value naming the newcomer', async () => {
    const [first, second] = [await newCase(), await newCase()];
    const shared = [
      { kind: 'ip', hash: hashOf() },
      { kind: 'shipping_address', hash: hashOf() },
    ];
    const ownOnly = { kind: 'phone', hash: hashOf() };
    await store(pool, first, [...shared, ownOnly]);
    expect(await queued([...shared, ownOnly])).toEqual([]);
    expect(await recordedShared([...shared, ownOnly])).toBe(0);

    await store(pool, second, [...shared, { kind: 'phone', hash: hashOf() }]);
    const jobs = await queued([...shared, ownOnly]);
    expect(jobs.map((job) => job.key).sort()).toEqual(shared.map((v) => `links:${v.kind}:${v.hash}`).sort());
    expect(jobs.every((job) => job.payload.caseId === second)).toBe(true);
    expect(await recordedShared(shared)).toBe(2);
    expect(await recordedShared([ownOnly])).toBe(0);
  });

  it('sees a value two cases store in one statement as shared', async () => {
    const [first, second] = [await newCase(), await newCase()];
    const value = { kind: 'wallet', hash: hashOf() };
    await pool.query(
      `INSERT INTO identifiers (case_id, screening_id, kind, hash, key_id)
       SELECT c, gen_random_uuid(), 'wallet', decode($3, 'hex'), 'k' FROM unnest(ARRAY[$1, $2]::uuid[]) AS c`,
      [first, second, value.hash],
    );
    expect((await queued([value])).map((job) => job.key)).toEqual([`links:wallet:${value.hash}`]);
    expect(await recordedShared([value])).toBe(1);
  });

  it('lets the later of two concurrent transactions see the earlier, with the values in opposite orders, without deadlock', async () => {
    const [first, second] = [await newCase(), await newCase()];
    const values = Array.from({ length: 6 }, (_, i) => ({ kind: i % 2 ? 'ip' : 'device', hash: hashOf() }));
    const [earlier, later] = [await pool.connect(), await pool.connect()];
    try {
      await earlier.query('BEGIN');
      await store(earlier, first, values);
      await later.query('BEGIN');
      // Waits on the earlier transaction's locks until it commits, then finds its rows.
      const laterStore = store(later, second, [...values].reverse());
      await new Promise((resolve) => setTimeout(resolve, 200));
      await earlier.query('COMMIT');
      await laterStore;
      await later.query('COMMIT');
    } finally {
      earlier.release();
      later.release();
    }
    const jobs = await queued(values);
    expect(jobs).toHaveLength(values.length);
    expect(jobs.every((job) => job.payload.caseId === second)).toBe(true);
    expect(await recordedShared(values)).toBe(values.length);
  });
});
