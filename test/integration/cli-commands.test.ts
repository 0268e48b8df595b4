// The administration commands as a user runs them (each a real CLI process through tsx): API keys, web accounts,
// re-sealing after a SECRETS_KEY rotation, migrations, the worker's health check, and --help on every command.
// A process start costs 1-2 s of CPU (4-10 s wall on a loaded machine, more for commands that migrate first), so
// each test starts as few as its assertions need, and the timeouts are generous.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { buildProgram } from '../../src/cli/index';
import { migrationsLocation } from '../../src/db/locations';
import { SNAPSHOT_FILE } from '../../src/db/migration-files';
import { listMigrationNames } from '../../src/db/schema-engine';
import { NotificationEndpointService } from '../../src/notifications/notification-endpoints';
import { NotificationEndpointStore } from '../../src/notifications/notification-endpoint-store';
import { signLike } from '../../src/crypto/signatures';
import { SecretBox } from '../../src/crypto/secret-box';
import { WebhookSourceService } from '../../src/webhooks/webhook-sources';
import { WebhookSourceStore } from '../../src/webhooks/webhook-source-store';
import { uniqueId } from '../support/applicants';
import { runCli } from '../support/processes';
import { createDatabase, dropDatabase, uniqueDatabaseName } from '../support/test-database';
import { startTestServer, TEST_SECRETS_KEY_HEX, type TestServer } from '../support/test-server';

const root = path.resolve(__dirname, '../..');
const SLOW = 180_000;
const serverUrl = () => process.env.TEST_SERVER_URL!;

let server: TestServer;
let env: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer();
  env = { DATABASE_URL: server.databaseUrl };
});

afterAll(async () => {
  await server?.close();
});

describe('apikey', () => {
  it(
    'revokes a key by its prefix (exit 0), refuses an unknown prefix (exit 2), and lists keys without secrets',
    async () => {
      const kept = await server.services.apiKeys.create('ci-importer', 'recruiter');
      const gone = await server.services.apiKeys.create('old-laptop', 'admin');

      const revoked = await runCli(['apikey', 'revoke', gone.prefix], env);
      expect(revoked).toMatchObject({ code: 0, stdout: '' });
      expect(revoked.stderr).toContain(`API key ${gone.prefix} revoked`);
      expect(await server.services.apiKeys.verify(gone.key)).toBeNull();
      expect(await server.services.apiKeys.verify(kept.key)).not.toBeNull();

      const unknown = await runCli(['apikey', 'revoke', 'zzzzzzzzzz'], env);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('No active API key with prefix zzzzzzzzzz');

      const listed = await runCli(['apikey', 'list'], env);
      expect(listed.code).toBe(0);
      const lines = listed.stdout.trim().split('\n');
      // The kept key was used (verified) above: its last use is shown.
      expect(lines).toContainEqual(
        expect.stringMatching(
          new RegExp(`^${kept.prefix}\trecruiter\tactive\t\\d{4}-\\d{2}-\\d{2}T[\\d:.]+Z\tci-importer$`),
        ),
      );
      expect(lines).toContain(`${gone.prefix}\tadmin\trevoked\tnever used\told-laptop`);
      for (const key of [kept.key, gone.key]) expect(listed.stdout).not.toContain(key.slice(-43));
    },
    SLOW,
  );
});

