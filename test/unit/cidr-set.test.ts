// CidrSet gives node:net BlockList's answers (Node 20), which it replaced where every session IP is checked: proven on
// random ranges and on the addresses at and either side of their edges, spelled every way net.isIP accepts.
import { BlockList, isIP, isIPv4, isIPv6 } from 'node:net';
import fc from 'fast-check';
import { CidrSet, type IpFamily } from '../../src/intel/cidr-set';
import { parseCidrList } from '../../src/intel/network';
import { createIpLinkFilter } from '../../src/links/ip-link-filter';
import { fuzzOptions } from '../support/fuzz-inputs';

const ALL = (1n << 128n) - 1n;
const MAPPED = 0xffffn << 32n;

/** How to write an address: each a choice net.isIP accepts (and the zone one that libuv cuts short). */
interface Spelling {
  asIpv4: boolean; // an IPv4-mapped address as its plain dotted quad
  dotted: boolean; // the last 32 bits as a dotted quad
  pad: boolean; // groups as four hex digits
  upper: boolean;
  compress: number; // which run of zero groups becomes '::' (-1: none)
  zone: string | null;
}

const spelling: fc.Arbitrary<Spelling> = fc.record({
  asIpv4: fc.boolean(),
  dotted: fc.boolean(),
  pad: fc.boolean(),
  upper: fc.boolean(),
  compress: fc.oneof(fc.constant(-1), fc.nat(40)),
  zone: fc.option(fc.constantFrom('eth0', '1', 'lo', 'en0.5', 'a:b', 'x-y'), { nil: null }),
});

function dottedQuad(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => (value >> shift) & 0xffn).join('.');
}

function spell(value: bigint, how: Spelling): string {
  if (how.asIpv4 && value >> 32n === 0xffffn) return dottedQuad(value);
  const groups = [112n, 96n, 80n, 64n, 48n, 32n, 16n, 0n].map((shift) => Number((value >> shift) & 0xffffn));
  const hex = (how.dotted ? groups.slice(0, 6) : groups).map((group) => {
    const text = how.pad ? group.toString(16).padStart(4, '0') : group.toString(16);
    return how.upper ? text.toUpperCase() : text;
  });
  const parts = how.dotted ? [...hex, dottedQuad(value)] : hex;
  // Every run of zero groups (any start, any length) can be the one written '::'.
  const runs: [number, number][] = [];
  for (let start = 0; start < hex.length; start++)
    for (let end = start; end < hex.length && groups[end] === 0; end++) runs.push([start, end + 1]);
  let text = parts.join(':');
  if (how.compress >= 0 && runs.length > 0) {
    const [start, end] = runs[how.compress % runs.length]!;
    text = `${parts.slice(0, start).join(':')}::${parts.slice(end).join(':')}`;
  }
  return how.zone === null ? text : `${text}%${how.zone}`;
}

const ipv4Value = fc.oneof(
  fc.integer({ min: 0, max: 0xffffffff }),
  fc.constantFrom(0, 0xffffffff, 0x0a000000, 0x7f000001, 0xac100000, 0xc0a80000, 0x64400000, 0xa9fe0000, 0x08080808),
);
const address128 = fc.oneof(
  fc.bigInt({ min: 0n, max: ALL }),
  ipv4Value.map((value) => MAPPED | BigInt(value)),
  ipv4Value.map((value) => BigInt(value)), // IPv4-compatible (::a.b.c.d): not the IPv4 address
  // Zero and all-ones groups, for '::' in every place.
  fc
    .array(fc.oneof(fc.constant(0), fc.constant(0xffff), fc.integer({ min: 0, max: 0xffff })), {
      minLength: 8,
      maxLength: 8,
    })
    .map((groups) => groups.reduce((value, group) => (value << 16n) | BigInt(group), 0n)),
  fc.constantFrom(0n, 1n, ALL, MAPPED, MAPPED - 1n, MAPPED | 0xffffffffn, 0xfe80n << 112n, 0x20010db8n << 96n),
);

interface Range {
  family: IpFamily;
  address: string;
  network: bigint; // as 128 bits, an IPv4 range mapped
  prefix: number; // of the 128
}

