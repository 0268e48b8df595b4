// One outbound URL policy: refused when a URL is saved, and again when it is called (each resolved and connected
// address), unless OUTBOUND_ALLOW_HOSTS names the host; a receiver's answer never reaches reviewers.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError } from '../../src/errors';
import { createLogger } from '../../src/logger';
import { createNotifier } from '../../src/notifications/notifier';
import { OutboundClient, OutboundRefusedError, type Resolver } from '../../src/outbound/outbound-client';
import { parseAllowHosts } from '../../src/outbound/outbound-policy';
import { downloadOfacFiles } from '../../src/sanctions/ofac-update';
import { createServices, type Services } from '../../src/services';
import { runCli } from '../support/processes';
import { startTestServer, TEST_LINK_KEY_HEX, TEST_SECRETS_KEY_HEX, type TestServer } from '../support/test-server';

let server: TestServer;
let receiver: http.Server;
let port: number;
const received: string[] = [];
let answer = { status: 200, body: '' };

// DNS as the test wants it (the network edge): these names resolve to loopback, one of them alongside a public address.
const resolve: Resolver = (hostname, callback) => {
  const answers: Record<string, string[]> = {
    'rebind.test': ['127.0.0.1'],
    'receiver.test': ['127.0.0.1'],
    'mixed.test': ['93.184.216.34', '127.0.0.1'],
  };
  const addresses = answers[hostname];
  if (!addresses)
    return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), []);
  callback(
    null,
    addresses.map((address) => ({ address, family: 4 })),
  );
};

/** Services over the test server's database with their own outbound settings. */
function servicesWith(allowHosts: string): Services {
  return createServices(server.databaseUrl, {
    poolMax: 2,
    links: { key: Buffer.from(TEST_LINK_KEY_HEX, 'hex') },
    webhooks: { secretsKey: Buffer.from(TEST_SECRETS_KEY_HEX, 'hex') },
    outbound: { allowHosts: parseAllowHosts(allowHosts), resolve },
  });
}

let strict: Services;
let allowing: Services;

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    received.push(`${req.method} ${req.url}`);
    req.resume();
    req.on('end', () => res.writeHead(answer.status, { 'content-type': 'text/plain' }).end(answer.body));
  });
  await new Promise<void>((ready) => receiver.listen(0, '127.0.0.1', ready));
  port = (receiver.address() as AddressInfo).port;
  server = await startTestServer();
  strict = servicesWith('');
  allowing = servicesWith('127.0.0.1,localhost,receiver.test');
});

afterAll(async () => {
  await strict?.close();
  await allowing?.close();
  await server?.close();
  receiver?.closeAllConnections();
  await new Promise((done) => receiver?.close(done));
});

async function refusal(
  attempt: Promise<unknown>,
): Promise<{ status: number; field: string | undefined; message: string | undefined }> {
  const error = await attempt.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof AppError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return {
    status: error.httpStatus,
    field: error.details?.fields?.[0]?.path,
    message: error.details?.fields?.[0]?.message,
  };
}

