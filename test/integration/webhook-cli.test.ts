// `webhook-source` commands as a user runs them: the secret printed once, sealed at rest, and accepted by the service.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { childEnv, runCli } from '../support/processes';
import { signLike } from '../../src/crypto/signatures';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
let env: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer();
  env = { DATABASE_URL: server.databaseUrl };
});

afterAll(async () => {
  await server?.close();
});

it('creates a generic source, prints its secret once, stores it sealed, and the service verifies with it', async () => {
  const created = await runCli(['webhook-source', 'create', '--vendor', 'generic', '--name', 'careers-site'], env);
  expect(created.code).toBe(0);
  const secret = created.stdout.trim();
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
  expect(created.stderr).toMatch(/shown only this once/);

  const { rows } = await server.services.pool.query(
    `SELECT secret_ciphertext FROM webhook_sources WHERE name = 'careers-site'`,
  );
  expect(Buffer.from(rows[0].secret_ciphertext).toString('latin1')).not.toContain(secret.slice(6, 20));

  const body = Buffer.from(
    JSON.stringify({
      type: 'applicant.submitted',
      timestamp: new Date().toISOString(),
      data: { externalId: 'cli-1', person: { legalName: 'Noor Haddad' } },
    }),
  );
  const response = await server.request('POST', '/webhooks/generic', {
    rawBody: body.toString(),
    headers: { 'content-type': 'application/json', ...signLike('generic', secret, body) },
  });
  expect(response.status).toBe(200);

  const listed = await runCli(['webhook-source', 'list'], env);
  expect(listed.code).toBe(0);
  expect(listed.stdout).toContain('careers-site\tgeneric\tenabled');
  expect(listed.stdout).not.toContain(secret);
});

it('takes a Lever token from WEBHOOK_SECRET and refuses a Lever source without one', async () => {
  const refused = await runCli(['webhook-source', 'create', '--vendor', 'lever', '--name', 'lever-a'], env);
  expect(refused.code).toBe(2);
  expect(refused.stderr).toMatch(/--secret or WEBHOOK_SECRET/);
  const created = await runCli(
    [
      'webhook-source',
      'create',
      '--vendor',
      'lever',
      '--name',
      'lever-a',
      '--field-map',
      '{"laptop":"shipping.address"}',
    ],
    { ...env, WEBHOOK_SECRET: 'lever-token-from-env-123456' },
  );
  expect(created.code).toBe(0);
  expect(created.stdout).toBe('');
  const listed = await runCli(['webhook-source', 'list'], env);
  expect(listed.stdout).toMatch(/lever-a\tlever\tenabled\tno api key\t1 mapped field\(s\)/);
});

it('takes a SmartRecruiters secret key and API key, refuses a source without the secret key, and the service verifies with it', async () => {
  const refused = await runCli(['webhook-source', 'create', '--vendor', 'smartrecruiters', '--name', 'sr-a'], env);
  expect(refused.code).toBe(2);
  expect(refused.stderr).toMatch(
    /SmartRecruiters issues the signing secret key: pass it with --secret or WEBHOOK_SECRET/,
  );
  const key = 'sr-secret-key-from-env-123456';
  const created = await runCli(
    ['webhook-source', 'create', '--vendor', 'smartrecruiters', '--name', 'sr-a', '--api-key', 'sr-api-key-123'],
    { ...env, WEBHOOK_SECRET: key },
  );
  expect(created.code).toBe(0);
  expect(created.stdout).toBe('');
  expect(created.stderr).toMatch(/<base>\/webhooks\/smartrecruiters/);
  const listed = await runCli(['webhook-source', 'list'], env);
  expect(listed.stdout).toMatch(/sr-a\tsmartrecruiters\tenabled\tapi key set/);
  const body = Buffer.from('{"id":"job-1"}');
  const response = await server.request('POST', '/webhooks/smartrecruiters', {
    rawBody: body.toString(),
    headers: {
      'content-type': 'application/json',
      ...signLike('smartrecruiters', key, body, { event: 'job.created' }),
    },
  });
  expect(response.status).toBe(202);
});

it('names what is wrong: an unknown vendor or field target (exit 2), a taken name (exit 1), an unknown source to update (exit 2)', async () => {
  const vendor = await runCli(['webhook-source', 'create', '--vendor', 'workday', '--name', 'x'], env);
  expect(vendor.code).toBe(2);
  expect(vendor.stderr).toMatch(/--vendor.*must be one of greenhouse, lever, ashby, smartrecruiters, generic/);
  const target = await runCli(
    ['webhook-source', 'create', '--vendor', 'greenhouse', '--name', 'gh', '--field-map', '{"x":"person.nationality"}'],
    env,
  );
  expect(target.code).toBe(2);
  expect(target.stderr).toMatch(/must be one of/);
  const taken = await runCli(['webhook-source', 'create', '--vendor', 'generic', '--name', 'careers-site'], env);
  expect(taken.code).toBe(1);
  expect(taken.stderr).toMatch(/already exists/);
  const missing = await runCli(['webhook-source', 'update', 'nope', '--disable'], env);
  expect(missing.code).toBe(2);
  expect(missing.stderr).toMatch(/Error: No webhook source named "nope"/);
});

it('runs the webhook queue alone with `worker`, and stops cleanly on SIGTERM', async () => {
  const { secret } = await server.services.webhooks.sources.create({ vendor: 'generic', name: 'worker-test' });
  const body = Buffer.from(
    JSON.stringify({
      type: 'applicant.submitted',
      timestamp: new Date().toISOString(),
      data: { externalId: 'worker-1', person: { legalName: 'Ilse Vogt' } },
    }),
  );
  // The test server runs no worker: the delivery waits in the queue until the CLI worker takes it.
  const accepted = await server.request('POST', '/webhooks/generic', {
    rawBody: body.toString(),
    headers: { 'content-type': 'application/json', ...signLike('generic', secret, body) },
  });
  expect(accepted.status).toBe(200);
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.resolve(__dirname, '../../src/cli/index.ts'), 'worker', '--concurrency', '2'],
    { env: childEnv(env) },
  );
  let output = '';
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    const until = Date.now() + 30_000;
    let status = 'queued';
    while (status !== 'processed' && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      status = (await server.services.db.webhookDelivery.findUniqueOrThrow({ where: { id: accepted.body.deliveryId } }))
        .status;
    }
    expect(status).toBe('processed');
  } finally {
    child.kill('SIGTERM');
  }
  expect(await exited).toBe(0);
  // A fatal CLI error is printed as 'Error: ...'; logged retries under load are not failures.
  expect(output).not.toMatch(/^Error: /m);
}, 45_000);