const range: fc.Arbitrary<Range> = fc.oneof(
  fc.tuple(ipv4Value, fc.integer({ min: 0, max: 32 })).map(([value, prefix]) => ({
    family: 'ipv4' as const,
    address: dottedQuad(BigInt(value)),
    network: MAPPED | BigInt(value),
    prefix: prefix + 96,
  })),
  fc
    .tuple(address128, fc.oneof(fc.integer({ min: 0, max: 128 }), fc.integer({ min: 94, max: 128 })), spelling)
    .map(([value, prefix, how]) => ({
      family: 'ipv6' as const,
      address: spell(value, { ...how, asIpv4: false }),
      network: value,
      prefix,
    })),
);

/** First and last address of each range and the one either side (wrapping round the address space). */
function edges(ranges: Range[]): bigint[] {
  return ranges.flatMap(({ network, prefix }) => {
    const host = ALL >> BigInt(prefix);
    const first = network & ~host & ALL;
    const last = first | host;
    return [first, last, (first - 1n) & ALL, (last + 1n) & ALL];
  });
}

const familyOf = (ip: string): IpFamily => (isIPv4(ip) ? 'ipv4' : 'ipv6');

describe('CidrSet answers as BlockList', () => {
  it('for random ranges, at and around their edges and anywhere, in every spelling', () => {
    fc.assert(
      fc.property(
        fc.array(range, { maxLength: 6 }),
        fc.array(address128, { maxLength: 8 }),
        fc.array(spelling, { minLength: 1, maxLength: 4 }),
        (ranges, elsewhere, spellings) => {
          const set = new CidrSet();
          const blockList = new BlockList();
          for (const { address, prefix, family } of ranges) {
            const bits = family === 'ipv4' ? prefix - 96 : prefix;
            let refused = false;
            try {
              blockList.addSubnet(address, bits, family);
            } catch {
              refused = true; // a long address with a zone id, cut short by libuv into no address
            }
            expect([address, set.add(address, bits, family)]).toEqual([address, !refused]);
          }
          for (const value of [...edges(ranges), ...elsewhere])
            for (const how of spellings) {
              const ip = spell(value, how);
              expect([ip, isIP(ip) !== 0]).toEqual([ip, true]);
              expect([ip, set.has(ip)]).toEqual([ip, blockList.check(ip, familyOf(ip))]);
            }
        },
      ),
      fuzzOptions(400),
    );
  });

  it.each([
    // An IPv4 range holds the IPv4-mapped form however written, not the IPv4-compatible one.
    ['10.0.0.0', 8, 'ipv4', '::ffff:10.1.2.3', true],
    ['10.0.0.0', 8, 'ipv4', '::FFFF:a01:203', true],
    ['10.0.0.0', 8, 'ipv4', '0:0:0:0:0:ffff:10.1.2.3%eth0', true],
    ['10.0.0.0', 8, 'ipv4', '::10.1.2.3', false],
    ['0.0.0.0', 0, 'ipv4', '::1', false],
    // An IPv6 range holds an IPv4 address when it holds its mapped form.
    ['::ffff:0:0', 96, 'ipv6', '203.0.113.9', true],
    ['::ffff:10.1.2.3', 128, 'ipv6', '10.1.2.3', true],
    ['::', 1, 'ipv6', '8.8.8.8', true],
    ['8000::', 1, 'ipv6', '8.8.8.8', false],
    // A zone id is ignored...
    ['fe80::', 10, 'ipv6', 'FE80::1%eth0', true],
    ['fe80::1%lo', 128, 'ipv6', 'fe80::1', true],
    // ...after the address before it is cut to 39 characters: a last octet cut short, or no address left.
    ['1.2.255.2', 32, 'ipv4', '0000:0000:0000:0000:0000:ffff:1.2.255.255%e', true],
    ['1.2.255.255', 32, 'ipv4', '0000:0000:0000:0000:0000:ffff:1.2.255.255%e', false],
    ['1.2.255.255', 32, 'ipv4', '0000:0000:0000:0000:0000:ffff:1.2.255.255', true],
    ['::', 0, 'ipv6', '0000:0000:0000:0000:0000:ffff:255.255.255.255%eth0', false],
  ] as const)('%s/%d (%s) holding %s: %s', (address, prefix, family, ip, expected) => {
    const set = new CidrSet();
    set.add(address, prefix, family);
    const blockList = new BlockList();
    blockList.addSubnet(address, prefix, family);
    expect(set.has(ip)).toBe(expected);
    expect(blockList.check(ip, familyOf(ip))).toBe(expected);
  });

  it('holds nothing for a string that is no address (as BlockList holds none)', () => {
    const set = new CidrSet();
    set.add('::', 0, 'ipv6');
    set.add('0.0.0.0', 0, 'ipv4');
    const blockList = new BlockList();
    blockList.addSubnet('::', 0, 'ipv6');
    for (const text of [
      '',
      'nope',
      '1.2.3',
      '01.2.3.4',
      '1.2.3.4.5',
      '1:2',
      ':1::',
      '1:::2',
      '::ffff:1.2.3.04',
      '%eth0',
      '1:2:3:4:5:6:7:8:9',
      '1::2:3:4:5:6:7:8',
      '1::3:4:5:6:7:8:1.2.3.4',
      '1:2:3:4:5:6:7:1.2.3.4',
      '12345::',
      '1::2:',
    ]) {
      expect([text, set.has(text)]).toEqual([text, false]);
      expect([text, blockList.check(text, familyOf(text))]).toEqual([text, false]);
    }
  });
});