describe('user', () => {
  it(
    'resets a password (a working one-time password), disables and enables an account, lists accounts; an unknown e-mail is exit 2',
    async () => {
      const users = server.services.web.users;
      const { oneTimePassword: first } = await users.create('Reviewer.One@example.com', 'reviewer', 'test');

      const [reset, unknown] = await Promise.all([
        runCli(['user', 'reset-password', '--email', 'reviewer.one@example.com'], env),
        runCli(['user', 'reset-password', '--email', 'nobody@example.com'], env),
      ]);
      expect(reset.code).toBe(0);
      const password = reset.stdout.trim();
      expect(password.length).toBeGreaterThanOrEqual(12);
      expect(password).not.toBe(first);
      expect(reset.stderr).toContain('New one-time password for reviewer.one@example.com');
      expect((await users.signIn('reviewer.one@example.com', first, '192.0.2.10')).outcome).toBe('wrong_credentials');
      expect((await users.signIn('reviewer.one@example.com', password, '192.0.2.10')).outcome).toBe('signed_in');

      const disabled = await runCli(['user', 'disable', '--email', 'reviewer.one@example.com'], env);
      expect(disabled.code).toBe(0);
      expect(disabled.stderr).toContain('User reviewer.one@example.com disabled');
      expect((await users.signIn('reviewer.one@example.com', password, '192.0.2.11')).outcome).toBe(
        'wrong_credentials',
      );

      const listedDisabled = await runCli(['user', 'list'], env);
      expect(listedDisabled.code).toBe(0);
      expect(listedDisabled.stdout).toMatch(/^reviewer\.one@example\.com\treviewer\tdisabled\t/m);
      expect(listedDisabled.stdout).not.toContain(password);

      const enabled = await runCli(['user', 'enable', '--email', 'reviewer.one@example.com'], env);
      expect(enabled.code).toBe(0);
      expect(enabled.stderr).toContain('User reviewer.one@example.com enabled');
      expect((await users.signIn('reviewer.one@example.com', password, '192.0.2.12')).outcome).toBe('signed_in');
      expect(unknown).toMatchObject({ code: 2, stdout: '' });
      expect(unknown.stderr).toContain('Error: No user with e-mail nobody@example.com');
    },
    SLOW,
  );
});

describe('reseal after a SECRETS_KEY rotation', () => {
  const oldKey = Buffer.from(TEST_SECRETS_KEY_HEX, 'hex');
  const newKeyHex = 'c3'.repeat(32);
  const newKey = Buffer.from(newKeyHex, 'hex');

  it(
    're-encrypts webhook sources, stored delivery bodies and notification endpoints under the new key',
    async () => {
      const { source, secret } = await server.services.webhooks.sources.create({
        vendor: 'generic',
        name: 'reseal-site',
        apiKey: 'vendor-api-key-123',
      });
      const body = Buffer.from(
        JSON.stringify({
          type: 'applicant.submitted',
          timestamp: new Date().toISOString(),
          data: { externalId: uniqueId(), person: { legalName: 'Ilse Vogt' } },
        }),
      );
      // The test server runs no worker: the delivery and its sealed body stay stored.
      const accepted = await server.request('POST', '/webhooks/generic', {
        rawBody: body.toString(),
        headers: { 'content-type': 'application/json', ...signLike('generic', secret, body) },
      });
      expect(accepted.status).toBe(200);
      const { endpoint } = await server.services.notifications.endpoints.create({
        kind: 'slack',
        name: 'reseal-channel',
        url: 'https://hooks.slack.example/services/T1/B2/xyz',
      });
      const bodies = await server.services.db.webhookDelivery.count({ where: { body: { not: null } } });
      expect(bodies).toBeGreaterThanOrEqual(1);

      const rotated = { ...env, SECRETS_KEY: newKeyHex, SECRETS_KEY_PREVIOUS: TEST_SECRETS_KEY_HEX };
      const sources = await runCli(['webhook-source', 'reseal'], rotated);
      expect(sources.code).toBe(0);
      expect(sources.stdout.trim()).toBe(`1 source(s) and ${bodies} stored delivery bodies re-encrypted`);
      const endpoints = await runCli(['notify-endpoint', 'reseal'], rotated);
      expect(endpoints.code).toBe(0);
      expect(endpoints.stdout.trim()).toBe('1 endpoint(s) re-encrypted');

      // The new key alone now opens everything; the old key alone opens nothing.
      const onlyNew = new SecretBox(newKey, []);
      const usable = await new WebhookSourceService(new WebhookSourceStore(server.services.db), onlyNew).usable(
        source.id,
      );
      expect(usable).toMatchObject({ secret, apiKey: 'vendor-api-key-123' });
      expect(
        (
          await new NotificationEndpointService(new NotificationEndpointStore(server.services.db), onlyNew).usable(
            endpoint.id,
          )
        )?.targetUrl,
      ).toBe('https://hooks.slack.example/services/T1/B2/xyz');
      await expect(
        new WebhookSourceService(new WebhookSourceStore(server.services.db), new SecretBox(oldKey, [])).usable(
          source.id,
        ),
      ).rejects.toThrow(/not configured/);
      const stored = await server.services.db.webhookDelivery.findMany({
        where: { body: { not: null } },
        select: { body: true },
      });
      for (const row of stored) expect(onlyNew.isCurrent(row.body!)).toBe(true);
    },
    SLOW,
  );
});

