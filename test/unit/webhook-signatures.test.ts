// Signature checks per vendor over raw bytes, delivery ids, and the secret box that seals source secrets.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { describeWithSharedData, sharedData } from '../support/shared-data';
import { SecretBox } from '../../src/crypto/secret-box';
import {
  deliveryIdOf,
  generateSecret,
  leverFieldsAgree,
  leverSignature,
  leverSignedFields,
  signLike,
  UNSIGNED_DELIVERY_ID_VENDORS,
  verifySignature,
  type IncomingDelivery,
} from '../../src/crypto/signatures';

const ats = sharedData('ats');
const NOW = Date.parse('2026-11-23T12:00:00Z');
const options = { now: NOW, toleranceSeconds: 300 };

function incoming(rawBody: Buffer | string, headers: Record<string, string> = {}): IncomingDelivery {
  const lower = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  return { rawBody: Buffer.from(rawBody), header: (name) => lower[name.toLowerCase()] };
}

describe('Standard Webhooks (generic)', () => {
  // The specification's published test vector, reproduced by its reference libraries.
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const body = '{"test": 2432232314}';
  const at = 1614265330 * 1000;
  const headers = {
    'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
    'webhook-timestamp': '1614265330',
    'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
  };

  it('accepts the specification test vector and signs it identically', () => {
    expect(verifySignature('generic', incoming(body, headers), secret, { now: at, toleranceSeconds: 300 })).toEqual({
      ok: true,
    });
    expect(
      signLike('generic', secret, Buffer.from(body), { id: headers['webhook-id'], timestamp: 1614265330 })[
        'webhook-signature'
      ],
    ).toBe(headers['webhook-signature']);
  });

  it('accepts any matching entry of a space-separated list (key rotation) and ignores other versions', () => {
    const list = `v1a,ZmFrZQ== v1,AAAA${'A'.repeat(40)} ${headers['webhook-signature']}`;
    expect(
      verifySignature('generic', incoming(body, { ...headers, 'webhook-signature': list }), secret, {
        now: at,
        toleranceSeconds: 300,
      }).ok,
    ).toBe(true);
  });

  it('refuses a timestamp outside the tolerance, either way, and a non-numeric one', () => {
    expect(
      verifySignature('generic', incoming(body, headers), secret, { now: at + 301_000, toleranceSeconds: 300 }),
    ).toEqual({ ok: false, reason: 'webhook-timestamp is outside the tolerance' });
    expect(
      verifySignature('generic', incoming(body, headers), secret, { now: at - 301_000, toleranceSeconds: 300 }).ok,
    ).toBe(false);
    expect(
      verifySignature('generic', incoming(body, { ...headers, 'webhook-timestamp': '1614265330.5' }), secret, {
        now: at,
        toleranceSeconds: 300,
      }).ok,
    ).toBe(false);
  });

  it('refuses a changed body, id or timestamp, and missing headers', () => {
    const check = (raw: string, changed: Record<string, string>) =>
      verifySignature('generic', incoming(raw, { ...headers, ...changed }), secret, { now: at, toleranceSeconds: 300 })
        .ok;
    expect(check('{"test": 2432232315}', {})).toBe(false);
    expect(check(body, { 'webhook-id': 'msg_other' })).toBe(false);
    expect(check(body, { 'webhook-timestamp': '1614265331' })).toBe(false);
    expect(verifySignature('generic', incoming(body, {}), secret, options)).toEqual({
      ok: false,
      reason: 'missing webhook-id, webhook-timestamp or webhook-signature',
    });
  });
});