describe('when a URL is saved', () => {
  const refusedUrls = [
    'http://127.0.0.1:8080/hook',
    'http://localhost:3000/hook',
    'http://[::1]/hook',
    'http://169.254.169.254/latest/meta-data/',
    'http://0.0.0.0/',
    'http://2852039166/',
    'http://127.1/',
    'http://10.0.0.5/hook',
    'http://[::ffff:192.168.0.1]/',
    'ftp://example.com/',
  ];

  it.each(refusedUrls)(
    'refuses a notification endpoint at %s with a 400 naming the url field, storing nothing',
    async (url) => {
      const before = await server.services.db.notificationEndpoint.count();
      for (const kind of ['webhook', 'slack'] as const) {
        const refused = await refusal(
          server.services.notifications.endpoints.create({
            kind,
            name: `refused-${kind}`,
            url: `${url}${kind === 'slack' ? 'services/T1/B1/x' : ''}`,
          }),
        );
        expect(refused).toMatchObject({ status: 400, field: 'url' });
      }
      expect(await server.services.db.notificationEndpoint.count()).toBe(before);
    },
  );

  it.each(refusedUrls)(
    'refuses an ATS API base URL %s with a 400 naming apiBaseUrl, on create and on update',
    async (url) => {
      expect(
        await refusal(
          server.services.webhooks.sources.create({
            vendor: 'lever',
            name: 'lever-refused',
            secret: 'lever-token-0123456789abcdef',
            apiBaseUrl: url,
          }),
        ),
      ).toMatchObject({ status: 400, field: 'apiBaseUrl' });
      expect(await server.services.db.webhookSource.count({ where: { name: 'lever-refused' } })).toBe(0);
    },
  );

  it('refuses an update to a refused URL and leaves the saved one as it was', async () => {
    await server.services.webhooks.sources.create({
      vendor: 'lever',
      name: 'lever-saved',
      secret: 'lever-token-0123456789abcdef',
      apiBaseUrl: 'https://api.lever.co',
    });
    expect(
      await refusal(server.services.webhooks.sources.update('lever-saved', { apiBaseUrl: 'http://169.254.169.254' })),
    ).toMatchObject({ status: 400, field: 'apiBaseUrl' });
    await server.services.notifications.endpoints.create({
      kind: 'webhook',
      name: 'saved-hook',
      url: 'https://receiver.example.com/hook',
    });
    const refused = await refusal(
      server.services.notifications.endpoints.update('saved-hook', { url: 'http://[fd00::1]/hook' }),
    );
    expect(refused).toMatchObject({ status: 400, field: 'url', message: expect.stringMatching(/unique-local/) });
    expect(
      (await server.services.db.webhookSource.findUniqueOrThrow({ where: { name: 'lever-saved' } })).apiBaseUrl,
    ).toBe('https://api.lever.co');
    expect(
      (await server.services.db.notificationEndpoint.findUniqueOrThrow({ where: { name: 'saved-hook' } })).url,
    ).toBe('https://receiver.example.com/hook');
  });

  it('accepts a loopback receiver listed in OUTBOUND_ALLOW_HOSTS', async () => {
    const { endpoint } = await allowing.notifications.endpoints.create({
      kind: 'webhook',
      name: 'allowed-hook',
      url: `http://127.0.0.1:${port}/allowed`,
    });
    expect(endpoint.displayUrl).toBe(`http://127.0.0.1:${port}/allowed`);
  });

  it('the CLI refuses them too, exiting 2 and naming the option', async () => {
    const env = { DATABASE_URL: server.databaseUrl };
    const hook = await runCli(
      ['notify-endpoint', 'create', '--kind', 'webhook', '--name', 'cli-refused', '--url', 'http://2852039166/hook'],
      env,
    );
    expect(hook).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--url .*another form than four decimal numbers/),
    });
    const lever = await runCli(
      [
        'webhook-source',
        'create',
        '--vendor',
        'lever',
        '--name',
        'cli-lever',
        '--secret',
        'lever-token-0123456789abcdef',
        '--api-base-url',
        'http://localhost:9999',
      ],
      env,
    );
    expect(lever).toMatchObject({ code: 2, stderr: expect.stringMatching(/--api-base-url .*loopback/) });
    // With the host listed, the same receiver is accepted.
    const allowed = await runCli(
      [
        'notify-endpoint',
        'create',
        '--kind',
        'webhook',
        '--name',
        'cli-allowed',
        '--url',
        `http://127.0.0.1:${port}/cli`,
      ],
      { ...env, OUTBOUND_ALLOW_HOSTS: '127.0.0.1' },
    );
    expect(allowed.code).toBe(0);
  });
});

