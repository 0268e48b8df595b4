// SmartRecruiters: its v1 signature (the vendor's published test vector), the thin bodies as intents, its candidates as
// the applicant contract, and its API as the worker reads it (a loopback server stands in for SmartRecruiters).
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseApplicant } from '../../src/applicants/parse-applicant';
import { OutboundClient } from '../../src/outbound/outbound-client';
import {
  eventOf,
  mapDelivery,
  mapSmartRecruitersCandidate,
  smartRecruitersStatusChange,
  UnmappableDeliveryError,
} from '../../src/webhooks/adapters';
import { PermanentDeliveryError } from '../../src/webhooks/lever-client';
import {
  deliveryIdOf,
  signLike,
  verifySignature,
  VENDOR_ISSUED_SECRETS,
  type IncomingDelivery,
} from '../../src/crypto/signatures';
import {
  fetchSmartRecruitersApplication,
  fetchSmartRecruitersCandidate,
} from '../../src/webhooks/smartrecruiters-client';
import { describeWithSharedData, sharedData } from '../support/shared-data';

// The vendors' example payloads, verbatim, kept outside the repository (../shared/data/ats).
const ats = sharedData('ats');

function incoming(rawBody: Buffer | string, headers: Record<string, string> = {}): IncomingDelivery {
  const lower = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  return { rawBody: Buffer.from(rawBody), header: (name) => lower[name.toLowerCase()] };
}

// The vendor's example (developers.smartrecruiters.com, "Create a webhook subscription secret key"; ../shared/data/ats/README.md).
const VECTOR = {
  secret: 'HeBVky2bccvvkcXPimH8c',
  at: 1574080897 * 1000,
  headers: {
    'smartrecruiters-signature': 'v1=2e9291f10d44ca10204a4cd81b05d73b6a316b2b605d4e2e0e0b37b40198ce1f',
    'smartrecruiters-timestamp': '1574080897',
    'event-id': '123',
    link: '<http://smartrecruiters.com/endpoint>; rel=self',
    'event-name': 'application.created',
    'event-version': 'v201910',
  },
};
const options = { now: VECTOR.at, toleranceSeconds: 300 };