describeWithSharedData(ats, 'Greenhouse and Ashby', () => {
  // Read when the block runs: a skipped block's body is still collected.
  let body: Buffer;
  beforeAll(() => {
    body = fs.readFileSync(ats.file('greenhouse-new_candidate_application.json'));
  });

  it('verify the HMAC of the exact bytes, in each vendor’s header format', () => {
    const expected = crypto.createHmac('sha256', 'k'.repeat(20)).update(body).digest('hex');
    expect(
      verifySignature('greenhouse', incoming(body, { Signature: `sha256 ${expected}` }), 'k'.repeat(20), options),
    ).toEqual({ ok: true });
    expect(
      verifySignature('ashby', incoming(body, { 'Ashby-Signature': `sha256=${expected}` }), 'k'.repeat(20), options),
    ).toEqual({ ok: true });
    // Upper-case hex is the same digest.
    expect(
      verifySignature(
        'greenhouse',
        incoming(body, { Signature: `sha256 ${expected.toUpperCase()}` }),
        'k'.repeat(20),
        options,
      ).ok,
    ).toBe(true);
  });

  it('refuse the other vendor’s format, a truncated digest and a body that differs by one byte', () => {
    const expected = crypto.createHmac('sha256', 'secret').update(body).digest('hex');
    expect(
      verifySignature('greenhouse', incoming(body, { Signature: `sha256=${expected}` }), 'secret', options).ok,
    ).toBe(false);
    expect(
      verifySignature('ashby', incoming(body, { 'Ashby-Signature': `sha256 ${expected}` }), 'secret', options).ok,
    ).toBe(false);
    expect(
      verifySignature('greenhouse', incoming(body, { Signature: `sha256 ${expected.slice(0, 62)}` }), 'secret', options)
        .ok,
    ).toBe(false);
    const changed = Buffer.from(body);
    changed[changed.length - 2] = changed[changed.length - 2]! ^ 1;
    expect(
      verifySignature('greenhouse', incoming(changed, { Signature: `sha256 ${expected}` }), 'secret', options),
    ).toEqual({ ok: false, reason: 'signature does not match the body' });
  });

  it('take the delivery id from Greenhouse-Event-ID or webhookActionId, else from the body hash', () => {
    expect(deliveryIdOf('greenhouse', incoming(body, { 'Greenhouse-Event-ID': 'evt-1' }), undefined)).toBe('evt-1');
    expect(deliveryIdOf('greenhouse', incoming(body), undefined)).toBe(
      `sha256:${crypto.createHash('sha256').update(body).digest('hex')}`,
    );
    expect(deliveryIdOf('ashby', incoming('{}'), { webhookActionId: '75395d87-4044-4dc4-bc29-0cec185e5f06' })).toBe(
      '75395d87-4044-4dc4-bc29-0cec185e5f06',
    );
  });

  it('name Greenhouse as the only vendor whose delivery id the signature does not cover (its bodies are deduplicated too)', () => {
    // Greenhouse-Event-ID is a header outside the HMAC; Ashby's webhookActionId is in the signed body, Lever's token is
    // signed, Standard Webhooks sign webhook-id.
    expect(UNSIGNED_DELIVERY_ID_VENDORS).toEqual(['greenhouse']);
  });
});

