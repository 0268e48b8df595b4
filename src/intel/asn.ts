// IP -> autonomous system (number and organisation) from the @ip-location-db/asn data package (CC BY 4.0).
import fs from 'node:fs';
import { isIPv4, isIPv6 } from 'node:net';
import path from 'node:path';

export interface AsnInfo {
  asn: number;
  organisation: string;
}

interface RangeTable<T extends Uint32Array | BigUint64Array> {
  starts: T;
  ends: T;
  asns: Uint32Array;
}

interface AsnDatabase {
  v4: RangeTable<Uint32Array>;
  v6: RangeTable<BigUint64Array>;
  organisations: Map<number, string>;
}

let database: AsnDatabase | undefined;

function dataFile(name: string): string {
  return path.join(path.dirname(require.resolve('@ip-location-db/asn/package.json')), name);
}

// Lines are "start,end,asn,organisation"; the organisation may be quoted and contain commas.
function* parseLines(file: string): Generator<[string, string, number, string]> {
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    const first = line.indexOf(',');
    const second = line.indexOf(',', first + 1);
    const third = line.indexOf(',', second + 1);
    let organisation = line.slice(third + 1);
    if (organisation.startsWith('"')) organisation = organisation.slice(1, -1).replace(/""/g, '"');
    yield [line.slice(0, first), line.slice(first + 1, second), Number(line.slice(second + 1, third)), organisation];
  }
}

function load(): AsnDatabase {
  const organisations = new Map<number, string>();
  const v4Rows: [number, number, number][] = [];
  for (const [start, end, asn, organisation] of parseLines(dataFile('asn-ipv4-num.csv'))) {
    v4Rows.push([Number(start), Number(end), asn]);
    if (!organisations.has(asn)) organisations.set(asn, organisation);
  }
  // IPv6 ranges are compared on their upper 64 bits: allocations are far coarser than a /64.
  const v6Rows: [bigint, bigint, number][] = [];
  for (const [start, end, asn, organisation] of parseLines(dataFile('asn-ipv6-num.csv'))) {
    v6Rows.push([BigInt(start) >> 64n, BigInt(end) >> 64n, asn]);
    if (!organisations.has(asn)) organisations.set(asn, organisation);
  }
  return {
    v4: { starts: Uint32Array.from(v4Rows, (r) => r[0]), ends: Uint32Array.from(v4Rows, (r) => r[1]), asns: Uint32Array.from(v4Rows, (r) => r[2]) },
    v6: { starts: BigUint64Array.from(v6Rows, (r) => r[0]), ends: BigUint64Array.from(v6Rows, (r) => r[1]), asns: Uint32Array.from(v6Rows, (r) => r[2]) },
    organisations,
  };
}

/** Loads the tables now (about a second) instead of on the first lookup. */
export function loadAsnDatabase(): void {
  database ??= load();
}

function find<T extends number | bigint>(table: { starts: ArrayLike<T>; ends: ArrayLike<T>; asns: Uint32Array }, value: T): number | null {
  let low = 0;
  let high = table.starts.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (table.starts[middle]! <= value) low = middle + 1;
    else high = middle - 1;
  }
  return high >= 0 && value <= table.ends[high]! ? table.asns[high]! : null;
}

export function ipv4ToNumber(ip: string): number {
  return ip.split('.').reduce((total, octet) => total * 256 + Number(octet), 0);
}

export function ipv6UpperBits(ip: string): bigint {
  const [head, tail] = ip.includes('::') ? ip.split('::') : [ip, undefined];
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const groups = tail === undefined ? headGroups : [...headGroups, ...Array(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups];
  return groups.slice(0, 4).reduce((total, group) => (total << 16n) + BigInt(parseInt(group || '0', 16)), 0n);
}

export function lookupAsn(ip: string): AsnInfo | null {
  loadAsnDatabase();
  const db = database!;
  let asn: number | null = null;
  if (isIPv4(ip)) asn = find(db.v4, ipv4ToNumber(ip));
  else if (isIPv6(ip)) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
    asn = mapped ? find(db.v4, ipv4ToNumber(mapped[1]!)) : find(db.v6, ipv6UpperBits(ip));
  }
  if (asn === null || asn === 0) return null;
  return { asn, organisation: db.organisations.get(asn) ?? `AS${asn}` };
}