describe('the IP link filter', () => {
  const isLinkable = createIpLinkFilter('73.250.0.0/16, 2a00:1450::/32');

  it.each([
    // range, one before, first, last, one after
    ['10.0.0.0/8', '9.255.255.255', '10.0.0.0', '10.255.255.255', '11.0.0.0'],
    ['172.16.0.0/12', '172.15.255.255', '172.16.0.0', '172.31.255.255', '172.32.0.0'],
    ['192.168.0.0/16', '192.167.255.255', '192.168.0.0', '192.168.255.255', '192.169.0.0'],
    ['100.64.0.0/10', '100.63.255.255', '100.64.0.0', '100.127.255.255', '100.128.0.0'],
    ['127.0.0.0/8', '126.255.255.255', '127.0.0.0', '127.255.255.255', '128.0.0.0'],
    ['169.254.0.0/16', '169.253.255.255', '169.254.0.0', '169.254.255.255', '169.255.0.0'],
    ['192.0.2.0/24', '192.0.1.255', '192.0.2.0', '192.0.2.255', '192.0.3.0'],
    ['198.51.100.0/24', '198.51.99.255', '198.51.100.0', '198.51.100.255', '198.51.101.0'],
    ['203.0.113.0/24', '203.0.112.255', '203.0.113.0', '203.0.113.255', '203.0.114.0'],
    [
      'fc00::/7',
      'fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
      'fc00::',
      'fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
      'fe00::',
    ],
    [
      'fe80::/10',
      'fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
      'fe80::',
      'febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
      'fec0::',
    ],
    ['::1/128', '::', '::1', '0:0:0:0:0:0:0:1', '::2'],
    [
      '2001:db8::/32',
      '2001:db7:ffff:ffff:ffff:ffff:ffff:ffff',
      '2001:db8::',
      '2001:db8:ffff:ffff:ffff:ffff:ffff:ffff',
      '2001:db9::',
    ],
    ['73.250.0.0/16 (configured)', '73.249.255.255', '73.250.0.0', '73.250.255.255', '73.251.0.0'],
    [
      '2a00:1450::/32 (configured)',
      '2a00:144f:ffff:ffff:ffff:ffff:ffff:ffff',
      '2a00:1450::',
      '2a00:1450:ffff:ffff:ffff:ffff:ffff:ffff',
      '2a00:1451::',
    ],
  ])('%s never links; the addresses either side do', (_range, before, first, last, after) => {
    expect([before, first, last, after].map((ip) => isLinkable(ip, 'other'))).toEqual([true, false, false, true]);
  });

  it.each([
    ['::ffff:10.1.2.3', false],
    ['::ffff:8.8.8.8', true],
    ['::10.1.2.3', true],
    ['FE80::1%eth0', false],
    ['2A00:1450:4001::1', false],
    ['36.110.1.2', true],
    ['2a03:2880:f12f:83:face:b00c::25de', true],
  ])('%s links: %s', (ip, expected) => {
    expect(isLinkable(ip, 'other')).toBe(expected);
  });

  it('links no IP of a VPN, a hosting provider or the employer', () => {
    for (const kind of ['vpn', 'hosting', 'corporate']) expect(isLinkable('8.8.8.8', kind)).toBe(false);
  });
});