describeWithSharedData(ats, 'the vendor test vector', () => {
  // The doc page renders the body with a space after the second colon; SmartRecruiters sends it without (the README's
  // reproduction), which is the vendor file's JSON written compactly.
  // Read when the block runs: a skipped block's body is still collected.
  let documented: Buffer;
  let sent: Buffer;
  beforeAll(() => {
    documented = fs.readFileSync(ats.file('smartrecruiters-application.created.json'));
    sent = Buffer.from(JSON.stringify(JSON.parse(documented.toString('utf8'))));
  });

  it('verifies, and signLike signs it identically', () => {
    expect(sent.toString()).toBe('{"job_id":"jid","candidate_id":"cid"}');
    expect(verifySignature('smartrecruiters', incoming(sent, VECTOR.headers), VECTOR.secret, options)).toEqual({
      ok: true,
    });
    const signed = signLike('smartrecruiters', VECTOR.secret, sent, {
      id: '123',
      timestamp: 1574080897,
      event: 'application.created',
      eventVersion: 'v201910',
      link: VECTOR.headers.link,
    });
    expect(signed['smartrecruiters-signature']).toBe(VECTOR.headers['smartrecruiters-signature']);
  });

  it('is checked over the raw bytes: the page’s rendering (one space more) does not verify', () => {
    expect(documented.equals(sent)).toBe(false);
    expect(verifySignature('smartrecruiters', incoming(documented, VECTOR.headers), VECTOR.secret, options)).toEqual({
      ok: false,
      reason: 'no v1 signature matches',
    });
  });

  it('refuses a flipped byte anywhere in the body, and a change to any signed header', () => {
    for (let index = 0; index < sent.length; index += 1) {
      const flipped = Buffer.from(sent);
      flipped[index] = flipped[index]! ^ 0x01;
      expect(verifySignature('smartrecruiters', incoming(flipped, VECTOR.headers), VECTOR.secret, options).ok).toBe(
        false,
      );
    }
    for (const name of ['event-id', 'event-name', 'event-version', 'link'] as const) {
      expect(
        verifySignature(
          'smartrecruiters',
          incoming(sent, { ...VECTOR.headers, [name]: `${VECTOR.headers[name]}x` }),
          VECTOR.secret,
          options,
        ).ok,
      ).toBe(false);
      const { [name]: _dropped, ...without } = VECTOR.headers;
      expect(verifySignature('smartrecruiters', incoming(sent, without), VECTOR.secret, options).ok).toBe(false);
    }
    expect(verifySignature('smartrecruiters', incoming(sent, VECTOR.headers), `${VECTOR.secret}x`, options).ok).toBe(
      false,
    );
  });

  it('refuses a stale or future timestamp, and one that is not seconds', () => {
    expect(
      verifySignature('smartrecruiters', incoming(sent, VECTOR.headers), VECTOR.secret, {
        now: VECTOR.at + 301_000,
        toleranceSeconds: 300,
      }),
    ).toEqual({
      ok: false,
      reason: 'smartrecruiters-timestamp is outside the tolerance',
    });
    expect(
      verifySignature('smartrecruiters', incoming(sent, VECTOR.headers), VECTOR.secret, {
        now: VECTOR.at - 301_000,
        toleranceSeconds: 300,
      }).ok,
    ).toBe(false);
    expect(
      verifySignature('smartrecruiters', incoming(sent, VECTOR.headers), VECTOR.secret, {
        now: VECTOR.at + 300_000,
        toleranceSeconds: 300,
      }).ok,
    ).toBe(true);
    expect(
      verifySignature(
        'smartrecruiters',
        incoming(sent, { ...VECTOR.headers, 'smartrecruiters-timestamp': '1574080897.0' }),
        VECTOR.secret,
        options,
      ).ok,
    ).toBe(false);
  });

  it('accepts any listed v1 entry (several live keys while a key is rotated) and skips other schemes and junk', () => {
    const other = `v1=${'0'.repeat(64)}`;
    for (const list of [
      `${other};${VECTOR.headers['smartrecruiters-signature']}`,
      `v2=abc; ${VECTOR.headers['smartrecruiters-signature']} ;junk`,
      `${VECTOR.headers['smartrecruiters-signature']};${other}`,
    ]) {
      expect(
        verifySignature(
          'smartrecruiters',
          incoming(sent, { ...VECTOR.headers, 'smartrecruiters-signature': list }),
          VECTOR.secret,
          options,
        ),
      ).toEqual({ ok: true });
    }
    for (const list of [
      other,
      'v2=2e9291f10d44ca10204a4cd81b05d73b6a316b2b605d4e2e0e0b37b40198ce1f',
      'v1=2e9291f1',
      '',
      ';;;',
    ]) {
      expect(
        verifySignature(
          'smartrecruiters',
          incoming(sent, { ...VECTOR.headers, 'smartrecruiters-signature': list }),
          VECTOR.secret,
          options,
        ).ok,
      ).toBe(false);
    }
  });
});

describe('SmartRecruiters signature headers and delivery ids', () => {
  const body = Buffer.from('{"candidateId":"c-1","jobId":"j-1"}');

  it('names what is missing', () => {
    expect(verifySignature('smartrecruiters', incoming(body, {}), 'k'.repeat(20), options)).toEqual({
      ok: false,
      reason: 'missing smartrecruiters-timestamp or smartrecruiters-signature',
    });
    expect(
      verifySignature(
        'smartrecruiters',
        incoming(body, { 'smartrecruiters-timestamp': 'soon', 'smartrecruiters-signature': 'v1=00' }),
        'k'.repeat(20),
        options,
      ),
    ).toEqual({
      ok: false,
      reason: 'smartrecruiters-timestamp must be seconds since the epoch',
    });
  });

  it('takes the signed event-id as the delivery id (the same on re-deliveries), else the signed message’s hash', () => {
    const signed = signLike('smartrecruiters', 'k'.repeat(20), body, { id: 'evt-1', timestamp: 1_700_000_000 });
    expect(deliveryIdOf('smartrecruiters', incoming(body, signed), {})).toBe('event:evt-1');
    const { 'event-id': _id, ...withoutId } = signed;
    const first = deliveryIdOf('smartrecruiters', incoming(body, withoutId), {});
    expect(first).toMatch(/^signed-sha256:[0-9a-f]{64}$/);
    expect(deliveryIdOf('smartrecruiters', incoming(body, withoutId), {})).toBe(first);
    expect(
      deliveryIdOf('smartrecruiters', incoming(body, { ...withoutId, 'smartrecruiters-timestamp': '1700000001' }), {}),
    ).not.toBe(first);
  });

  it('is a vendor that issues its own secret key (pasted in, never generated here)', () => {
    expect(VENDOR_ISSUED_SECRETS.smartrecruiters).toBe('secret key');
  });
});

