// Which URLs the service may call: http(s) to public addresses only, exceptions named in OUTBOUND_ALLOW_HOSTS. Pure.
import net from 'node:net';

/** One OUTBOUND_ALLOW_HOSTS entry: a host name or address, on any port or on `port` only. */
export interface AllowedHost {
  /** As URL.hostname writes it: lower case, IPv6 in brackets. */
  host: string;
  port?: number;
}

export type OutboundCheck = { ok: true; url: URL; isAllowListed: boolean } | { ok: false; reason: string };

// [first address, prefix length, what it is]. Anything not listed is a public address.
const IPV4_REFUSED: [string, number, string][] = [
  ['0.0.0.0', 8, 'an unspecified address'],
  ['10.0.0.0', 8, 'a private address'],
  ['100.64.0.0', 10, 'a carrier-grade NAT address'],
  ['127.0.0.0', 8, 'a loopback address'],
  ['169.254.0.0', 16, 'a link-local address'],
  ['172.16.0.0', 12, 'a private address'],
  ['192.0.0.0', 24, 'a reserved address'],
  ['192.0.2.0', 24, 'a documentation address'],
  ['192.88.99.0', 24, 'a reserved address'],
  ['192.168.0.0', 16, 'a private address'],
  ['198.18.0.0', 15, 'a reserved address'],
  ['198.51.100.0', 24, 'a documentation address'],
  ['203.0.113.0', 24, 'a documentation address'],
  ['224.0.0.0', 4, 'a multicast address'],
  ['240.0.0.0', 4, 'a reserved address'],
];

// IPv6 ranges that carry an IPv4 address are judged by that address (the 4 bytes at `embedded`).
const IPV6_REFUSED: [string, number, string | { embedded: number }][] = [
  ['::', 128, 'an unspecified address'],
  ['::1', 128, 'a loopback address'],
  ['::ffff:0:0', 96, { embedded: 12 }],
  ['::', 96, 'a reserved address'],
  ['64:ff9b::', 96, { embedded: 12 }],
  ['64:ff9b:1::', 48, 'a reserved address'],
  ['100::', 64, 'a reserved address'],
  ['2001::', 32, 'a reserved address'],
  ['2001:db8::', 32, 'a documentation address'],
  ['2002::', 16, { embedded: 2 }],
  ['fc00::', 7, 'a unique-local address'],
  ['fe80::', 10, 'a link-local address'],
  ['fec0::', 10, 'a site-local address'],
  ['ff00::', 8, 'a multicast address'],
];

function ipv4Bytes(text: string): number[] | null {
  return net.isIPv4(text) ? text.split('.').map(Number) : null;
}

function ipv6Bytes(text: string): number[] | null {
  const address = text.split('%')[0]!;
  if (!net.isIPv6(address)) return null;
  let groupsText = address;
  let tail: number[] = [];
  const lastColon = address.lastIndexOf(':');
  if (address.slice(lastColon + 1).includes('.')) {
    tail = ipv4Bytes(address.slice(lastColon + 1)) ?? [];
    groupsText = `${address.slice(0, lastColon + 1)}0:0`;
  }
  const [head = '', rest] = groupsText.split('::');
  const headGroups = head ? head.split(':') : [];
  const restGroups = rest === undefined ? [] : rest ? rest.split(':') : [];
  const groups =
    rest === undefined
      ? headGroups
      : [...headGroups, ...Array<string>(8 - headGroups.length - restGroups.length).fill('0'), ...restGroups];
  const bytes = groups.flatMap((group) => {
    const value = parseInt(group, 16);
    return [value >> 8, value & 0xff];
  });
  if (tail.length === 4) bytes.splice(12, 4, ...tail);
  return bytes.length === 16 ? bytes : null;
}

function inPrefix(bytes: number[], first: number[], bits: number): boolean {
  for (let bit = 0; bit < bits; bit += 8) {
    const mask = bits - bit >= 8 ? 0xff : (0xff << (8 - (bits - bit))) & 0xff;
    if ((bytes[bit / 8]! & mask) !== (first[bit / 8]! & mask)) return false;
  }
  return true;
}

