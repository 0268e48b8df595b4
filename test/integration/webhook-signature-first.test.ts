// /webhooks/*: the signature is checked over the raw bytes before any JSON parse, and repeated bad signatures from one
// address are answered 429 before their body is read.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config';
import { createApp } from '../../src/app';
import { createLogger } from '../../src/logger';
import { leverSignature, signLike } from '../../src/crypto/signatures';
import { startTestServer, type TestServer } from '../support/test-server';

const GREENHOUSE_SECRET = 'gh-first-0123456789abcdef';
const LEVER_TOKEN = 'lever-first-token-0123456789abcdef';

let server: TestServer;
let genericSecret: string;

beforeAll(async () => {
  server = await startTestServer();
  const sources = server.services.webhooks.sources;
  await sources.create({ vendor: 'greenhouse', name: 'greenhouse-first', secret: GREENHOUSE_SECRET });
  await sources.create({ vendor: 'lever', name: 'lever-first', secret: LEVER_TOKEN });
  await sources.create({ vendor: 'ashby', name: 'ashby-first', secret: 'ashby-first-0123456789abcdef' });
  await sources.create({
    vendor: 'smartrecruiters',
    name: 'smartrecruiters-first',
    secret: 'sr-first-0123456789abcdef',
  });
  genericSecret = (await sources.create({ vendor: 'generic', name: 'generic-first' })).secret;
});
afterAll(() => server?.close());

/** Counts JSON.parse calls on text at least `minLength` long while `run` runs (the built-in is watched, not replaced). */
async function bigParsesDuring(minLength: number, run: () => Promise<void>): Promise<number> {
  const spy = jest.spyOn(JSON, 'parse');
  try {
    await run();
    return spy.mock.calls.filter(([text]) => typeof text === 'string' && text.length >= minLength).length;
  } finally {
    spy.mockRestore();
  }
}

// 1.5 MB of valid JSON, and of deeply nested JSON: what an unauthenticated client could make the service parse.
const bigJson = JSON.stringify({ action: 'new_candidate_application', payload: { filler: 'x'.repeat(1_500_000) } });
const deepJson = `{"token":"t","triggeredAt":1,"signature":"00","data":${'['.repeat(700_000)}${']'.repeat(700_000)}}`;

describe('the signature comes before parsing', () => {
  it('refuses unsigned and badly signed JSON bodies of every vendor with 401 without parsing them', async () => {
    const unsigned: [string, string, Record<string, string>][] = [
      ['greenhouse', bigJson, {}],
      ['greenhouse', bigJson, { Signature: `sha256 ${'0'.repeat(64)}` }],
      ['ashby', bigJson, { 'Ashby-Signature': `sha256=${'1'.repeat(64)}` }],
      [
        'generic',
        bigJson,
        signLike('generic', `whsec_${Buffer.alloc(32, 9).toString('base64')}`, Buffer.from(bigJson)),
      ],
      ['smartrecruiters', bigJson, signLike('smartrecruiters', 'sr-other-key-0123456789abcdef', Buffer.from(bigJson))],
      [
        'smartrecruiters',
        bigJson,
        {
          'smartrecruiters-timestamp': String(Math.floor(Date.now() / 1000)),
          'smartrecruiters-signature': `v1=${'2'.repeat(64)}`,
        },
      ],
      ['lever', deepJson, {}],
      [
        'lever',
        JSON.stringify({
          token: 'tok',
          triggeredAt: Date.now(),
          signature: 'a'.repeat(64),
          data: { filler: 'x'.repeat(1_500_000) },
        }),
        {},
      ],
    ];
    for (const [vendor, body, headers] of unsigned) {
      const parses = await bigParsesDuring(1_000_000, async () => {
        const answer = await server.request('POST', `/webhooks/${vendor}`, {
          rawBody: body,
          headers: { 'content-type': 'application/json', ...headers },
        });
        expect({ vendor, status: answer.status, code: answer.body.error?.code }).toEqual({
          vendor,
          status: 401,
          code: 'unauthorized',
        });
      });
      expect({ vendor, parses }).toEqual({ vendor, parses: 0 });
    }
    expect(await server.services.db.webhookDelivery.count()).toBe(0);
  });

  it('parses a validly signed body after the check, and a signed body that is not JSON is 400', async () => {
    const application = Buffer.from(JSON.stringify({ action: 'ping', payload: { web_hook_id: 1 } }));
    const ping = await server.request('POST', '/webhooks/greenhouse', {
      rawBody: application.toString(),
      headers: { 'content-type': 'application/json', ...signLike('greenhouse', GREENHOUSE_SECRET, application) },
    });
    expect(ping.status).toBe(200);
    const broken = Buffer.from('{"action": ');
    const notJson = await server.request('POST', '/webhooks/greenhouse', {
      rawBody: broken.toString(),
      headers: { 'content-type': 'application/json', ...signLike('greenhouse', GREENHOUSE_SECRET, broken) },
    });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.code).toBe('invalid_json');
  });

  it('accepts a signed Lever delivery, and refuses one whose top-level signed fields are not those the scan verified', async () => {
    const triggeredAt = Date.now();
    const signature = leverSignature(LEVER_TOKEN, 'first-token-1', triggeredAt);
    const good = JSON.stringify({
      event: 'candidateStageChange',
      data: {},
      token: 'first-token-1',
      triggeredAt,
      signature,
    });
    expect(
      (
        await server.request('POST', '/webhooks/lever', {
          rawBody: good,
          headers: { 'content-type': 'application/json' },
        })
      ).status,
    ).toBe(200);
    // A captured signature nested first, and another token at the top (which would become the delivery id).
    const smuggled = `{"data":{"token":"first-token-2","triggeredAt":${triggeredAt},"signature":"${leverSignature(LEVER_TOKEN, 'first-token-2', triggeredAt)}"},"event":"candidateDeleted","token":"unsigned","triggeredAt":${triggeredAt},"signature":"${'b'.repeat(64)}"}`;
    const refused = await server.request('POST', '/webhooks/lever', {
      rawBody: smuggled,
      headers: { 'content-type': 'application/json' },
    });
    expect(refused.status).toBe(401);
  });
});