describe('when a URL is called', () => {
  const sendTest = (services: Services, name: string) =>
    createNotifier(services, createLogger('silent')).sendTest(name);

  it('refuses a receiver saved under a wider allow list, before connecting; allowed, it is reached', async () => {
    await allowing.notifications.endpoints.create({
      kind: 'webhook',
      name: 'loopback-hook',
      url: `http://127.0.0.1:${port}/loopback`,
    });
    await allowing.notifications.endpoints.create({
      kind: 'slack',
      name: 'localhost-slack',
      url: `http://localhost:${port}/services/T1/B1/secretpart`,
    });
    received.length = 0;
    for (const name of ['loopback-hook', 'localhost-slack']) {
      const sent = await sendTest(strict, name);
      expect(sent!.result).toMatchObject({ ok: false, status: null });
      expect(sent!.delivery.lastError).toMatch(/^refused by the outbound policy: the URL points to a loopback address/);
    }
    expect(received).toEqual([]);
    expect((await sendTest(allowing, 'loopback-hook'))!.result).toMatchObject({ ok: true, status: 200 });
    expect(received).toEqual(['POST /loopback']);
  });

  it('checks every address a host name resolves to, on each connection: a name that resolves to loopback is refused unless listed', async () => {
    // Saved while the name looked harmless; DNS now answers loopback (rebinding), or loopback among public answers.
    await strict.notifications.endpoints.create({
      kind: 'webhook',
      name: 'rebind-hook',
      url: `http://rebind.test:${port}/rebind`,
    });
    await strict.notifications.endpoints.create({
      kind: 'webhook',
      name: 'mixed-hook',
      url: `http://mixed.test:${port}/mixed`,
    });
    await strict.notifications.endpoints.create({
      kind: 'webhook',
      name: 'receiver-hook',
      url: `http://receiver.test:${port}/receiver`,
    });
    received.length = 0;
    for (const name of ['rebind-hook', 'mixed-hook', 'receiver-hook']) {
      const sent = await sendTest(strict, name);
      expect(sent!.delivery.lastError).toBe(
        'refused by the outbound policy: the host name resolves to a loopback address; a self-hosted receiver must be listed in OUTBOUND_ALLOW_HOSTS',
      );
    }
    expect(received).toEqual([]);
    // receiver.test is listed: it resolves to loopback and is reached.
    expect((await sendTest(allowing, 'receiver-hook'))!.result).toMatchObject({ ok: true });
    expect(received).toEqual(['POST /receiver']);
  });

  it('keeps only the status and a fixed reason of a failed call, never what the receiver answered', async () => {
    answer = { status: 500, body: 'db password is hunter2; internal host build-7.corp' };
    try {
      const sent = await sendTest(allowing, 'allowed-hook');
      expect(sent!.delivery.lastError).toBe('the receiver answered 500');
      expect(sent!.delivery.responseStatus).toBe(500);
    } finally {
      answer = { status: 200, body: '' };
    }
    const closed = http.createServer();
    await new Promise<void>((ready) => closed.listen(0, '127.0.0.1', ready));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((done) => closed.close(done));
    await allowing.notifications.endpoints.create({
      kind: 'webhook',
      name: 'closed-hook',
      url: `http://127.0.0.1:${closedPort}/x`,
    });
    expect((await sendTest(allowing, 'closed-hook'))!.delivery.lastError).toBe('the connection was refused');
  });

  it('checks each redirect like the first URL (a download that redirects to the metadata address is refused)', async () => {
    const redirecting = http.createServer((_req, res) =>
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
    );
    await new Promise<void>((ready) => redirecting.listen(0, '127.0.0.1', ready));
    try {
      const base = `http://127.0.0.1:${(redirecting.address() as AddressInfo).port}/`;
      const outbound = new OutboundClient(parseAllowHosts('127.0.0.1'));
      await expect(outbound.fetch(base, { redirect: 'follow' })).rejects.toBeInstanceOf(OutboundRefusedError);
      await expect(downloadOfacFiles({ baseUrl: base, outbound, timeoutMs: 5000 })).rejects.toThrow(/link-local/);
      // Without the allow list the first URL is refused already.
      await expect(downloadOfacFiles({ baseUrl: base, timeoutMs: 5000 })).rejects.toThrow(/loopback/);
    } finally {
      await new Promise((done) => redirecting.close(done));
    }
  });
});
