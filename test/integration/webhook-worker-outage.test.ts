// The webhook workers through a database outage in the middle of a job: the job is not lost and the process keeps
// processing afterwards (graphile-worker retires a worker that cannot record a job's end; ours replace it).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { leverSignature, signLike } from '../../src/crypto/signatures';
import { startDatabaseProxy, type TcpProxy } from '../support/tcp-proxy';
import { startTestServer, testDatabaseUrl, type TestServer } from '../support/test-server';

let proxy: TcpProxy;
let server: TestServer;
let slowLever: http.Server;
let leverUrl: string;
let requestsSeen = 0;

beforeAll(async () => {
  // A Lever API that takes 1.5 s to answer: long enough to take the database away mid-job.
  slowLever = http.createServer((req, res) => {
    requestsSeen += 1;
    const id = /\/v1\/opportunities\/([^/?]+)/.exec(req.url ?? '')?.[1] ?? 'x';
    setTimeout(
      () =>
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ data: { id, name: 'Rosa Delgado', emails: ['rosa@example.org'] } })),
      1_500,
    );
  });
  await new Promise<void>((resolve) => slowLever.listen(0, '127.0.0.1', resolve));
  leverUrl = `http://127.0.0.1:${(slowLever.address() as AddressInfo).port}`;
  const proxied = await startDatabaseProxy(testDatabaseUrl());
  proxy = proxied.proxy;
  server = await startTestServer({
    databaseUrl: proxied.url,
    webhookWorker: { concurrency: 1, maxAttempts: 5 },
    outboundAllowHosts: '127.0.0.1',
  });
}, 60_000);

afterAll(async () => {
  await server?.close();
  await proxy?.close();
  await new Promise((resolve) => slowLever?.close(resolve));
});

async function statusOf(id: string): Promise<string> {
  const { rows } = await server.services.pool.query(
    `SELECT status::text AS status FROM webhook_deliveries WHERE id = $1`,
    [id],
  );
  return rows[0].status;
}

async function waitFor(id: string, wanted: string, timeoutMs: number): Promise<string> {
  const until = Date.now() + timeoutMs;
  let status = await statusOf(id);
  while (status !== wanted && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    status = await statusOf(id).catch(() => status);
  }
  return status;
}

it('keeps processing after the database went away while a job ran, and the interrupted job is done later', async () => {
  const suffix = `${process.pid}-${Date.now()}`;
  const token = 'outage-lever-token-0123456789';
  await server.services.webhooks.sources.create({
    vendor: 'lever',
    name: `lever-outage-${suffix}`,
    secret: token,
    apiKey: 'k',
    apiBaseUrl: leverUrl,
  });
  const { secret } = await server.services.webhooks.sources.create({
    vendor: 'generic',
    name: `generic-outage-${suffix}`,
  });
  const triggeredAt = Date.now();
  const leverBody = JSON.stringify({
    event: 'candidateStageChange',
    triggeredAt,
    token: `tok-${suffix}`,
    signature: leverSignature(token, `tok-${suffix}`, triggeredAt),
    data: { opportunityId: `opp-${suffix}`, candidateId: `cand-${suffix}` },
  });
  const first = await server.request('POST', '/webhooks/lever', {
    rawBody: leverBody,
    headers: { 'content-type': 'application/json' },
  });
  expect(first.status).toBe(200);

  // The job is waiting on the slow Lever API: take the database away, then bring it back.
  const until = Date.now() + 10_000;
  while (requestsSeen === 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
  await proxy.cut();
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  await proxy.restore();

  // A new delivery is processed: the workers are still there (with concurrency 1, a retired one would mean none).
  const body = Buffer.from(
    JSON.stringify({
      type: 'applicant.submitted',
      timestamp: new Date().toISOString(),
      data: { externalId: `after-${suffix}`, person: { legalName: 'Tariq Haddad' } },
    }),
  );
  const second = await server.request('POST', '/webhooks/generic', {
    rawBody: body.toString(),
    headers: { 'content-type': 'application/json', ...signLike('generic', secret, body) },
  });
  expect(second.status).toBe(200);
  expect(await waitFor(second.body.deliveryId, 'processed', 30_000)).toBe('processed');
  // The interrupted delivery is retried and done (not lost, not stuck for hours).
  expect(await waitFor(first.body.deliveryId, 'processed', 60_000)).toBe('processed');
}, 120_000);
