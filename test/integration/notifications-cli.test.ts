// `notify-endpoint` commands as a user runs them: the secret printed once, list without secrets, a test event sent now.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySignature } from '../../src/crypto/signatures';
import { runCli } from '../support/processes';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
let env: Record<string, string>;
let receiver: http.Server;
let receiverUrl: string;
const received: { path: string; headers: http.IncomingHttpHeaders; raw: Buffer }[] = [];

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, raw: Buffer.concat(chunks) });
      res.writeHead(req.url?.startsWith('/broken') ? 500 : 204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  server = await startTestServer({ outboundAllowHosts: '127.0.0.1' });
  // The receiver is on loopback: allowed as a self-hosted receiver would be.
  env = { DATABASE_URL: server.databaseUrl, OUTBOUND_ALLOW_HOSTS: '127.0.0.1' };
});

afterAll(async () => {
  await server?.close();
  receiver?.closeAllConnections();
  await new Promise((resolve) => receiver?.close(resolve));
});

it('creates a webhook endpoint (secret printed once), lists it without secrets, and sends a signed test event now', async () => {
  const created = await runCli(
    [
      'notify-endpoint',
      'create',
      '--kind',
      'webhook',
      '--name',
      'soc',
      '--url',
      `${receiverUrl}/soc`,
      '--min-band',
      'critical',
    ],
    env,
  );
  expect(created.code).toBe(0);
  const secret = created.stdout.trim();
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
  expect(created.stderr).toMatch(/shown only this once/);

  const slack = await runCli(['notify-endpoint', 'create', '--kind', 'slack', '--name', 'slack-soc'], {
    ...env,
    NOTIFY_URL: `${receiverUrl}/services/T1/B1/sealedpart`,
  });
  expect(slack.code).toBe(0);
  expect(slack.stdout).toBe('');

  const listed = await runCli(['notify-endpoint', 'list'], env);
  expect(listed.code).toBe(0);
  expect(listed.stdout).toContain(`soc\twebhook\tenabled\tmin band critical\t10 attempts\t${receiverUrl}/soc\n`);
  expect(listed.stdout).toContain(`slack-soc\tslack\tenabled\tmin band high\t10 attempts\t${receiverUrl}\n`);
  expect(listed.stdout).not.toContain(secret);
  expect(listed.stdout).not.toContain('sealedpart');

  const tested = await runCli(['notify-endpoint', 'test', 'soc'], env);
  expect(tested.code).toBe(0);
  expect(tested.stdout).toMatch(/^sent\t204\t[0-9a-f-]{36}\n$/);
  const request = received.find((entry) => entry.path === '/soc')!;
  const verified = verifySignature(
    'generic',
    { rawBody: request.raw, header: (name) => request.headers[name] as string | undefined },
    secret,
    { now: Date.now(), toleranceSeconds: 300 },
  );
  expect(verified).toEqual({ ok: true });
  expect(JSON.parse(request.raw.toString())).toMatchObject({ type: 'notification.test', data: { endpoint: 'soc' } });
  expect(request.headers['webhook-id']).toBe(tested.stdout.split('\t')[2]!.trim());

  const slackTest = await runCli(['notify-endpoint', 'test', 'slack-soc'], env);
  expect(slackTest.code).toBe(0);
  expect(JSON.parse(received.find((entry) => entry.path === '/services/T1/B1/sealedpart')!.raw.toString())).toEqual({
    text: expect.stringContaining('Test notification'),
  });
  expect(slackTest.stdout + slackTest.stderr).not.toContain('sealedpart');
  // Six CLI runs, each a Node start: generous for a machine loaded by parallel suites.
}, 120_000);

it('exits 1 when the test event is refused, 2 on bad usage (kind, Slack URL without its path, unknown name)', async () => {
  await server.services.notifications.endpoints.create({
    kind: 'webhook',
    name: 'broken',
    url: `${receiverUrl}/broken`,
  });
  const refused = await runCli(['notify-endpoint', 'test', 'broken'], env);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toMatch(/not accepted: the receiver answered 500/);
  const { rows } = await server.services.pool.query(
    `SELECT n.status::text AS status, n.response_status FROM notification_deliveries n JOIN notification_endpoints e ON e.id = n.endpoint_id WHERE e.name = 'broken'`,
  );
  expect(rows).toEqual([{ status: 'dead', response_status: 500 }]);

  const kind = await runCli(
    ['notify-endpoint', 'create', '--kind', 'email', '--name', 'x', '--url', 'https://example.com'],
    env,
  );
  expect(kind.code).toBe(2);
  expect(kind.stderr).toMatch(/--kind.*must be one of webhook, slack/);
  const slackNoPath = await runCli(
    ['notify-endpoint', 'create', '--kind', 'slack', '--name', 'x', '--url', 'https://hooks.slack.com'],
    env,
  );
  expect(slackNoPath.code).toBe(2);
  expect(slackNoPath.stderr).toMatch(/--url must be the full incoming-webhook URL/);
  const unknown = await runCli(['notify-endpoint', 'test', 'nope'], env);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toMatch(/No notification endpoint named "nope"/);

  const disabled = await runCli(['notify-endpoint', 'update', 'broken', '--disable', '--min-band', 'critical'], env);
  expect(disabled.code).toBe(0);
  expect(disabled.stdout).toMatch(/^broken\twebhook\tdisabled\tmin band critical\t/);
}, 120_000);
