import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { AuditEventStore } from '../../src/audit/audit-event-store';
import { verifyAuditChains } from '../../src/audit/verify-chains';
import { migrationsLocation } from '../../src/db/locations';
import { SNAPSHOT_FILE } from '../../src/db/migration-files';
import { applyMigrations, listMigrationNames } from '../../src/db/schema-engine';
import { openApplicant, riskyApplicant } from '../support/applicants';
import { runCli } from '../support/processes';
import { createDatabase, dropDatabase, uniqueDatabaseName } from '../support/test-database';
import { startTestServer, type TestServer } from '../support/test-server';
import { testPool } from '../support/test-pool';

const CHAIN_MIGRATION = listMigrationNames(migrationsLocation.migrationsDir).find((name) =>
  name.endsWith('_audit_hash_chain'),
)!;

let server: TestServer;
let superuser: pg.Pool;
let reviewer: string;
let recruiter: string;

beforeAll(async () => {
  server = await startTestServer();
  // The test database's owner is a superuser: what an insider with database access could do, these tests do.
  superuser = testPool(server.databaseUrl, 4);
  reviewer = await server.createKey('reviewer');
  recruiter = await server.createKey('recruiter');
});
afterAll(async () => {
  await superuser.end();
  await server.close();
});

interface StoredEvent {
  id: string;
  seq: number;
  action: string;
  prev_hash: Buffer | null;
  hash: Buffer;
}

async function events(caseId: string): Promise<StoredEvent[]> {
  const { rows } = await superuser.query<StoredEvent>(
    `SELECT id::text AS id, seq, action, prev_hash, hash FROM case_events WHERE case_id = $1 ORDER BY seq`,
    [caseId],
  );
  return rows;
}

/** A case with `extra` status changes after its creation (one audit event each). */
async function caseWithEvents(extra: number): Promise<{ caseId: string; events: StoredEvent[] }> {
  const created = await server.request('POST', '/api/v1/screenings', { key: recruiter, body: openApplicant() });
  expect(created.status).toBe(201);
  const statuses = ['in_review', 'escalated', 'in_review', 'escalated'];
  for (let i = 0; i < extra; i++) {
    expect(
      (
        await server.request('PATCH', `/api/v1/cases/${created.body.caseId}`, {
          key: reviewer,
          body: { status: statuses[i % statuses.length], reason: `step ${i}` },
        })
      ).status,
    ).toBe(200);
  }
  return { caseId: created.body.caseId, events: await events(created.body.caseId) };
}

