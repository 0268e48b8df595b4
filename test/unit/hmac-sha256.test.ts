// PrecomputedHmacSha256 gives node:crypto's createHmac('sha256') bytes, which it replaced for the link fingerprints
// (stored hashes must never change): RFC 4231's vectors, and random keys and messages of every length around the
// block edges, in any Unicode (lone surrogates included), with one instance reused across messages as the service does.
import crypto from 'node:crypto';
import fc from 'fast-check';
import { PrecomputedHmacSha256 } from '../../src/crypto/hmac-sha256';
import { Fingerprinter } from '../../src/links/fingerprint-keys';
import { oddUnicode, fuzzOptions } from '../support/fuzz-inputs';

const nodeHmac = (key: Uint8Array, message: string) => crypto.createHmac('sha256', key).update(message).digest();

describe('PrecomputedHmacSha256', () => {
  it('gives RFC 4231 test cases 1, 2, 6 and 7', () => {
    const cases: [Buffer, string, string][] = [
      [Buffer.alloc(20, 0x0b), 'Hi There', 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7'],
      [
        Buffer.from('Jefe'),
        'what do ya want for nothing?',
        '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
      ],
      [
        Buffer.alloc(131, 0xaa),
        'Test Using Larger Than Block-Size Key - Hash Key First',
        '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
      ],
      [
        Buffer.alloc(131, 0xaa),
        'This is a test using a larger than block-size key and a larger than block-size data. The key needs to be ' +
          'hashed before being used by the HMAC algorithm.',
        '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2',
      ],
    ];
    for (const [key, message, expected] of cases) {
      expect(new PrecomputedHmacSha256(key).digest(message).toString('hex')).toBe(expected);
    }
  });

  it('gives createHmac bytes for every message length from 0 to 300 ASCII bytes, reusing one instance', () => {
    const key = crypto.randomBytes(32);
    const hmac = new PrecomputedHmacSha256(key);
    for (let length = 0; length <= 300; length++) {
      const message = 'x'.repeat(length);
      expect(hmac.digest(message).toString('hex')).toBe(nodeHmac(key, message).toString('hex'));
    }
  });

  it('gives createHmac bytes for keys of every length from 0 to 200 bytes', () => {
    for (let length = 0; length <= 200; length++) {
      const key = crypto.randomBytes(length);
      expect(
        new PrecomputedHmacSha256(key).digest('email\u0000a@b.example').equals(nodeHmac(key, 'email\u0000a@b.example')),
      ).toBe(true);
    }
  });

  it('encodes text as Node does: accents, CJK, emoji, lone surrogates and NUL', () => {
    const key = crypto.randomBytes(32);
    const hmac = new PrecomputedHmacSha256(key);
    for (const text of [...oddUnicode, 'ÅŠÍá', '김민준', 'a'.repeat(60) + '中', '\uD800'.repeat(30), 'é'.repeat(40)]) {
      expect(hmac.digest(text).toString('hex')).toBe(nodeHmac(key, text).toString('hex'));
    }
  });

  it('keeps the first bytes asked for, as the fingerprints keep 16', () => {
    const key = crypto.randomBytes(32);
    const digest = new PrecomputedHmacSha256(key).digest('phone\u0000+15125550142', 16);
    expect(digest).toHaveLength(16);
    expect(digest.equals(nodeHmac(key, 'phone\u0000+15125550142').subarray(0, 16))).toBe(true);
    expect(new PrecomputedHmacSha256(key).digest('x', 4).equals(nodeHmac(key, 'x').subarray(0, 4))).toBe(true);
    for (const bytes of [0, 5, 33, 36])
      expect(() => new PrecomputedHmacSha256(key).digest('x', bytes)).toThrow(RangeError);
  });

  it('gives createHmac bytes for random keys and messages, a long one in between changing nothing', () => {
    const unit = fc.oneof(
      fc.integer({ min: 0, max: 0x7f }),
      fc.integer({ min: 0x80, max: 0xffff }),
      fc.integer({ min: 0xd800, max: 0xdfff }),
    );
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 0, maxLength: 150 }),
        fc.array(
          fc.array(unit, { maxLength: 200 }).map((units) => String.fromCharCode(...units)),
          {
            minLength: 1,
            maxLength: 4,
          },
        ),
        (key, messages) => {
          const hmac = new PrecomputedHmacSha256(key);
          for (const message of [...messages, 'z'.repeat(5_000), 'y'.repeat(30_000), ...messages]) {
            if (!hmac.digest(message).equals(nodeHmac(key, message))) return false;
          }
          return true;
        },
      ),
      fuzzOptions(300),
    );
  });
});

describe('Fingerprinter', () => {
  it('keeps the stored format: the first 16 bytes of HMAC-SHA-256(key, kind NUL value), under each key of a rotation', () => {
    const [key, previousKey] = [crypto.randomBytes(32), crypto.randomBytes(48)];
    const fingerprinter = new Fingerprinter(key, previousKey);
    const identifiers = [
      { kind: 'email' as const, value: 'jane.doe@example.com' },
      { kind: 'shipping_address' as const, value: '12 rue de la paix|75002|paris|fr' },
      { kind: 'payout_account' as const, value: 'Ünïcödé 名前' },
    ];
    const expected = (secret: Buffer) =>
      identifiers.map((identifier) =>
        nodeHmac(secret, `${identifier.kind}\u0000${identifier.value}`).subarray(0, 16).toString('hex'),
      );
    const looked = fingerprinter.lookupFingerprints(identifiers).map((fingerprint) => fingerprint.hash.toString('hex'));
    expect(looked).toEqual([...expected(key), ...expected(previousKey)]);
  });
});