// An empty database that `db migrate` migrates; then the database where no worker runs.
const freshName = uniqueDatabaseName('cli');
let fresh: string;
afterAll(() => dropDatabase(serverUrl(), freshName));

describe('db', () => {
  let project: string | null = null;

  afterAll(() => {
    if (project) fs.rmSync(project, { recursive: true, force: true });
  });

  it(
    'migrate applies every migration to an empty database, then nothing on a second run',
    async () => {
      fresh = await createDatabase(serverUrl(), freshName);
      const first = await runCli(['db', 'migrate'], { DATABASE_URL: fresh });
      expect(first.code).toBe(0);
      expect(first.stdout.trim()).toBe(`Applied: ${listMigrationNames(migrationsLocation.migrationsDir).join(', ')}`);
      const second = await runCli(['db', 'migrate'], { DATABASE_URL: fresh });
      expect(second).toMatchObject({ code: 0, stdout: 'No pending migrations\n' });
    },
    SLOW,
  );

  /**
   * A copy of the project (src and prisma; node_modules linked) whose schema.prisma is its last migration's snapshot,
   * so that `new-migration` writes into the copy, never into the shared working tree.
   */
  function copyProject(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hfrc-cli-'));
    fs.cpSync(path.join(root, 'src'), path.join(dir, 'src'), { recursive: true });
    for (const file of ['package.json', 'tsconfig.json']) fs.copyFileSync(path.join(root, file), path.join(dir, file));
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    const migrations = path.join(dir, 'prisma', 'migrations');
    fs.mkdirSync(migrations, { recursive: true });
    fs.copyFileSync(
      path.join(migrationsLocation.migrationsDir, 'migration_lock.toml'),
      path.join(migrations, 'migration_lock.toml'),
    );
    // Complete migrations only (one being written by someone else may lack its snapshot yet).
    const names = listMigrationNames(migrationsLocation.migrationsDir).filter((name) =>
      fs.existsSync(path.join(migrationsLocation.migrationsDir, name, SNAPSHOT_FILE)),
    );
    for (const name of names)
      fs.cpSync(path.join(migrationsLocation.migrationsDir, name), path.join(migrations, name), { recursive: true });
    fs.copyFileSync(path.join(migrations, names.at(-1)!, SNAPSHOT_FILE), path.join(dir, 'prisma', 'schema.prisma'));
    return dir;
  }

  it(
    'new-migration says so and writes nothing when schema.prisma has no change',
    async () => {
      project = copyProject();
      const migrations = path.join(project, 'prisma', 'migrations');
      const before = fs.readdirSync(migrations).sort();
      const schema = fs.readFileSync(path.join(project, 'prisma', 'schema.prisma'), 'utf8');

      const unchanged = await runCli(
        ['db', 'new-migration', 'nothing_here'],
        { DATABASE_URL: fresh },
        undefined,
        project,
      );
      expect(unchanged).toMatchObject({
        code: 0,
        stdout: 'schema.prisma matches the last migration: nothing to generate\n',
      });
      expect(fs.readdirSync(migrations).sort()).toEqual(before);
      expect(fs.readFileSync(path.join(project, 'prisma', 'schema.prisma'), 'utf8')).toBe(schema);
    },
    SLOW,
  );
});

