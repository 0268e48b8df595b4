// The least-privilege roles of docs/security.md, run as written: the service and the CLI work as the app role, and
// the app role cannot change the audit trail, disable its triggers or change the schema.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { erasePersonalData } from '../../src/cases/erasure-store';
import { migrateDatabase } from '../../src/db/migrate';
import { createLogger } from '../../src/logger';
import { createServices, type Services } from '../../src/services';
import { signLike } from '../../src/crypto/signatures';
import { cleanApplicant, riskyApplicant } from '../support/applicants';
import { runCli, startService, type ServiceProcess } from '../support/processes';
import { withDatabase } from '../support/test-database';
import { testPool } from '../support/test-pool';

const suffix = crypto.randomBytes(4).toString('hex');
const names = { database: `hfrc_lp_${suffix}`, migrator: `hfrc_lp_${suffix}_migrator`, app: `hfrc_lp_${suffix}_app` };
const passwords = { migrator: crypto.randomBytes(16).toString('hex'), app: crypto.randomBytes(16).toString('hex') };
const LINK_KEY = crypto.randomBytes(32).toString('hex');
const SECRETS_KEY = crypto.randomBytes(32).toString('hex');

/** A block of docs/security.md, with this test's names and passwords. */
function documentedSql(block: string): string {
  const doc = fs.readFileSync(path.resolve(__dirname, '../../docs/security.md'), 'utf8');
  const match = new RegExp(`<!-- sql:${block} -->\\n\`\`\`sql\\n([\\s\\S]*?)\\n\`\`\``).exec(doc);
  if (!match) throw new Error(`docs/security.md has no sql:${block} block`);
  return match[1]!
    .replace(/'change-me-migrator'/g, `'${passwords.migrator}'`)
    .replace(/'change-me-app'/g, `'${passwords.app}'`)
    .replace(/\bhfrc_migrator\b/g, names.migrator)
    .replace(/\bhfrc_app\b/g, names.app)
    .replace(/\bhfrc\b/g, names.database);
}

function urlAs(role: 'migrator' | 'app' | null, database: string): string {
  const url = new URL(withDatabase(process.env.TEST_SERVER_URL!, database));
  if (role) {
    url.username = names[role];
    url.password = passwords[role];
  }
  return url.toString();
}

