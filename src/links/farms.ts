// The farm view's use case: shared values held by the most cases, largest first, each with its members a page at a
// time, and what is shared in a masked form a reviewer can read (the link tables keep only keyed hashes).
import { isIPv6 } from 'node:net';
import type { Page } from '../db/keyset-page';
import { maskSnapshot } from '../cases/masking';
import type { Fingerprinter } from './fingerprint-keys';
import type { IdentifierKind } from './normalise-identifiers';
import type { FarmGroupCursor, FarmGroupRow, FarmMember, FarmStore } from './farm-store';

export type { FarmMember };

export interface FarmGroup {
  kind: string;
  /** The first 12 hex digits of the value's keyed hash, as the API names a shared value. */
  valueId: string;
  members: number;
  /** A member's record as the case page shows it (masked), to name the value from. */
  record: Record<string, unknown>;
  /** For an IP or a device: the member's session value that is shared, masked; null otherwise. */
  sessionValue: string | null;
}

export interface FarmGroupWithSample extends FarmGroup {
  /** The highest-scored members. */
  sample: FarmMember[];
}

export interface FarmPageSizes {
  /** Groups on one page of the list. */
  groups: number;
  /** Members shown with each group on the list. */
  sample: number;
  /** Members on one page of a group. */
  members: number;
}

const DOT = '•••';
// Enough of an IP to tell networks apart, not enough to name a home: the first half.
const maskIp = (ip: string) =>
  isIPv6(ip) ? `${ip.split(':').slice(0, 2).join(':')}:${DOT}` : `${ip.split('.').slice(0, 2).join('.')}.${DOT}`;
const maskDevice = (id: string) =>
  [...id].length <= 6
    ? `${[...id][0] ?? ''}${DOT}`
    : `${[...id].slice(0, 4).join('')}${DOT}${[...id].slice(-2).join('')}`;

/** A group cursor as the pages pass it: opaque base64url of "members.kind.hash". */
export function encodeGroupCursor(cursor: FarmGroupCursor): string {
  return Buffer.from(`${cursor.members}.${cursor.kind}.${cursor.hash.toString('hex')}`).toString('base64url');
}

export function decodeGroupCursor(value: string): FarmGroupCursor | null {
  const match = /^(\d{1,9})\.([a-z_]{1,40})\.([0-9a-f]{2,64})$/.exec(Buffer.from(value, 'base64url').toString('utf8'));
  return match ? { members: Number(match[1]), kind: match[2]!, hash: Buffer.from(match[3]!, 'hex') } : null;
}

export class FarmQueries {
  constructor(
    private readonly store: FarmStore,
    private readonly fingerprinter: Fingerprinter,
    /** Read at each request (tests make them small to walk the pages). */
    readonly pageSizes: FarmPageSizes = { groups: 20, sample: 10, members: 50 },
  ) {}

  /** One page of groups, the most held value first. */
  async groups(
    after?: FarmGroupCursor,
  ): Promise<{ groups: FarmGroupWithSample[]; nextCursor: FarmGroupCursor | null }> {
    const { groups: limit, sample } = this.pageSizes;
    const rows = await this.store.groupsPage({ limit, sampleSize: sample, after });
    const shown = rows.slice(0, limit);
    const last = shown.at(-1);
    return {
      groups: shown.map((row) => ({ ...this.describe(row), sample: row.sample })),
      nextCursor: rows.length > limit && last ? { members: last.members, kind: last.kind, hash: last.hash } : null,
    };
  }

  /** One group by kind and value id, with a page of its members; null when no group holds that value. */
  async group(
    kind: string,
    valueId: string,
    after?: string,
  ): Promise<{ group: FarmGroup; page: Page<FarmMember> } | null> {
    const row = await this.store.group(kind, valueId);
    if (!row) return null;
    return {
      group: this.describe(row),
      page: await this.store.membersPage(row.kind, row.hash, { limit: this.pageSizes.members, after }),
    };
  }

  private describe(row: Omit<FarmGroupRow, 'sample'>): FarmGroup {
    const snapshot = row.snapshot ?? {};
    return {
      kind: row.kind,
      valueId: row.hash.toString('hex').slice(0, 12),
      members: row.members,
      record: maskSnapshot(snapshot),
      sessionValue: this.sessionValue(row.kind, row.hash, snapshot),
    };
  }

  // An applicant may have used several IPs and devices: the one shared is the one whose keyed hash is the group's.
  private sessionValue(kind: string, hash: Buffer, snapshot: Record<string, unknown>): string | null {
    if (kind !== 'ip' && kind !== 'device') return null;
    const sessions = Array.isArray(snapshot.sessions) ? (snapshot.sessions as Record<string, unknown>[]) : [];
    for (const session of sessions) {
      const raw = kind === 'ip' ? session.ip : session.deviceId;
      if (typeof raw !== 'string' || raw === '') continue;
      const value = kind === 'ip' && isIPv6(raw) ? raw.toLowerCase() : raw;
      const hashes = this.fingerprinter.lookupFingerprints([{ kind: kind as IdentifierKind, value }]);
      if (hashes.some((fingerprint) => fingerprint.hash.equals(hash)))
        return kind === 'ip' ? maskIp(value) : maskDevice(value);
    }
    return null;
  }
}
