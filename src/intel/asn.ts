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

const COMMA = 0x2c;
const NEWLINE = 0x0a;
const QUOTE = 0x22;

/** One range of a data file: the start and end columns as text positions, the AS number and its organisation column. */
type OnRow = (
  file: Buffer,
  start: [number, number],
  end: [number, number],
  asn: number,
  organisation: [number, number],
) => void;

// Lines are "start,end,asn,organisation"; the organisation may be quoted and contain commas. Read from the file's
// bytes, not as a string split into lines: that made some 200 MB of short-lived strings and tuples at start-up,
// and the heap the collector grew for them stayed in the resident set.
function forEachRow(file: Buffer, onRow: OnRow): number {
  let rows = 0;
  for (let line = 0; line < file.length;) {
    let lineEnd = file.indexOf(NEWLINE, line);
    if (lineEnd === -1) lineEnd = file.length;
    if (lineEnd > line) {
      const first = file.indexOf(COMMA, line);
      const second = file.indexOf(COMMA, first + 1);
      const third = file.indexOf(COMMA, second + 1);
      let asn = 0;
      for (let at = second + 1; at < third; at++) asn = asn * 10 + file[at]! - 0x30;
      onRow(file, [line, first], [first + 1, second], asn, [third + 1, lineEnd]);
      rows++;
    }
    line = lineEnd + 1;
  }
  return rows;
}

function countRows(file: Buffer): number {
  return forEachRow(file, () => undefined);
}

function decimal(file: Buffer, [from, to]: [number, number]): number {
  let value = 0;
  for (let at = from; at < to; at++) value = value * 10 + file[at]! - 0x30;
  return value;
}

function organisationText(file: Buffer, [from, to]: [number, number]): string {
  if (file[from] === QUOTE) return file.toString('utf8', from + 1, to - 1).replace(/""/g, '"');
  return file.toString('utf8', from, to);
}

/** One data file as a range table: `bound` reads a start or end column as the table's number type. */
function readRanges<T extends Uint32Array | BigUint64Array>(
  name: string,
  Table: new (length: number) => T,
  bound: (file: Buffer, column: [number, number]) => T[number],
  remember: (file: Buffer, asn: number, organisation: [number, number]) => void,
): RangeTable<T> {
  const data = fs.readFileSync(dataFile(name));
  const count = countRows(data);
  const table: RangeTable<T> = { starts: new Table(count), ends: new Table(count), asns: new Uint32Array(count) };
  let row = 0;
  forEachRow(data, (file, start, end, asn, organisation) => {
    table.starts[row] = bound(file, start);
    table.ends[row] = bound(file, end);
    table.asns[row] = asn;
    row++;
    remember(file, asn, organisation);
  });
  return table;
}

function load(): AsnDatabase {
  const organisations = new Map<number, string>();
  const remember = (file: Buffer, asn: number, organisation: [number, number]) => {
    if (!organisations.has(asn)) organisations.set(asn, organisationText(file, organisation));
  };
  const v4 = readRanges('asn-ipv4-num.csv', Uint32Array, decimal, remember);
  // IPv6 ranges are compared on their upper 64 bits: allocations are far coarser than a /64.
  const upperBits = (file: Buffer, [from, to]: [number, number]) => BigInt(file.toString('latin1', from, to)) >> 64n;
  const v6 = readRanges('asn-ipv6-num.csv', BigUint64Array, upperBits, remember);
  return { v4, v6, organisations };
}

/** Loads the tables now (about a second) instead of on the first lookup. */
export function loadAsnDatabase(): void {
  database ??= load();
}

function find<T extends number | bigint>(
  table: { starts: ArrayLike<T>; ends: ArrayLike<T>; asns: Uint32Array },
  value: T,
): number | null {
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
  const groups =
    tail === undefined
      ? headGroups
      : [...headGroups, ...Array(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups];
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
