// Notifications as a receiver sees them: a local server on loopback verifies the Standard Webhooks signature and the
// payload; the trigger on cases notifies once per band reached; retries keep the webhook-id; Slack gets its text.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PoolClient } from 'pg';
import { writeRescoredScreening } from '../../src/cases/rescored-screening-store';
import { inTransaction } from '../../src/db/prisma-client';
import { slackText } from '../../src/notifications/send-notification';
import { verifySignature } from '../../src/crypto/signatures';
import { cleanApplicant, riskyApplicant } from '../support/applicants';
import { startTestServer, type TestServer } from '../support/test-server';

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  raw: Buffer;
  body: any;
}

/** A receiver on 127.0.0.1: records every request and answers each path from its script (then 200). */
class Receiver {
  readonly requests: Received[] = [];
  private readonly scripts = new Map<string, number[]>();
  private server!: http.Server;
  baseUrl = '';

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        const path = req.url ?? '';
        this.requests.push({ path, headers: req.headers, raw, body: JSON.parse(raw.toString('utf8')) });
        const script = this.scripts.get(path) ?? [];
        const status = script.length > 1 ? script.shift()! : (script[0] ?? 200);
        res.writeHead(status, { 'content-type': 'text/plain' }).end(status >= 300 ? 'receiver says no' : 'ok');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Answers for this path, in order; the last one repeats. */
  answer(path: string, ...statuses: number[]): string {
    this.scripts.set(path, statuses);
    return `${this.baseUrl}${path}`;
  }