/** One statement at a time, as psql would (CREATE and DROP DATABASE refuse to run inside a transaction). */
async function run(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const statements = sql
      .replace(/^\s*--.*$/gm, '')
      .split(/;\s*$/m)
      .map((statement) => statement.trim())
      .filter(Boolean);
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

const appUrl = () => urlAs('app', names.database);
let services: Services;
let service: ServiceProcess | undefined;
let app: pg.Pool;

beforeAll(async () => {
  await run(urlAs(null, 'postgres'), documentedSql('cluster'));
  await run(urlAs(null, names.database), documentedSql('database'));
  await migrateDatabase(urlAs('migrator', names.database), createLogger('silent'));
  await run(urlAs('migrator', names.database), documentedSql('grants'));
  services = createServices(appUrl(), {
    poolMax: 2,
    links: { key: Buffer.from(LINK_KEY, 'hex') },
    webhooks: { secretsKey: Buffer.from(SECRETS_KEY, 'hex') },
  });
  app = testPool(appUrl(), 1);
}, 60_000);

afterAll(async () => {
  if (service && service.child.exitCode === null) {
    service.child.kill('SIGTERM');
    await service.exited;
  }
  await app?.end();
  await services?.close();
  await run(
    urlAs(null, 'postgres'),
    `DROP DATABASE IF EXISTS "${names.database}" WITH (FORCE);\nDROP ROLE IF EXISTS "${names.app}";\nDROP ROLE IF EXISTS "${names.migrator}";`,
  );
});

describe('the app role of docs/security.md', () => {
  it('runs the service: screenings, re-screenings, links, decisions, notes, queries, metrics, a webhook through the worker', async () => {
    const reviewer = (await services.apiKeys.create('reviewer', 'reviewer')).key;
    const generic = await services.webhooks.sources.create({ vendor: 'generic', name: 'careers' });
    // Start-up applies pending migrations: as the app role it finds none and goes on.
    service = await startService({ DATABASE_URL: appUrl(), LINK_KEY, SECRETS_KEY, WORKER_CONCURRENCY: '1' });
    const base = `http://127.0.0.1:${service.port}`;
    const send = async (method: string, route: string, body?: unknown, headers: Record<string, string> = {}) => {
      const response = await fetch(base + route, {
        method,
        headers: {
          authorization: `Bearer ${reviewer}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as any };
    };

    const first = riskyApplicant();
    const created = await send('POST', '/api/v1/screenings', first);
    const rescreened = await send('POST', '/api/v1/screenings', first, { 'idempotency-key': 'lp-1' });
    // Shares the first applicant's shipping address and wallet: linked, and the first case is rescored.
    const linked = await send('POST', '/api/v1/screenings', riskyApplicant());
    const other = await send('POST', '/api/v1/screenings', cleanApplicant());
    const caseId = created.body.caseId as string;
    const statuses = {
      created: created.status,
      rescreened: rescreened.status,
      linked: linked.status,
      other: other.status,
      list: (await send('GET', '/api/v1/cases?band=high,critical')).status,
      detail: (await send('GET', `/api/v1/cases/${caseId}`)).status,
      decision: (
        await send('PATCH', `/api/v1/cases/${caseId}`, {
          status: 'escalated',
          assignee: 'ana@example.com',
          reason: 'shared wallet',
        })
      ).status,
      note: (await send('POST', `/api/v1/cases/${caseId}/notes`, { text: 'called the applicant' })).status,
      links: (await send('GET', `/api/v1/cases/${caseId}/links`)).status,
      clusters: (await send('GET', '/api/v1/clusters')).status,
      ready: (await fetch(`${base}/readyz`)).status,
      metrics: (await fetch(`${base}/metrics`)).status,
    };
    expect(statuses).toEqual({
      created: 201,
      rescreened: 201,
      linked: 201,
      other: 201,
      list: 200,
      detail: 200,
      decision: 200,
      note: 201,
      links: 200,
      clusters: 200,
      ready: 200,
      metrics: 200,
    });

    const body = Buffer.from(
      JSON.stringify({
        type: 'applicant.submitted',
        timestamp: new Date().toISOString(),
        data: { externalId: 'lp-site-1', person: { legalName: 'Priya Raman' } },
      }),
    );
    const delivered = await fetch(`${base}/webhooks/generic`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signLike('generic', generic.secret, body, { id: 'msg_lp_1' }) },
      body,
    });
    expect(delivered.status).toBe(200);
    const { deliveryId } = (await delivered.json()) as { deliveryId: string };
    let delivery = await services.db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
    while (!['processed', 'ignored', 'dead'].includes(delivery.status)) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      delivery = await services.db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
    }
    expect(delivery).toMatchObject({ status: 'processed', lastError: null });
  }, 60_000);

  it("erases a case's personal data and purges expired idempotency answers", async () => {
    const { rows } = await app.query<{ id: string }>(
      `SELECT id::text FROM cases WHERE source = 'api' ORDER BY created_at LIMIT 1`,
    );
    expect(
      await erasePersonalData(services.pool, rows[0]!.id, 'test:retention', 'retention period over'),
    ).toMatchObject({ status: 'erased', counts: { screenings: 2 } });
    await expect(services.screening.purgeExpiredIdempotency()).resolves.toBe(0);
  });

  it('runs the CLI: audit verify finds every chain intact', async () => {
    const verified = await runCli(['audit', 'verify'], { DATABASE_URL: appUrl(), LINK_KEY, SECRETS_KEY });
    expect(verified.stderr).toBe('');
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/every chain is intact/);
  }, 30_000);

  it('declares and removes a company address, and may not delete or truncate that history', async () => {
    const added = await services.knownAddresses.add(
      { label: 'Role office', kind: 'office', address: { line1: '1 Role Way', city: 'Austin', country: 'US' } },
      'test',
    );
    expect((await services.knownAddresses.remove(added.address.id, 'test')).removedBy).toBe('test');
    await expect(app.query('DELETE FROM known_addresses')).rejects.toThrow(
      'permission denied for table known_addresses',
    );
    await expect(app.query('TRUNCATE known_addresses')).rejects.toThrow('permission denied for table known_addresses');
  });

  it('may not change or remove audit events, disable their triggers, change the schema or record migrations', async () => {
    const refused = async (sql: string) => {
      try {
        await app.query(sql);
        return 'allowed';
      } catch (error) {
        return (error as Error).message.replace(/ "?hfrc_lp_\w+"?/, ' <database>');
      }
    };
    expect({
      update: await refused(`UPDATE case_events SET action = 'case.forged'`),
      delete: await refused('DELETE FROM case_events'),
      truncate: await refused('TRUNCATE case_events'),
      disableTrigger: await refused('ALTER TABLE case_events DISABLE TRIGGER case_events_no_update_delete'),
      dropChainTrigger: await refused('DROP TRIGGER case_events_chain ON case_events'),
      createTable: await refused('CREATE TABLE scratch (id int)'),
      dropTable: await refused('DROP TABLE cases'),
      createSchema: await refused('CREATE SCHEMA scratch'),
      recordMigration: await refused(
        `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count) VALUES ('x', 'x', 'x', now(), 1)`,
      ),
    }).toEqual({
      update: 'permission denied for table case_events',
      delete: 'permission denied for table case_events',
      truncate: 'permission denied for table case_events',
      disableTrigger: 'must be owner of table case_events',
      dropChainTrigger: 'must be owner of relation case_events',
      createTable: 'permission denied for schema public',
      dropTable: 'must be owner of table cases',
      createSchema: 'permission denied for database <database>',
      recordMigration: 'permission denied for table _prisma_migrations',
    });
  });
});
