import { clientAddressKey, TokenBuckets } from '../../src/http/rate-limit';

describe('token buckets', () => {
  it("allows a minute's allowance at once, then refuses with the seconds until the next request is allowed", () => {
    let now = 1_000_000;
    const buckets = new TokenBuckets(6, () => now);
    for (let i = 0; i < 6; i++) expect(buckets.take('k')).toEqual({ isAllowed: true });
    // 6 a minute: one token every 10 s.
    expect(buckets.take('k')).toEqual({ isAllowed: false, retryAfterSeconds: 10 });
    now += 4_000;
    expect(buckets.take('k')).toEqual({ isAllowed: false, retryAfterSeconds: 6 });
    now += 6_000;
    expect(buckets.take('k')).toEqual({ isAllowed: true });
    expect(buckets.take('k').isAllowed).toBe(false);
  });

  it('keeps one bucket per key', () => {
    const buckets = new TokenBuckets(1, () => 0);
    expect(buckets.take('a').isAllowed).toBe(true);
    expect(buckets.take('a').isAllowed).toBe(false);
    expect(buckets.take('b').isAllowed).toBe(true);
  });

  it('refills no higher than the allowance after a long pause', () => {
    let now = 0;
    const buckets = new TokenBuckets(2, () => now);
    buckets.take('k');
    now += 3_600_000;
    expect([buckets.take('k'), buckets.take('k'), buckets.take('k')].map((taken) => taken.isAllowed)).toEqual([
      true,
      true,
      false,
    ]);
  });

  it('keeps at most maxKeys buckets, dropping the least recently used first', () => {
    const buckets = new TokenBuckets(1, () => 0, 2);
    buckets.take('a');
    buckets.take('b');
    buckets.take('a'); // a is now the most recently used (and empty)
    buckets.take('c'); // drops b
    expect(buckets.size).toBe(2);
    expect(buckets.take('a').isAllowed).toBe(false);
    expect(buckets.take('b').isAllowed).toBe(true);
  });
});

describe('client address key', () => {
  it('keeps IPv4, unwraps IPv4-mapped IPv6, and counts IPv6 per /64', () => {
    expect(clientAddressKey('203.0.113.9')).toBe('203.0.113.9');
    expect(clientAddressKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(clientAddressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(clientAddressKey('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(clientAddressKey('2001:DB8:0001:0002::9')).toBe('2001:db8:1:2::/64');
    expect(clientAddressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientAddressKey('::1')).toBe('0:0:0:0::/64');
    expect(clientAddressKey(undefined)).toBe('unknown');
  });
});