  to(path: string): Received[] {
    return this.requests.filter((request) => request.path === path);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

let server: TestServer;
let receiver: Receiver;
let key: string;
let reviewer: string;

beforeAll(async () => {
  receiver = new Receiver();
  await receiver.start();
  // The receivers are on loopback: allowed as a self-hosted receiver would be.
  server = await startTestServer({ webhookWorker: { concurrency: 2 }, outboundAllowHosts: '127.0.0.1' });
  key = await server.createKey('admin');
  reviewer = await server.createKey('reviewer');
});

afterAll(async () => {
  await server?.close();
  await receiver?.close();
});

// Every enabled endpoint hears of every band rise: each test starts with the earlier tests' endpoints disabled.
beforeEach(async () => {
  for (const endpoint of await server.services.notifications.endpoints.list()) {
    if (endpoint.enabled) await server.services.notifications.endpoints.update(endpoint.name, { enabled: false });
  }
});

async function waitFor<T>(
  what: string,
  read: () => Promise<T | undefined | null | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function screen(applicant: Record<string, unknown>): Promise<{ caseId: string; band: string; score: number }> {
  const answer = await server.request('POST', '/api/v1/screenings', { key, body: applicant });
  expect(answer.status).toBe(201);
  return answer.body;
}

async function notificationsOf(caseId: string): Promise<
  {
    id: string;
    endpoint: string;
    status: string;
    attempts: number;
    event_key: string;
    last_error: string | null;
    response_status: number | null;
  }[]
> {
  const { rows } = await server.services.pool.query(
    `SELECT n.id::text AS id, e.name AS endpoint, n.status::text AS status, n.attempts, n.event_key, n.last_error, n.response_status
     FROM notification_deliveries n JOIN notification_endpoints e ON e.id = n.endpoint_id WHERE n.case_id = $1::uuid ORDER BY n.created_at, e.name`,
    [caseId],
  );
  return rows;
}

/**
 * After a failed attempt: checks that graphile-worker scheduled the retry with backoff (run_at at least a second
 * ahead), then makes it due now so that the test does not wait e^attempt seconds.
 */
async function expectBackoffThenRunNow(notificationId: string, failedAttempts: number): Promise<void> {
  const job = await waitFor(`job attempt ${failedAttempts} to fail`, async () => {
    const { rows } = await server.services.pool.query<{ id: string; backed_off: boolean }>(
      `SELECT id::text AS id, run_at > now() + interval '1 second' AS backed_off FROM graphile_worker._private_jobs
       WHERE payload->>'id' = $1 AND attempts = $2 AND locked_at IS NULL`,
      [notificationId, failedAttempts],
    );
    return rows[0];
  });
  expect(job.backed_off).toBe(true);
  await server.services.pool.query(`UPDATE graphile_worker._private_jobs SET run_at = now() WHERE id = $1::bigint`, [
    job.id,
  ]);
}

function verify(request: Received, secret: string) {
  return verifySignature(
    'generic',
    { rawBody: request.raw, header: (name) => request.headers[name.toLowerCase()] as string | undefined },
    secret,
    { now: Date.now(), toleranceSeconds: 300 },
  );
}

describe('webhook notifications', () => {
  it('a screening that reaches critical notifies once: Standard Webhooks-signed, no personal data; a rescreen at the same band adds nothing', async () => {
    const url = receiver.answer('/hooks/security');
    const { secret } = await server.services.notifications.endpoints.create({
      kind: 'webhook',
      name: 'security-team',
      url,
      maxAttempts: 3,
    });
    const applicant = riskyApplicant();
    const screened = await screen(applicant);
    expect(screened.band).toBe('critical');

    const [request] = await waitFor(
      'the notification',
      async () => receiver.to('/hooks/security').length === 1 && receiver.to('/hooks/security'),
    );
    expect(verify(request!, secret!)).toEqual({ ok: true });
    expect(verify(request!, 'whsec_' + Buffer.alloc(32, 1).toString('base64'))).toMatchObject({ ok: false });
    expect(request!.headers['content-type']).toBe('application/json');
    const [stored] = await notificationsOf(screened.caseId);
    expect(request!.headers['webhook-id']).toBe(stored!.id);
    expect(request!.body).toEqual({
      type: 'case.band_raised',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      data: {
        caseId: screened.caseId,
        band: 'critical',
        previousBand: null,
        score: screened.score,
        ruleSetVersion: expect.any(String),
        sanctionsStatus: 'clear',
        topIndicators: expect.any(Array),
        link: `/cases/${screened.caseId}`,
      },
    });
    const indicators = request!.body.data.topIndicators as Record<string, unknown>[];
    expect(indicators.length).toBeGreaterThan(0);
    expect(indicators.length).toBeLessThanOrEqual(3);
    for (const indicator of indicators)
      expect(Object.keys(indicator).sort()).toEqual(['family', 'id', 'points', 'severity']);
    const points = indicators.map((indicator) => indicator.points as number);
    expect(points).toEqual([...points].sort((a, b) => b - a));
    // Nothing about the person: name, payee, e-mail, phone, IP, wallet, address.
    const text = request!.raw.toString('utf8');
    for (const value of [
      applicant.person.legalName,
      'Chen Wei',
      applicant.person.email,
      applicant.person.phone,
      '36.110.0.1',
      applicant.payment.wallet.address,
      'Elm Street',
      'Jane',
    ]) {
      expect({ value, isSent: text.includes(value) }).toEqual({ value, isSent: false });
    }

    await waitFor(
      'the notification to be marked sent',
      async () => (await notificationsOf(screened.caseId))[0]?.status === 'sent',
    );
    // The trigger runs in the screening's own transaction: once the rescreen is answered, nothing more can appear.
    expect((await screen({ ...riskyApplicant(), externalId: applicant.externalId })).band).toBe('critical');
    expect(await notificationsOf(screened.caseId)).toEqual([
      {
        id: stored!.id,
        endpoint: 'security-team',
        status: 'sent',
        attempts: 1,
        event_key: 'case.band_raised:critical',
        last_error: null,
        response_status: 200,
      },
    ]);

    const log = await server.request('GET', '/api/v1/notification-deliveries?endpoint=security-team', {
      key: reviewer,
    });
    expect(log.status).toBe(200);
    expect(log.body.items).toEqual([
      expect.objectContaining({
        id: stored!.id,
        endpointName: 'security-team',
        kind: 'webhook',
        caseId: screened.caseId,
        eventType: 'case.band_raised',
        status: 'sent',
        attempts: 1,
        responseStatus: 200,
        payload: request!.body,
      }),
    ]);
    expect(JSON.stringify(log.body)).not.toContain(secret!);
  });

  it('a band below the endpoint’s min band notifies nothing; each higher band reached notifies once more', async () => {
    const criticalOnly = receiver.answer('/hooks/critical-only');
    const fromHigh = receiver.answer('/hooks/from-high');
    await server.services.notifications.endpoints.create({
      kind: 'webhook',
      name: 'critical-only',
      url: criticalOnly,
      minBand: 'critical',
      maxAttempts: 3,
    });
    await server.services.notifications.endpoints.create({
      kind: 'webhook',
      name: 'from-high',
      url: fromHigh,
      minBand: 'high',
      maxAttempts: 3,
    });

    const medium = await screen(
      cleanApplicant({
        payment: {
          method: 'crypto',
          accountHolderName: 'Chen Wei',
          wallet: { chain: 'ETH', address: '0x1234567890abcdef1234567890abcdef12345678' },
        },
      }),
    );
    expect(medium.band).toBe('medium');
    expect(await notificationsOf(medium.caseId)).toEqual([]);

    const applicant = riskyApplicant({ sessions: cleanApplicant().sessions });
    const high = await screen(applicant);
    expect(high.band).toBe('high');
    expect((await notificationsOf(high.caseId)).map((row) => [row.endpoint, row.event_key])).toEqual([
      ['from-high', 'case.band_raised:high'],
    ]);

    const critical = await screen({ ...riskyApplicant(), externalId: applicant.externalId });
    expect(critical).toMatchObject({ caseId: high.caseId, band: 'critical' });
    expect((await notificationsOf(high.caseId)).map((row) => [row.endpoint, row.event_key]).sort()).toEqual([
      ['critical-only', 'case.band_raised:critical'],
      ['from-high', 'case.band_raised:critical'],
      ['from-high', 'case.band_raised:high'],
    ]);
    const raised = await waitFor('the rise to critical at from-high', async () =>
      receiver.to('/hooks/from-high').find((request) => request.body.data.band === 'critical'),
    );
    expect(raised.body.data).toMatchObject({ caseId: high.caseId, previousBand: 'high' });
    await waitFor('all three sent', async () =>
      (await notificationsOf(high.caseId)).every((row) => row.status === 'sent'),
    );
  });

  it('a system rescoring (links, sanctions) that raises a band notifies in its transaction, with the new screening’s indicators; a rolled-back one does not', async () => {
    receiver.answer('/hooks/rescored');
    await server.services.notifications.endpoints.create({
      kind: 'webhook',
      name: 'rescored',
      url: `${receiver.baseUrl}/hooks/rescored`,
      maxAttempts: 3,
    });
    const medium = await screen(
      cleanApplicant({
        payment: {
          method: 'crypto',
          accountHolderName: 'Chen Wei',
          wallet: { chain: 'ETH', address: '0x1234567890abcdef1234567890abcdef12345678' },
        },
      }),
    );
    expect(medium.band).toBe('medium');
    const rescore = (client: PoolClient) =>
      writeRescoredScreening(client, {
        caseId: medium.caseId,
        result: {
          score: 85,
          band: 'critical',
          sanctionsStatus: 'confirmed_match',
          ruleSetVersion: 'test',
          findings: [
            {
              indicator: 'sanctions_name_match',
              family: 'sanctions',
              severity: 'critical',
              points: 85,
              message: 'm',
              evidence: {},
              source: 's',
              recommendedAction: 'r',
            },
          ],
        },
        snapshot: { reason: 'test' },
        requestedBy: 'system:sanctions',
        actor: 'system:sanctions',
        action: 'case.rescored',
        before: { score: medium.score, band: medium.band },
      });
    await expect(
      inTransaction(server.services.pool, async (client) => {
        await rescore(client);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await notificationsOf(medium.caseId)).toEqual([]);

    await inTransaction(server.services.pool, rescore);
    const [request] = await waitFor(
      'the rescoring notification',
      async () => receiver.to('/hooks/rescored').length === 1 && receiver.to('/hooks/rescored'),
    );
    expect(request!.body.data).toMatchObject({
      caseId: medium.caseId,
      band: 'critical',
      previousBand: 'medium',
      score: 85,
      topIndicators: [{ id: 'sanctions_name_match', family: 'sanctions', severity: 'critical', points: 85 }],
    });
  });

  it('retries a failed attempt with backoff under the same webhook-id: 500, 500, then 200 ends sent after 3 attempts', async () => {
    const url = receiver.answer('/hooks/flaky', 500, 500, 200);
    const { secret } = await server.services.notifications.endpoints.create({
      kind: 'webhook',
      name: 'flaky',
      url,
      maxAttempts: 3,
    });
    const screened = await screen(riskyApplicant());
    const [notification] = await notificationsOf(screened.caseId);

    await expectBackoffThenRunNow(notification!.id, 1);
    expect((await notificationsOf(screened.caseId))[0]).toMatchObject({
      status: 'queued',
      attempts: 1,
      response_status: 500,
      last_error: 'the receiver answered 500',
    });
    await expectBackoffThenRunNow(notification!.id, 2);
    const done = await waitFor('the third attempt', async () =>
      (await notificationsOf(screened.caseId)).find((row) => row.status === 'sent'),
    );
    expect(done).toMatchObject({ attempts: 3, response_status: 200, last_error: null });

    const requests = receiver.to('/hooks/flaky');
    expect(requests).toHaveLength(3);
    for (const request of requests) {
      expect(request.headers['webhook-id']).toBe(notification!.id);
      expect(verify(request, secret!)).toEqual({ ok: true });
      expect(request.raw.equals(requests[0]!.raw)).toBe(true);
    }
    const metrics = (await server.request('GET', '/metrics')).body as string;
    expect(metrics).toMatch(/^hfrc_notifications_total\{kind="webhook",outcome="retry"\} [2-9]/m);
  });

  it('a receiver that always fails leaves the notification dead after its last attempt, and no job behind; an admin can send it again', async () => {
    const url = receiver.answer('/hooks/down', 503);
    await server.services.notifications.endpoints.create({ kind: 'webhook', name: 'down', url, maxAttempts: 2 });
    const screened = await screen(riskyApplicant());
    const [notification] = await notificationsOf(screened.caseId);
    await expectBackoffThenRunNow(notification!.id, 1);
    const dead = await waitFor('the notification to die', async () =>
      (await notificationsOf(screened.caseId)).find((row) => row.status === 'dead'),
    );
    expect(dead).toMatchObject({ attempts: 2, response_status: 503, last_error: 'the receiver answered 503' });
    expect(receiver.to('/hooks/down')).toHaveLength(2);
    // The row is marked dead inside the job, which graphile-worker deletes a moment after it returns.
    const jobsLeft = async () =>
      (
        await server.services.pool.query(
          `SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE payload->>'id' = $1`,
          [notification!.id],
        )
      ).rows[0].n as number;
    await waitFor("the dead notification's job to be gone", async () => (await jobsLeft()) === 0);
    const log = await server.request('GET', '/api/v1/notification-deliveries?endpoint=down&status=dead', {
      key: reviewer,
    });
    expect(log.body.items.map((item: { id: string }) => item.id)).toEqual([notification!.id]);

    // The receiver is fixed: an admin sends it again, under the same webhook-id, with fresh attempts.
    receiver.answer('/hooks/down', 200);
    expect(
      (await server.request('POST', `/api/v1/notification-deliveries/${notification!.id}/resend`, { key: reviewer }))
        .status,
    ).toBe(403);
    const resent = await server.request('POST', `/api/v1/notification-deliveries/${notification!.id}/resend`, { key });
    expect(resent.status).toBe(202);
    expect(resent.body).toMatchObject({ id: notification!.id, status: 'queued', attempts: 0, lastError: null });
    await waitFor(
      'the resent notification',
      async () => (await notificationsOf(screened.caseId))[0]?.status === 'sent',
    );
    expect(receiver.to('/hooks/down').map((request) => request.headers['webhook-id'])).toEqual([
      notification!.id,
      notification!.id,
      notification!.id,
    ]);
    const again = await server.request('POST', `/api/v1/notification-deliveries/${notification!.id}/resend`, { key });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/Only a dead notification/);
  });

  it('a 410 Gone disables the endpoint at once (no retry); a disabled endpoint gets nothing', async () => {
    const url = receiver.answer('/hooks/gone', 410);
    await server.services.notifications.endpoints.create({ kind: 'webhook', name: 'gone', url, maxAttempts: 3 });
    const first = await screen(riskyApplicant());
    await waitFor('the 410', async () => (await notificationsOf(first.caseId))[0]?.status === 'dead');
    expect((await notificationsOf(first.caseId))[0]).toMatchObject({ attempts: 1, response_status: 410 });
    const endpoint = await server.services.notifications.endpoints.findByName('gone');
    expect(endpoint).toMatchObject({ enabled: false, disabledReason: expect.stringMatching(/410 Gone/) });
    const second = await screen(riskyApplicant());
    expect(await notificationsOf(second.caseId)).toEqual([]);
    expect(receiver.to('/hooks/gone')).toHaveLength(1);
    const [dead] = await notificationsOf(first.caseId);
    const refused = await server.request('POST', `/api/v1/notification-deliveries/${dead!.id}/resend`, { key });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/endpoint is disabled/);
  });
});

describe('Slack notifications', () => {
  it('posts {"text"} to the incoming-webhook URL, unsigned, naming the band, score, indicators and case but not the applicant; the URL stays sealed', async () => {
    const path = '/services/T0000/B0000/secretpathXYZ';
    const url = receiver.answer(path);
    const created = await server.services.notifications.endpoints.create({
      kind: 'slack',
      name: 'slack-security',
      url,
    });
    expect(created.secret).toBeUndefined();
    expect(created.endpoint.displayUrl).toBe(receiver.baseUrl);

    const applicant = riskyApplicant();
    const screened = await screen(applicant);
    const [request] = await waitFor(
      'the Slack message',
      async () => receiver.to(path).length === 1 && receiver.to(path),
    );
    expect(Object.keys(request!.body)).toEqual(['text']);
    const text = request!.body.text as string;
    expect(text).toContain('Case raised to CRITICAL');
    expect(text).toContain(`score ${screened.score}`);
    expect(text).toContain(`/cases/${screened.caseId}`);
    // People read the indicators by name (the signed webhook payload keeps the ids).
    expect(text).toMatch(/Top indicators: [A-Z][^(`]+ \([A-Z][a-z ]+, \w+, \d+ points\)/);
    expect(text).not.toMatch(/\b(net|pay|addr|comm)_[a-z_]+/);
    for (const value of [applicant.person.legalName, 'Chen Wei', applicant.person.email, '36.110.0.1'])
      expect(text).not.toContain(value);
    expect(request!.headers['webhook-signature']).toBeUndefined();

    const { rows } = await server.services.pool.query(
      `SELECT url, encode(secret_ciphertext, 'escape') AS sealed FROM notification_endpoints WHERE name = 'slack-security'`,
    );
    expect(rows[0].url).toBe(receiver.baseUrl);
    expect(rows[0].sealed).not.toContain('secretpathXYZ');
    const log = await server.request('GET', '/api/v1/notification-deliveries?endpoint=slack-security', {
      key: reviewer,
    });
    expect(JSON.stringify(log.body)).not.toContain('secretpathXYZ');
    await waitFor('sent', async () => (await notificationsOf(screened.caseId))[0]?.status === 'sent');
  });

  it('links the case absolutely with PUBLIC_BASE_URL, and escapes Slack control characters in what it quotes', () => {
    const caseId = '0b6c1f9e-0000-4000-8000-000000000001';
    const payload = {
      type: 'case.band_raised',
      timestamp: '2026-11-23T12:00:00.000Z',
      data: {
        caseId,
        band: 'high',
        previousBand: 'medium',
        score: 60,
        topIndicators: [{ id: 'a<b>&c', family: 'location', severity: 'high', points: 30 }],
        link: `/cases/${caseId}`,
      },
    };
    const text = slackText(payload, 'https://risk.example.com/');
    expect(text).toContain('*Case raised to HIGH* (score 60, was medium)');
    expect(text).toContain('A&lt;b&gt;&amp;c (Location and connections, high, 30 points)');
    expect(text.split('\n').at(-1)).toBe(`Review: <https://risk.example.com/cases/${caseId}|case ${caseId}>`);
    expect(slackText(payload)).toContain(`Review: /cases/${caseId} (case ${caseId})`);
  });

  it('refuses a Slack URL without its path (the path is the credential), naming the field', async () => {
    await expect(
      server.services.notifications.endpoints.create({
        kind: 'slack',
        name: 'no-path',
        url: 'https://hooks.slack.com',
      }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
      details: { fields: [{ path: 'url', message: expect.stringMatching(/incoming-webhook URL/) }] },
    });
  });
});