describe('the per-address budget of bad signatures', () => {
  async function budgetedApp(failuresPerMinute: number): Promise<{ url: string; close: () => Promise<void> }> {
    const app = createApp(server.services, {
      logger: createLogger('silent'),
      rateLimits: {
        perIpPerMinute: 0,
        perKeyPerMinute: 0,
        webhookPerIpPerMinute: 0,
        pagesPerIpPerMinute: 0,
        webhookSignatureFailuresPerIpPerMinute: failuresPerMinute,
      },
    });
    const listening: Server = await new Promise((resolve) => {
      const started = app.listen(0, '127.0.0.1', () => resolve(started));
    });
    return {
      url: `http://127.0.0.1:${(listening.address() as AddressInfo).port}`,
      close: () => new Promise((resolve) => listening.close(() => resolve())),
    };
  }

  it('answers 429 with Retry-After once an address has sent the budget of bad signatures; good signatures spend none', async () => {
    const limited = await budgetedApp(3);
    try {
      const post = (body: Buffer, headers: Record<string, string>) =>
        fetch(`${limited.url}/webhooks/generic`, {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/json', ...headers },
        });
      const signed = (id: string) => {
        const body = Buffer.from(JSON.stringify({ type: 'applicant.unknown_event', data: {} }));
        return post(body, signLike('generic', genericSecret, body, { id }));
      };
      // Signed deliveries, more than the budget, all pass.
      for (let index = 0; index < 5; index += 1) expect((await signed(`msg_budget_ok_${index}`)).status).toBe(200);
      const forged = Buffer.from('{"type":"applicant.deleted","data":{"externalId":"x"}}');
      const badHeaders = {
        'webhook-id': 'msg_forged',
        'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
        'webhook-signature': 'v1,AAAA',
      };
      for (let index = 0; index < 3; index += 1) expect((await post(forged, badHeaders)).status).toBe(401);
      const limitedAnswer = await post(forged, badHeaders);
      expect(limitedAnswer.status).toBe(429);
      expect(Number(limitedAnswer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(((await limitedAnswer.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
      // The address is paused for every delivery until the budget refills (about one a 20 s here).
      expect((await signed('msg_budget_after')).status).toBe(429);
    } finally {
      await limited.close();
    }
  });

  it('is on by default with its own setting, 0 turning it off', () => {
    expect(loadConfig({}).http.rateLimits.webhookSignatureFailuresPerIpPerMinute).toBe(20);
    expect(
      loadConfig({ RATE_LIMIT_WEBHOOK_SIGNATURE_FAILURES_PER_IP_PER_MINUTE: '0' }).http.rateLimits
        .webhookSignatureFailuresPerIpPerMinute,
    ).toBe(0);
    expect(() => loadConfig({ RATE_LIMIT_WEBHOOK_SIGNATURE_FAILURES_PER_IP_PER_MINUTE: 'many' })).toThrow(
      /RATE_LIMIT_WEBHOOK_SIGNATURE_FAILURES_PER_IP_PER_MINUTE/,
    );
  });
});