describe('worker-health', () => {
  it(
    'exits 0 while a queue worker from this address lives on the database, 1 when none does, 2 without DATABASE_URL or with a bad --timeout',
    async () => {
      const withWorker = await startTestServer({ webhookWorker: { concurrency: 2 } });
      try {
        // The database `db migrate` made above: migrated, and no worker has ever run on it.
        const [none, alive, unset, badTimeout] = await Promise.all([
          runCli(['worker-health'], { DATABASE_URL: fresh }),
          runCli(['worker-health', '--timeout', '10'], { DATABASE_URL: withWorker.databaseUrl }),
          runCli(['worker-health'], {}),
          runCli(['worker-health', '--timeout', 'soon'], { DATABASE_URL: fresh }),
        ]);
        expect(none).toMatchObject({ code: 1, stdout: '' });
        expect(none.stderr).toContain(
          `No queue worker from 127.0.0.1 holds its liveness lock on database ${freshName}`,
        );
        expect(alive).toMatchObject({ code: 0, stderr: '' });
        expect(alive.stdout).toBe(
          `ok: 2 queue worker(s) from 127.0.0.1 alive on database ${new URL(withWorker.databaseUrl).pathname.slice(1)}\n`,
        );
        expect(unset).toMatchObject({ code: 2, stdout: '' });
        expect(unset.stderr).toContain('worker-health needs DATABASE_URL');
        expect(badTimeout).toMatchObject({ code: 2, stdout: '' });
        expect(badTimeout.stderr).toContain('must be a number of seconds from 0 to 60');
      } finally {
        await withWorker.close();
      }
    },
    SLOW,
  );
});

describe('--help', () => {
  /** Every command path of the program: groups (`apikey`) and their commands (`apikey create`). */
  function commandPaths(command: Command, prefix: string[] = []): string[][] {
    return command.commands.flatMap((sub) => {
      const at = [...prefix, sub.name()];
      return [at, ...commandPaths(sub, at)];
    });
  }

  function quietly(command: Command, sink: { out: string }): void {
    command.configureOutput({ writeOut: (text) => (sink.out += text), writeErr: (text) => (sink.out += text) });
    for (const sub of command.commands) quietly(sub, sink);
  }

  it('describes every command and its options (parsed in this process: one CLI start per command would take a minute)', async () => {
    const paths = commandPaths(buildProgram());
    expect(paths.map((at) => at.join(' '))).toEqual(
      expect.arrayContaining([
        'apikey list',
        'apikey revoke',
        'user reset-password',
        'webhook-source reseal',
        'notify-endpoint reseal',
        'db migrate',
        'db new-migration',
        'worker',
        'worker-health',
      ]),
    );
    for (const at of paths) {
      const program = buildProgram();
      const sink = { out: '' };
      quietly(program, sink);
      const target = at.reduce((command, name) => command.commands.find((sub) => sub.name() === name)!, program);
      // run() in src/cli/index.ts turns this code into exit 0 (the processes below prove it).
      await expect(program.parseAsync(['node', 'hfrc', ...at, '--help'])).rejects.toMatchObject({
        code: 'commander.helpDisplayed',
      });
      expect({ at: at.join(' '), usage: sink.out.split('\n')[0] }).toEqual({
        at: at.join(' '),
        usage: expect.stringMatching(new RegExp(`^Usage: hfrc ${at.join(' ')} `)),
      });
      expect(sink.out).toContain(target.description().slice(0, 40));
      for (const option of target.options) expect(sink.out).toContain(option.long!);
    }
  });

  it(
    'exits 0 with the usage text on stdout as a process (the program, a command), and 2 naming an unknown command',
    async () => {
      const [top, command, unknown] = await Promise.all([
        runCli(['--help'], {}),
        runCli(['user', 'reset-password', '--help'], {}),
        runCli(['apikey', 'rotate'], {}),
      ]);
      expect(top).toMatchObject({ code: 0, stderr: '' });
      expect(top.stdout).toMatch(/^Usage: hfrc \[options\] \[command\]/);
      for (const name of [
        'apikey',
        'user',
        'webhook-source',
        'notify-endpoint',
        'worker-health',
        'db',
        'import',
        'rescore',
        'export',
        'purge',
      ])
        expect(top.stdout).toMatch(new RegExp(`^ {2}${name} `, 'm'));
      expect(command).toMatchObject({ code: 0, stderr: '' });
      expect(command.stdout).toMatch(/^Usage: hfrc user reset-password \[options\]/);
      expect(command.stdout).toContain('--email <email>');
      expect(unknown).toMatchObject({ code: 2, stdout: '' });
      expect(unknown.stderr).toMatch(/unknown command 'rotate'/);
    },
    SLOW,
  );
});