/** As a superuser would: switch the append-only trigger off, change the table, switch it back on. */
async function tamper(sql: string, params: unknown[]): Promise<void> {
  const client = await superuser.connect();
  try {
    await client.query('BEGIN');
    await client.query('ALTER TABLE case_events DISABLE TRIGGER case_events_no_update_delete');
    await client.query(sql, params);
    await client.query('ALTER TABLE case_events ENABLE TRIGGER case_events_no_update_delete');
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}

const cli = (args: string[]) => runCli(['audit', 'verify', ...args], { DATABASE_URL: server.databaseUrl });

describe('the audit hash chain', () => {
  it('chains every event of a case, from every writer (screening statement, re-screening, case changes)', async () => {
    const body = riskyApplicant();
    const first = await server.request('POST', '/api/v1/screenings', { key: reviewer, body });
    await server.request('POST', '/api/v1/screenings', {
      key: reviewer,
      body: { ...body, requestedRate: { amount: 150, currency: 'USD', per: 'hour' } },
    });
    await server.request('PATCH', `/api/v1/cases/${first.body.caseId}`, {
      key: reviewer,
      body: { status: 'escalated', assignee: 'ana@example.com', reason: 'laptop farm' },
    });
    const chain = await events(first.body.caseId);
    expect(chain.map((event) => [event.seq, event.action])).toEqual([
      [1, 'case.created'],
      [2, 'case.rescreened'],
      [3, 'case.status_changed'],
      [4, 'case.assigned'],
    ]);
    expect(chain[0]!.prev_hash).toBeNull();
    for (let i = 1; i < chain.length; i++) expect(chain[i]!.prev_hash).toEqual(chain[i - 1]!.hash);
    // The TypeScript recomputation agrees with the trigger, byte for byte.
    expect(await verifyAuditChains(new AuditEventStore(server.services.pool), first.body.caseId)).toMatchObject({
      cases: 1,
      events: 4,
      breakCount: 0,
    });
  });

  it('ignores chain values a writer sends: the trigger sets them', async () => {
    const { caseId, events: before } = await caseWithEvents(0);
    await superuser.query(
      `INSERT INTO case_events (case_id, actor, action, data, seq, prev_hash, hash) VALUES ($1, 'x', 'case.note', '{}', 42, '\\x00', '\\x00')`,
      [caseId],
    );
    const after = await events(caseId);
    expect(after[1]).toMatchObject({ seq: 2, prev_hash: before[0]!.hash });
    expect(after[1]!.hash).toHaveLength(32);
    expect((await verifyAuditChains(new AuditEventStore(server.services.pool), caseId)).breakCount).toBe(0);
  });

  it('chains an event written while another transaction held the case: it waits, then follows the committed one', async () => {
    const { caseId } = await caseWithEvents(0);
    const holder = await superuser.connect();
    const waiter = await superuser.connect();
    try {
      await holder.query('BEGIN');
      await holder.query(
        `INSERT INTO case_events (case_id, actor, action, data) VALUES ($1, 'holder', 'case.note', '{}')`,
        [caseId],
      );
      const waiterPid = (await waiter.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      const waiting = waiter.query(
        `INSERT INTO case_events (case_id, actor, action, data) VALUES ($1, 'waiter', 'case.note', '{}')`,
        [caseId],
      );
      // Commit only once the second insert waits for the first (on the case row the trigger locks).
      for (;;) {
        const { rows } = await superuser.query(
          `SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = 'Lock'`,
          [waiterPid],
        );
        if (rows.length > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await holder.query('COMMIT');
      await waiting;
    } finally {
      holder.release();
      waiter.release();
    }
    const chain = await events(caseId);
    expect(chain.map((event) => event.seq)).toEqual([1, 2, 3]);
    expect(chain[2]!.prev_hash).toEqual(chain[1]!.hash);
    expect((await verifyAuditChains(new AuditEventStore(server.services.pool), caseId)).breakCount).toBe(0);
  });

  it('keeps one chain under concurrent writers to one case', async () => {
    const { caseId } = await caseWithEvents(0);
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        superuser.query(`INSERT INTO case_events (case_id, actor, action, data) VALUES ($1, $2, 'case.note', '{}')`, [
          caseId,
          `writer-${i}`,
        ]),
      ),
    );
    expect((await events(caseId)).map((event) => event.seq)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect((await verifyAuditChains(new AuditEventStore(server.services.pool), caseId)).breakCount).toBe(0);
  });

  it('refuses, rather than forks, a REPEATABLE READ writer whose snapshot misses the newest event', async () => {
    const { caseId } = await caseWithEvents(0);
    const stale = await superuser.connect();
    try {
      await stale.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      await stale.query('SELECT count(*) FROM case_events WHERE case_id = $1', [caseId]);
      await superuser.query(
        `INSERT INTO case_events (case_id, actor, action, data) VALUES ($1, 'fresh', 'case.note', '{}')`,
        [caseId],
      );
      await expect(
        stale.query(`INSERT INTO case_events (case_id, actor, action, data) VALUES ($1, 'stale', 'case.note', '{}')`, [
          caseId,
        ]),
      ).rejects.toThrow(/case_events_case_id_seq_key|could not serialize/);
      await stale.query('ROLLBACK');
    } finally {
      stale.release();
    }
    expect((await events(caseId)).map((event) => event.seq)).toEqual([1, 2]);
  });

  it('audit verify names the case, the event, expected and found for an edited row, a re-hashed row and a deleted middle event; exit 1', async () => {
    const edited = await caseWithEvents(2);
    const rehashed = await caseWithEvents(2);
    const deleted = await caseWithEvents(2);
    const emptied = await caseWithEvents(0);
    const intact = await caseWithEvents(2);
    await tamper(`UPDATE case_events SET data = jsonb_set(data, '{reason}', '"nothing to see"') WHERE id = $1`, [
      edited.events[1]!.id,
    ]);
    // An insider who knows the formula re-hashes the row they edit: the next event no longer follows it.
    await tamper(
      `UPDATE case_events SET actor = 'someone-else', hash = case_event_hash(prev_hash, id, case_id, seq, 'someone-else', action, created_at, data) WHERE id = $1`,
      [rehashed.events[1]!.id],
    );
    await tamper(`DELETE FROM case_events WHERE id = $1`, [deleted.events[1]!.id]);
    await tamper(`DELETE FROM case_events WHERE case_id = $1`, [emptied.caseId]);

    const report = await verifyAuditChains(new AuditEventStore(server.services.pool));
    const byCase = (caseId: string) =>
      report.breaks.filter((found) => found.caseId === caseId).map(({ eventId, kind }) => ({ eventId, kind }));
    expect(byCase(edited.caseId)).toEqual([{ eventId: edited.events[1]!.id, kind: 'content' }]);
    expect(byCase(rehashed.caseId)).toEqual([{ eventId: rehashed.events[2]!.id, kind: 'link' }]);
    expect(byCase(deleted.caseId)).toEqual([
      { eventId: deleted.events[2]!.id, kind: 'sequence' },
      { eventId: deleted.events[2]!.id, kind: 'link' },
    ]);
    expect(byCase(emptied.caseId)).toEqual([{ eventId: null, kind: 'missing' }]);
    expect(byCase(intact.caseId)).toEqual([]);
    expect(report.breakCount).toBe(5);

    const all = await cli([]);
    expect(all.code).toBe(1);
    expect(all.stdout).toContain(
      `BREAK case ${edited.caseId} event ${edited.events[1]!.id} (seq 2): content changed after it was written: expected hash `,
    );
    expect(all.stdout).toContain(`found hash ${edited.events[1]!.hash.toString('hex')}`);
    expect(all.stdout).toContain(
      `BREAK case ${deleted.caseId} event ${deleted.events[2]!.id} (seq 3): position out of order (events missing before it): expected seq 2, found seq 3`,
    );
    expect(all.stdout).toContain(
      `expected prev_hash ${deleted.events[0]!.hash.toString('hex')}, found prev_hash ${deleted.events[1]!.hash.toString('hex')}`,
    );
    expect(all.stdout).toMatch(/: 5 break\(s\)\n$/);

    const one = await cli(['--case', intact.caseId]);
    expect(one).toMatchObject({ code: 0, stdout: 'Checked 3 events in 1 cases: every chain is intact\n' });
  });

  it('audit verify refuses a case id that is not a UUID (exit 2)', async () => {
    const result = await cli(['--case', 'nope']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/must be a case id/);
  });
});

describe('the audit_hash_chain migration', () => {
  const name = uniqueDatabaseName('chain');
  const before = fs.mkdtempSync(path.join(os.tmpdir(), 'hfrc-chain-'));
  afterAll(async () => {
    await dropDatabase(process.env.TEST_SERVER_URL!, name);
    fs.rmSync(before, { recursive: true, force: true });
  });

  it('backfills the chain of events written before it, in order, despite the append-only trigger (which stays on)', async () => {
    // The migrations up to the one before the chain, then events, then the rest.
    const earlier = listMigrationNames(migrationsLocation.migrationsDir).filter(
      (migration) => migration < CHAIN_MIGRATION,
    );
    for (const migration of earlier)
      fs.cpSync(path.join(migrationsLocation.migrationsDir, migration), path.join(before, migration), {
        recursive: true,
      });
    fs.copyFileSync(
      path.join(migrationsLocation.migrationsDir, 'migration_lock.toml'),
      path.join(before, 'migration_lock.toml'),
    );
    const url = await createDatabase(process.env.TEST_SERVER_URL!, name);
    await applyMigrations(url, {
      migrationsDir: before,
      schemaPath: path.join(before, earlier.at(-1)!, SNAPSHOT_FILE),
    });

    const pool = testPool(url, 2);
    try {
      const cases = ['a', 'b'].map((external, i) => ({ id: `0000000${i}-0000-4000-8000-000000000000`, external }));
      for (const c of cases) {
        await pool.query(
          `INSERT INTO cases (id, source, external_id, subject_name, score, band, rule_set_version, created_by, updated_at) VALUES ($1, 'api', $2, 'X', 0, 'low', 'v', 'me', now())`,
          [c.id, c.external],
        );
      }
      for (const [caseIndex, action] of [
        [0, 'case.created'],
        [1, 'case.created'],
        [0, 'case.rescreened'],
        [0, 'case.decided'],
      ] as const) {
        await pool.query(
          `INSERT INTO case_events (case_id, actor, action, data) VALUES ($1, 'me', $2, '{"n": 1.50}')`,
          [cases[caseIndex]!.id, action],
        );
      }
      await applyMigrations(url, migrationsLocation);

      const { rows } = await pool.query<{ case_id: string; seq: number; action: string }>(
        `SELECT case_id::text, seq, action FROM case_events ORDER BY case_id, seq`,
      );
      expect(rows.map((row) => [row.case_id.slice(0, 8), row.seq, row.action])).toEqual([
        ['00000000', 1, 'case.created'],
        ['00000000', 2, 'case.rescreened'],
        ['00000000', 3, 'case.decided'],
        ['00000001', 1, 'case.created'],
      ]);
      expect(await verifyAuditChains(new AuditEventStore(pool))).toMatchObject({ cases: 2, events: 4, breakCount: 0 });
      await expect(pool.query(`UPDATE case_events SET actor = 'x'`)).rejects.toThrow(/append-only/);
    } finally {
      await pool.end();
    }
  });
});
