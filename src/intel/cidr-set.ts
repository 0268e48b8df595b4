// A set of CIDR ranges giving node:net BlockList.check's answers without its cost: BlockList builds a native
// SocketAddress for every string it checks; here an IPv4 address is parsed to a number and compared under each mask.
// Same answers as BlockList (Node 20), proven against it in test/unit/cidr-set.test.ts:
// - an IPv4 address and its IPv4-mapped form (::ffff:a.b.c.d, however spelled) are one address for every range, IPv4
//   or IPv6; the IPv4-compatible form (::a.b.c.d) is not;
// - a zone id (fe80::1%eth0) is ignored, and the address before it cut to 39 characters first, as libuv's uv_ip6_addr
//   cuts it (only a padded address with a dotted quad is that long: its last octets are then cut off or refused).

export type IpFamily = 'ipv4' | 'ipv6';

const COLON = 58;
const DOT = 46;
/** The groups of the IPv6 address parsed last: one shared buffer, so that checking allocates nothing. */
const groups = new Uint16Array(8);

export class CidrSet {
  // Every range over 128 bits (an IPv4 one as ::ffff:a.b.c.d/96+prefix): four network words then four mask words.
  private readonly ranges: number[] = [];
  // The ranges holding IPv4-mapped addresses, as 32-bit network and mask: all an IPv4 address needs comparing with.
  private readonly ipv4Ranges: number[] = [];

  /** Adds address/prefix (host bits ignored); false, adding nothing, for an address not of that family or a bad prefix. */
  add(address: string, prefix: number, family: IpFamily): boolean {
    const isIpv4 = family === 'ipv4';
    // -0 too: BlockList.addSubnet aborts the process on it (its native side asserts an int32).
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > (isIpv4 ? 32 : 128) || Object.is(prefix, -0)) return false;
    const ipv4 = isIpv4 ? parseIpv4(address, 0, address.length) : -1;
    if (isIpv4 ? ipv4 < 0 : !parseIpv6(address, ipv6End(address))) return false;
    const words = isIpv4 ? [0, 0, 0xffff, ipv4 | 0] : [0, 2, 4, 6].map((i) => (groups[i]! << 16) | groups[i + 1]!);
    const bits = isIpv4 ? prefix + 96 : prefix;
    const masks = [0, 1, 2, 3].map((i) => maskOf(bits - 32 * i));
    const network = words.map((word, i) => word & masks[i]!);
    this.ranges.push(...network, ...masks);
    // An IPv4 address is compared as ::ffff:a.b.c.d: with those first 96 bits in range, only its own 32 remain to compare.
    if (network[0] === 0 && network[1] === 0 && network[2] === (0xffff & masks[2]!))
      this.ipv4Ranges.push(network[3]!, masks[3]!);
    return true;
  }

  /**
   * Whether ip is in one of the ranges: BlockList's answer for every string net.isIP accepts; false for one that is no
   * address (where BlockList reads a string only up to a NUL: it holds '10.1.2.3\0x' in 10.0.0.0/8).
   */
  has(ip: string): boolean {
    const ipv4 = parseIpv4(ip, 0, ip.length);
    if (ipv4 >= 0) {
      const address = ipv4 | 0;
      const ranges = this.ipv4Ranges;
      for (let i = 0; i < ranges.length; i += 2) if (((address ^ ranges[i]!) & ranges[i + 1]!) === 0) return true;
      return false;
    }
    if (!parseIpv6(ip, ipv6End(ip))) return false;
    const w0 = (groups[0]! << 16) | groups[1]!;
    const w1 = (groups[2]! << 16) | groups[3]!;
    const w2 = (groups[4]! << 16) | groups[5]!;
    const w3 = (groups[6]! << 16) | groups[7]!;
    const ranges = this.ranges;
    for (let i = 0; i < ranges.length; i += 8) {
      if (
        ((w0 ^ ranges[i]!) & ranges[i + 4]!) === 0 &&
        ((w1 ^ ranges[i + 1]!) & ranges[i + 5]!) === 0 &&
        ((w2 ^ ranges[i + 2]!) & ranges[i + 6]!) === 0 &&
        ((w3 ^ ranges[i + 3]!) & ranges[i + 7]!) === 0
      )
        return true;
    }
    return false;
  }
}

// The top `bits` bits of a 32-bit word set (as a signed int32, like every word here).
function maskOf(bits: number): number {
  return bits <= 0 ? 0 : bits >= 32 ? -1 : -1 << (32 - bits);
}

// Where the address ends: at a zone id's '%', and then at most 39 characters in (uv_ip6_addr's buffer).
function ipv6End(ip: string): number {
  const zone = ip.indexOf('%');
  return zone < 0 ? ip.length : Math.min(zone, 39);
}

/** s[start, end) as a dotted quad (inet_pton's: four decimal octets, no leading zeros) as 0 to 2³²-1; -1 when not one. */
function parseIpv4(s: string, start: number, end: number): number {
  let address = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (digits > 0 && octet === 0) return -1;
      octet = octet * 10 + c - 48;
      if (octet > 255) return -1;
      digits += 1;
    } else if (c === DOT && digits > 0 && dots < 3) {
      address = address * 256 + octet;
      octet = 0;
      digits = 0;
      dots += 1;
    } else return -1;
  }
  return dots === 3 && digits > 0 ? address * 256 + octet : -1;
}

/** s[0, end) as an IPv6 address into `groups` (inet_pton's rules: 1-4 hex digits a group, one '::', a dotted quad last). */
function parseIpv6(s: string, end: number): boolean {
  let count = 0;
  let gap = -1;
  let value = 0;
  let digits = 0;
  let i = 0;
  // A leading ':' only as the start of '::'.
  if (s.charCodeAt(0) === COLON) {
    if (end < 2 || s.charCodeAt(1) !== COLON) return false;
    i = 1;
  }
  let token = i;
  for (; i < end; i++) {
    const c = s.charCodeAt(i);
    const hex = hexDigit(c);
    if (hex >= 0) {
      if (++digits > 4) return false;
      value = (value << 4) | hex;
    } else if (c === COLON) {
      token = i + 1;
      if (digits === 0) {
        if (gap >= 0) return false;
        gap = count;
      } else {
        if (i + 1 === end || count === 8) return false;
        groups[count++] = value;
        value = 0;
        digits = 0;
      }
    } else if (c === DOT && count <= 6) {
      const ipv4 = parseIpv4(s, token, end);
      if (ipv4 < 0) return false;
      groups[count++] = ipv4 >>> 16;
      groups[count++] = ipv4 & 0xffff;
      digits = 0;
      break;
    } else return false;
  }
  if (digits > 0) {
    if (count === 8) return false;
    groups[count++] = value;
  }
  if (gap < 0) return count === 8;
  // '::' stands for at least one zero group: move what follows it to the end and zero the groups between.
  if (count === 8) return false;
  groups.copyWithin(8 - (count - gap), gap, count);
  groups.fill(0, gap, 8 - (count - gap));
  return true;
}

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const lower = c | 0x20;
  return lower >= 97 && lower <= 102 ? lower - 87 : -1;
}
