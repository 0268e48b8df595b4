// Lever's API as the worker reads it to confirm a deletion: what each answer means (a loopback server stands in for Lever).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { OutboundClient } from '../../src/outbound/outbound-client';
import {
  leverContactHasOpportunities,
  leverOpportunityPresence,
  PermanentDeliveryError,
} from '../../src/webhooks/lever-client';

// The loopback stand-in is a self-hosted receiver: allowed as OUTBOUND_ALLOW_HOSTS would allow it.
const outbound = new OutboundClient([{ host: '127.0.0.1' }]);

let server: http.Server;
let baseUrl: string;
let answer: { status: number; body: unknown } = { status: 200, body: {} };
const seen: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push(`${req.url} ${req.headers.authorization ?? ''}`);
    res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('leverOpportunityPresence', () => {
  it.each([
    [404, { code: 'ResourceNotFound' }, 'gone'],
    [410, {}, 'gone'],
    [200, { data: { id: 'opp-1', name: 'Anonymized', isAnonymized: true } }, 'anonymized'],
    [200, { data: { id: 'opp-1', name: 'Dana Whitfield', isAnonymized: false } }, 'present'],
    [200, { data: { id: 'opp-1', name: 'Dana Whitfield' } }, 'present'],
  ])('reads %i %j as %s', async (status, body, expected) => {
    answer = { status, body };
    await expect(leverOpportunityPresence(outbound, { apiKey: 'key-1', apiBaseUrl: baseUrl }, 'opp/1')).resolves.toBe(
      expected,
    );
    expect(seen.at(-1)).toBe(`/v1/opportunities/opp%2F1 Basic ${Buffer.from('key-1:').toString('base64')}`);
  });

  it('refuses for good when the key cannot read Lever, and lets the queue retry an outage or an answer without data', async () => {
    for (const status of [400, 401, 403]) {
      answer = { status, body: {} };
      await expect(
        leverOpportunityPresence(outbound, { apiKey: 'key-1', apiBaseUrl: baseUrl }, 'opp-1'),
      ).rejects.toBeInstanceOf(PermanentDeliveryError);
    }
    for (const [status, body] of [
      [429, {}],
      [503, {}],
      [200, {}],
    ] as const) {
      answer = { status, body };
      const error = await leverOpportunityPresence(outbound, { apiKey: 'key-1', apiBaseUrl: baseUrl }, 'opp-1').catch(
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(PermanentDeliveryError);
    }
    await expect(leverOpportunityPresence(outbound, { apiBaseUrl: baseUrl }, 'opp-1')).rejects.toThrow(
      /no API key to confirm the deletion with/,
    );
  });
});

describe('leverContactHasOpportunities', () => {
  it('is false only when Lever lists none that is not anonymised', async () => {
    answer = { status: 200, body: { data: [], hasNext: false } };
    await expect(
      leverContactHasOpportunities(outbound, { apiKey: 'key-1', apiBaseUrl: baseUrl }, 'contact 1'),
    ).resolves.toBe(false);
    expect(seen.at(-1)).toMatch(/^\/v1\/opportunities\?contact_id=contact\+1&limit=100 /);
    answer = { status: 200, body: { data: [{ id: 'opp-1', isAnonymized: true }], hasNext: false } };
    await expect(leverContactHasOpportunities(outbound, { apiKey: 'key-1', apiBaseUrl: baseUrl }, 'c-1')).resolves.toBe(
      false,
    );
    answer = { status: 200, body: { data: [{ id: 'opp-1', isAnonymized: true }, { id: 'opp-2' }], hasNext: false } };
    await expect(leverContactHasOpportunities(outbound, { apiKey: 'key-1', apiBaseUrl: baseUrl }, 'c-1')).resolves.toBe(
      true,
    );
    answer = { status: 200, body: { data: [], hasNext: true } };
    await expect(leverContactHasOpportunities(outbound, { apiKey: 'key-1', apiBaseUrl: baseUrl }, 'c-1')).resolves.toBe(
      true,
    );
  });

  it('never reads a missing list or an error as "none"', async () => {
    for (const [status, body] of [
      [200, {}],
      [404, { data: [] }],
      [503, { data: [] }],
    ] as const) {
      answer = { status, body };
      await expect(
        leverContactHasOpportunities(outbound, { apiKey: 'key-1', apiBaseUrl: baseUrl }, 'c-1'),
      ).rejects.toBeInstanceOf(Error);
    }
    answer = { status: 401, body: {} };
    await expect(
      leverContactHasOpportunities(outbound, { apiKey: 'key-1', apiBaseUrl: baseUrl }, 'c-1'),
    ).rejects.toBeInstanceOf(PermanentDeliveryError);
  });
});