/** What a non-public address is ("a loopback address"), or null for a public one. Not an address at all: refused. */
export function addressRefusal(address: string): string | null {
  const v4 = ipv4Bytes(address);
  if (v4) return IPV4_REFUSED.find(([first, bits]) => inPrefix(v4, ipv4Bytes(first)!, bits))?.[2] ?? null;
  const v6 = ipv6Bytes(address.startsWith('[') ? address.slice(1, -1) : address);
  if (!v6) return 'not an IP address';
  const range = IPV6_REFUSED.find(([first, bits]) => inPrefix(v6, ipv6Bytes(first)!, bits));
  if (!range) return null;
  const what = range[2];
  return typeof what === 'string' ? what : addressRefusal(v6.slice(what.embedded, what.embedded + 4).join('.'));
}

// The host as written between "//" and the path, without user info and port (for IPv4 written in other forms).
function writtenHost(value: string): string {
  const afterScheme = value.slice(value.indexOf('//') + 2);
  const authority = afterScheme.split(/[/?#\\]/, 1)[0] ?? '';
  const host = authority.slice(authority.lastIndexOf('@') + 1);
  return host.startsWith('[') ? host : host.replace(/:\d*$/, '');
}

/** URL parsers read 2852039166, 0x7f.1, 0177.0.0.1 and 127.1 as IPv4 addresses: anything but a.b.c.d is refused. */
function isObfuscatedIPv4(value: string, url: URL): boolean {
  return net.isIPv4(url.hostname) && writtenHost(value).toLowerCase() !== url.hostname;
}

function effectivePort(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
}

export function isAllowListed(url: URL, allowHosts: readonly AllowedHost[]): boolean {
  const host = url.hostname.toLowerCase();
  return allowHosts.some(
    (entry) => entry.host === host && (entry.port === undefined || entry.port === effectivePort(url)),
  );
}

/**
 * OUTBOUND_ALLOW_HOSTS: comma-separated `host` or `host:port` (IPv6 as `[::1]` or `[::1]:8080`). Throws naming
 * the entry that is neither.
 */
export function parseAllowHosts(text: string | undefined): AllowedHost[] {
  const entries = (text ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  return entries.map((entry) => {
    const match = /^(\[[0-9a-fA-F:.]+\]|[^:[\]/@\s]+)(?::(\d{1,5}))?$/.exec(entry);
    let host: string | undefined;
    try {
      host = match ? new URL(`http://${match[1]}/`).hostname : undefined;
    } catch {
      host = undefined;
    }
    const port = match?.[2] === undefined ? undefined : Number(match[2]);
    if (!host || (port !== undefined && (port < 1 || port > 65535)))
      throw new Error(`"${entry.slice(0, 100)}" is not a host or host:port`);
    return port === undefined ? { host } : { host, port };
  });
}

/**
 * Whether the service may call this URL: http or https; not an IP address written in another form than a.b.c.d;
 * not a loopback, private, link-local, unique-local, multicast, unspecified or reserved address (IPv4-mapped and
 * other IPv6 forms of them included), nor `localhost`; unless its host (and port) is allow-listed. A host name is
 * checked again when it is resolved, on every connection (outbound-client.ts), so that DNS cannot turn it private.
 */
export function checkOutboundUrl(value: string, allowHosts: readonly AllowedHost[]): OutboundCheck {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, reason: 'is not a URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { ok: false, reason: 'must be an http or https URL' };
  if (isObfuscatedIPv4(value, url))
    return { ok: false, reason: 'writes an IP address in another form than four decimal numbers (a.b.c.d)' };
  if (isAllowListed(url, allowHosts)) return { ok: true, url, isAllowListed: true };
  const host = url.hostname.toLowerCase();
  const literal = host.startsWith('[') ? host : net.isIPv4(host) ? host : null;
  const name = host.replace(/\.$/, '');
  const refusal = literal
    ? addressRefusal(literal)
    : name === 'localhost' || name.endsWith('.localhost')
      ? 'a loopback address'
      : null;
  if (refusal)
    return { ok: false, reason: `points to ${refusal}; a self-hosted receiver must be listed in OUTBOUND_ALLOW_HOSTS` };
  return { ok: true, url, isAllowListed: false };
}