describe('Lever', () => {
  // The token and triggeredAt of Lever's published candidateHired test delivery.
  const token = '657fd5a0759c87d35660b096dbc388d1d31058869f08ce3f';
  const triggeredAt = 1431458021951;

  it('verifies HMAC(token + triggeredAt) from the body, within a day of now', () => {
    const body = {
      event: 'candidateHired',
      data: {},
      token,
      triggeredAt,
      signature: leverSignature('signing-token', token, triggeredAt),
    };
    expect(
      verifySignature('lever', incoming(JSON.stringify(body)), 'signing-token', {
        now: triggeredAt + 60_000,
        toleranceSeconds: 300,
      }),
    ).toEqual({ ok: true });
    expect(
      verifySignature('lever', incoming(JSON.stringify(body)), 'signing-token', {
        now: triggeredAt + 25 * 3600_000,
        toleranceSeconds: 300,
      }),
    ).toEqual({ ok: false, reason: 'triggeredAt is too far from now' });
    // triggeredAt sent as a string of digits is signed the same way.
    const asText = JSON.stringify({ ...body, triggeredAt: String(triggeredAt) });
    expect(
      verifySignature('lever', incoming(asText), 'signing-token', { now: triggeredAt, toleranceSeconds: 300 }),
    ).toEqual({ ok: true });
  });

  it('refuses a wrong key and missing fields', () => {
    const body = JSON.stringify({ token, triggeredAt, signature: leverSignature('signing-token', token, triggeredAt) });
    expect(
      verifySignature('lever', incoming(body), 'another-token', { now: triggeredAt, toleranceSeconds: 300 }).ok,
    ).toBe(false);
    expect(verifySignature('lever', incoming(JSON.stringify({ token })), 'signing-token', options)).toEqual({
      ok: false,
      reason: 'body lacks token, triggeredAt or signature',
    });
    expect(verifySignature('lever', incoming('null'), 'signing-token', options).ok).toBe(false);
  });

  describeWithSharedData(ats, 'Lever’s published test delivery', () => {
    it('is refused: its signature is a placeholder that is not even hex', () => {
      const published = fs.readFileSync(ats.file('lever-candidateHired-test.json'), 'utf8');
      expect(
        verifySignature('lever', incoming(published), 'signing-token', { now: triggeredAt, toleranceSeconds: 300 }),
      ).toEqual({ ok: false, reason: 'body lacks token, triggeredAt or signature' });
    });
  });

  it('reads the signed fields from the raw bytes, and after parsing refuses a body whose top-level fields are other ones', () => {
    const signature = leverSignature('signing-token', token, triggeredAt);
    const good = Buffer.from(
      JSON.stringify({ event: 'candidateHired', data: { note: 'x' }, token, triggeredAt, signature }),
    );
    expect(leverSignedFields(good)).toEqual({ token, triggeredAt: String(triggeredAt), signature });
    expect(leverFieldsAgree(JSON.parse(good.toString()), good)).toBe(true);
    // A signed token + triggeredAt nested first, and other top-level fields (a duplicate key wins in JSON.parse).
    const nested = Buffer.from(
      `{"data":{"token":"${token}","triggeredAt":${triggeredAt},"signature":"${signature}"},"token":"other","triggeredAt":${triggeredAt},"signature":"${signature}"}`,
    );
    expect(
      verifySignature('lever', incoming(nested), 'signing-token', { now: triggeredAt, toleranceSeconds: 300 }).ok,
    ).toBe(true);
    expect(leverFieldsAgree(JSON.parse(nested.toString()), nested)).toBe(false);
    const duplicate = Buffer.from(
      `{"token":"${token}","triggeredAt":${triggeredAt},"signature":"${signature}","token":"replaced"}`,
    );
    expect(leverFieldsAgree(JSON.parse(duplicate.toString()), duplicate)).toBe(false);
    // A token with an escape is not read (Lever's tokens are hex): refused, never guessed.
    expect(
      leverSignedFields(Buffer.from(`{"token":"a\\u0062","triggeredAt":1,"signature":"${signature}"}`)),
    ).toBeNull();
  });

  it('uses the signed single-use token as the delivery id, never the unsigned event id', () => {
    // Lever signs only token + triggeredAt: an `id` added or changed by whoever captured a delivery must not make it new.
    expect(deliveryIdOf('lever', incoming(''), { id: 'evt-9', token })).toBe(`token:${token}`);
    expect(deliveryIdOf('lever', incoming(''), { id: 'evt-10', token })).toBe(`token:${token}`);
    expect(deliveryIdOf('lever', incoming(''), { token })).toBe(`token:${token}`);
    const long = 'x'.repeat(300);
    expect(deliveryIdOf('lever', incoming(''), { id: 'evt-11', token: long })).toBe(
      `token-sha256:${crypto.createHash('sha256').update(long).digest('hex')}`,
    );
  });
});

describe('secrets', () => {
  it('generates vendor-shaped secrets', () => {
    expect(generateSecret('generic')).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(generateSecret('greenhouse')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('seals with AES-256-GCM: no plaintext in the ciphertext, tampering detected, the previous key still opens', () => {
    const oldKey = crypto.randomBytes(32);
    const newKey = crypto.randomBytes(32);
    const sealed = new SecretBox(oldKey).encrypt('whsec_topsecretvalue');
    expect(sealed.toString('latin1')).not.toContain('topsecret');
    expect(new SecretBox(oldKey).decrypt(sealed)).toBe('whsec_topsecretvalue');
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1] = tampered[tampered.length - 1]! ^ 1;
    expect(() => new SecretBox(oldKey).decrypt(tampered)).toThrow();
    const rotated = new SecretBox(newKey, [oldKey]);
    expect(rotated.decrypt(sealed)).toBe('whsec_topsecretvalue');
    expect(rotated.isCurrent(sealed)).toBe(false);
    expect(rotated.isCurrent(rotated.encrypt('x'))).toBe(true);
    expect(() => new SecretBox(newKey).decrypt(sealed)).toThrow(/not configured/);
  });
});