describe('SmartRecruiters deliveries as intents', () => {
  const map = (body: unknown, event: string) => mapDelivery('smartrecruiters', body, {}, { event });

  it('fetches the candidate of a new application, whichever spelling of the ids the body uses', () => {
    for (const body of [
      { candidateId: 'c-1', jobId: 'j-1' },
      { candidate_id: 'c-1', job_id: 'j-1' },
      { candidate: { id: 'c-1' }, job: { id: 'j-1' } },
    ]) {
      expect(map(body, 'application.created')).toEqual({
        kind: 'fetch_smartrecruiters',
        candidate: { candidateId: 'c-1', applicationIds: ['c-1:j-1'] },
        jobId: 'j-1',
        trigger: 'application',
      });
    }
    expect(map({ candidateId: 'c-1', jobId: 'j-1' }, 'application.status.updated')).toMatchObject({
      kind: 'fetch_smartrecruiters',
      trigger: 'status',
    });
  });

  it('rescreens on candidate.updated, erases on candidate.deleted ({"id": …}), and ignores other events', () => {
    expect(map({ id: 'c-1' }, 'candidate.updated')).toEqual({
      kind: 'fetch_smartrecruiters',
      candidate: { candidateId: 'c-1' },
      trigger: 'update',
    });
    expect(map({ id: 'c-1' }, 'candidate.deleted')).toEqual({
      kind: 'erase',
      candidate: { candidateId: 'c-1' },
      reason: 'deleted in SmartRecruiters',
      withdraw: true,
    });
    expect(map({ id: 'j-1' }, 'job.created')).toEqual({ kind: 'ignore', reason: 'event not acted on: job.created' });
  });

  it('refuses for good a body that names no candidate or job, a body that is not an object, and no event name', () => {
    expect(() => map({ id: 'x' }, 'application.created')).toThrow(UnmappableDeliveryError);
    expect(() => map({ candidateId: 'c-1' }, 'application.created')).toThrow(
      'The body names no job (jobId, job_id or job.id)',
    );
    expect(() => map({}, 'candidate.deleted')).toThrow('The body names no candidate (id)');
    expect(() => map([1], 'application.created')).toThrow('The body is not a JSON object');
    expect(() => mapDelivery('smartrecruiters', { candidateId: 'c-1', jobId: 'j-1' })).toThrow(
      'The delivery has no event-name header',
    );
  });

  it('reads the event from the header at intake, and the candidate from the body', () => {
    expect(eventOf('smartrecruiters', { candidate_id: 'c-1', job_id: 'j-1' }, 'application.created')).toEqual({
      event: 'application.created',
      candidateId: 'c-1',
    });
    expect(eventOf('smartrecruiters', { id: 'c-2' }, 'candidate.deleted')).toEqual({
      event: 'candidate.deleted',
      candidateId: 'c-2',
    });
    expect(eventOf('smartrecruiters', { id: 'c-2' })).toEqual({ event: 'unknown' });
  });

  it('reads an application status: hired rescreens, rejected or withdrawn close the case, back in the process reopens it', () => {
    expect(smartRecruitersStatusChange({ status: 'HIRED' })).toBe('hired');
    expect(smartRecruitersStatusChange({ status: 'REJECTED' })).toBe('rejected');
    expect(smartRecruitersStatusChange({ status: 'WITHDRAWN' })).toBe('rejected');
    expect(smartRecruitersStatusChange({ status: 'IN_REVIEW' })).toBe('active');
    expect(smartRecruitersStatusChange({ status: 'LEAD' })).toBe('none');
    expect(smartRecruitersStatusChange({})).toBe('none');
  });
});