// parseCidrList as it was, on BlockList, with one refusal added since (a prefix that is not plain digits, or a second
// '/'): the oracle for which lists are refused and what they hold.
function parseWithBlockList(value: string): BlockList | null {
  const list = new BlockList();
  let count = 0;
  for (const cidr of value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)) {
    const [address, prefix, extra] = cidr.split('/');
    if (extra !== undefined || (prefix !== undefined && !/^\d{1,3}$/.test(prefix)))
      throw new Error(`not a CIDR: ${cidr}`);
    const family = isIPv4(address ?? '') ? 'ipv4' : isIPv6(address ?? '') ? 'ipv6' : null;
    const bits = Number(prefix ?? (family === 'ipv4' ? 32 : 128));
    if (!family || !Number.isInteger(bits) || bits < 0 || bits > (family === 'ipv4' ? 32 : 128))
      throw new Error(`not a CIDR: ${cidr}`);
    list.addSubnet(address!, bits, family);
    count += 1;
  }
  return count > 0 ? list : null;
}

function outcome<T>(parse: () => T): { value: T } | { error: string } {
  try {
    return { value: parse() };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

describe('parseCidrList', () => {
  it('refuses and holds what it did on BlockList', () => {
    // Prefix texts as an operator might mistype them; not '-0', on which BlockList aborted the process.
    const prefixText = fc.constantFrom(
      '',
      '0',
      '8',
      '32',
      '33',
      '64',
      '128',
      '129',
      '-1',
      ' 8',
      '0x10',
      '1e1',
      '8.5',
      'x',
      '8/9',
    );
    const item = fc.oneof(
      fc
        .tuple(range, fc.option(prefixText, { nil: null }))
        .map(([{ address, family, prefix }, text]) =>
          text === null ? `${address}/${family === 'ipv4' ? prefix - 96 : prefix}` : `${address}/${text}`,
        ),
      fc.tuple(address128, spelling).map(([value, how]) => spell(value, how)),
      fc.constantFrom('nope', '10.0.0', '/8', '01.0.0.0/8', '10.0.0.0//8', ''),
    );
    fc.assert(
      fc.property(
        fc.array(item, { maxLength: 4 }),
        fc.array(fc.tuple(address128, spelling), { maxLength: 8 }),
        (items, probes) => {
          const text = items.join(', ');
          const before = outcome(() => parseWithBlockList(text));
          const after = outcome(() => parseCidrList(text));
          if ('error' in before) {
            expect('error' in after).toBe(true);
            // A long address with a zone id was refused by BlockList itself, as 'Invalid socket address'.
            if (before.error.startsWith('not a CIDR')) expect(after).toEqual(before);
            return;
          }
          expect('value' in after && (after.value === null) === (before.value === null)).toBe(true);
          if (!('value' in after) || !after.value || !before.value) return;
          for (const ip of probes.map(([value, how]) => spell(value, how)))
            expect([ip, after.value.has(ip)]).toEqual([ip, before.value.check(ip, familyOf(ip))]);
        },
      ),
      fuzzOptions(300),
    );
  });

  it.each([
    'nope',
    '10.0.0.0/33',
    '::/129',
    '10.0.0.0/8.5',
    '1.2.3.4/-1',
    '10.0.0.0/8, 2001:db8::/x',
    // BlockList aborted the process on a prefix of -0, and refused this address as 'Invalid socket address'.
    '1.2.3.4/-0',
    '0000:0000:0000:0000:0000:ffff:255.255.255.255%eth0/128',
    // Typos that Number() read as a prefix: an empty one (/0, every address), hex, exponent, spaces, a second '/'.
    '10.0.0.0/',
    '10.0.0.0/0x10',
    '10.0.0.0/1e1',
    '10.0.0.0/ 8',
    '10.0.0.0/8/9',
  ])('refuses %s', (text) => {
    expect(() => parseCidrList(text)).toThrow(/^not a CIDR: /);
  });

  it('is null for an empty list', () => {
    expect(parseCidrList(undefined)).toBeNull();
    expect(parseCidrList(' , ')).toBeNull();
  });
});