describe('SmartRecruiters candidates as the applicant contract', () => {
  const candidate = {
    id: 'c-1',
    firstName: 'Dana',
    lastName: 'Whitfield',
    email: 'dana@example.org',
    phoneNumber: '+1 415 555 0100',
    location: { country: 'United States', countryCode: 'us', regionCode: 'CA', city: 'San Francisco' },
    web: {
      linkedin: 'https://www.linkedin.com/in/dana-whitfield',
      website: 'dana.example.org',
      twitter: 'https://twitter.com/dana',
    },
    primaryAssignment: { job: { id: 'j-1', title: 'Engineer' }, status: 'NEW' },
  };

  it('maps name, e-mail, phone, claimed location and links; the case is the application (candidate:job)', () => {
    const applicant = mapSmartRecruitersCandidate(candidate, 'j-1', {});
    expect(applicant).toEqual({
      source: 'smartrecruiters',
      externalId: 'c-1:j-1',
      person: { legalName: 'Dana Whitfield', email: 'dana@example.org', phone: '+1 415 555 0100' },
      claimedLocation: { city: 'San Francisco', region: 'CA', country: 'US' },
      profiles: {
        linkedin: { url: 'https://www.linkedin.com/in/dana-whitfield' },
        portfolioUrl: 'https://dana.example.org/',
      },
    });
    expect(() => parseApplicant(applicant)).not.toThrow();
  });

  it('leaves out what the contract would refuse, and has no externalId for a candidate-level update', () => {
    const applicant = mapSmartRecruitersCandidate(
      { id: 'c-2', firstName: 'Lee', email: 'not-an-email', phoneNumber: '555', location: { country: 'Remote' } },
      undefined,
      {},
    );
    expect(applicant).toEqual({ source: 'smartrecruiters', person: { legalName: 'Lee' } });
  });

  it('refuses a candidate without an id or a name', () => {
    expect(() => mapSmartRecruitersCandidate({ firstName: 'Lee' }, 'j', {})).toThrow(
      'The SmartRecruiters candidate has no id',
    );
    expect(() => mapSmartRecruitersCandidate({ id: 'c-3' }, 'j', {})).toThrow(
      'The SmartRecruiters candidate has no firstName or lastName',
    );
  });
});

describe('SmartRecruiters API client', () => {
  const outbound = new OutboundClient([{ host: '127.0.0.1' }]);
  let server: http.Server;
  let baseUrl: string;
  let answer: { status: number; body: string } = { status: 200, body: '{}' };
  const seen: string[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push(`${req.url} ${String(req.headers['x-smarttoken'])}`);
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('GETs the candidate and the application with the key in X-SmartToken, ids escaped', async () => {
    answer = { status: 200, body: JSON.stringify({ id: 'c/1', firstName: 'Dana' }) };
    await expect(
      fetchSmartRecruitersCandidate(outbound, { apiKey: 'sr-key', apiBaseUrl: baseUrl }, 'c/1'),
    ).resolves.toEqual({
      id: 'c/1',
      firstName: 'Dana',
    });
    expect(seen.at(-1)).toBe('/candidates/c%2F1 sr-key');
    answer = { status: 200, body: JSON.stringify({ status: 'HIRED' }) };
    await expect(
      fetchSmartRecruitersApplication(outbound, { apiKey: 'sr-key', apiBaseUrl: baseUrl }, 'c-1', 'j 1'),
    ).resolves.toEqual({
      status: 'HIRED',
    });
    expect(seen.at(-1)).toBe('/candidates/c-1/jobs/j%201 sr-key');
  });

  it('fails for good without a key or when SmartRecruiters refuses, and lets the queue retry an outage', async () => {
    await expect(fetchSmartRecruitersCandidate(outbound, { apiBaseUrl: baseUrl }, 'c-1')).rejects.toThrow(
      PermanentDeliveryError,
    );
    for (const status of [401, 403, 404]) {
      answer = { status, body: '{}' };
      await expect(
        fetchSmartRecruitersCandidate(outbound, { apiKey: 'sr-key', apiBaseUrl: baseUrl }, 'c-1'),
      ).rejects.toThrow(PermanentDeliveryError);
    }
    for (const [status, body] of [
      [503, '{}'],
      [200, 'not json'],
    ] as const) {
      answer = { status, body };
      const failure = await fetchSmartRecruitersCandidate(
        outbound,
        { apiKey: 'sr-key', apiBaseUrl: baseUrl },
        'c-1',
      ).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(Error);
      expect(failure).not.toBeInstanceOf(PermanentDeliveryError);
    }
  });
});
