// The farm view's queries: shared identifier values with the cases holding them, largest groups first, and one group's
// members a page at a time. Reads the values the screenings recorded as shared (shared_identifiers), as the clusters do.
import type { Queryable } from '../db/prisma-client';
import { pageFetchSize, toPage, type Page } from '../db/keyset-page';
import { CLUSTER_KINDS } from './link-store';

export interface FarmMember {
  id: string;
  subjectName: string;
  band: string;
  score: number;
  status: string;
  createdAt: string;
}

export interface FarmGroupRow {
  kind: string;
  hash: Buffer;
  /** Every case holding the value. */
  members: number;
  /** The highest-scored members, at most the sample size asked for. */
  sample: FarmMember[];
  /** The stored input of a member's screening that recorded the value (null when every member was erased). */
  snapshot: Record<string, unknown> | null;
}

/** Where a page of groups starts: after this group in (members desc, kind, hash) order. */
export interface FarmGroupCursor {
  members: number;
  kind: string;
  hash: Buffer;
}

type MemberSqlRow = { id: string; subject_name: string; band: string; score: number; status: string; created_at: Date };

const toMember = (row: MemberSqlRow): FarmMember => ({
  id: row.id,
  subjectName: row.subject_name,
  band: row.band,
  score: row.score,
  status: row.status,
  createdAt: row.created_at.toISOString(),
});

// The member whose record names the value: the oldest case still holding personal data, from the screening that recorded it.
const SHOWN_SNAPSHOT = `
  SELECT s.input_snapshot AS snapshot FROM identifiers i JOIN cases c ON c.id = i.case_id JOIN screenings s ON s.id = i.screening_id
  WHERE i.kind = g.kind AND i.hash = g.hash AND c.personal_data_erased_at IS NULL
  ORDER BY c.created_at, c.id LIMIT 1`;

/** One page of shared values held by two or more cases, the most held first, each with its top members. */
export async function farmGroupsPage(
  client: Queryable,
  page: { limit: number; sampleSize: number; after?: FarmGroupCursor },
): Promise<FarmGroupRow[]> {
  const { rows } = await client.query<{
    kind: string;
    hash: Buffer;
    members: number;
    sample: (Omit<MemberSqlRow, 'created_at'> & { created_at: string })[];
    snapshot: Record<string, unknown> | null;
  }>(
    `WITH grouped AS (
       SELECT s.kind, s.hash, count(*)::int AS members
       FROM shared_identifiers s JOIN identifiers i ON i.kind = s.kind AND i.hash = s.hash
       WHERE s.kind::text = ANY($1::text[])
       GROUP BY s.kind, s.hash HAVING count(*) > 1
     ), g AS (
       SELECT * FROM grouped
       WHERE $2::int IS NULL OR (-members, kind::text, hash) > (-$2::int, $3::text, $4::bytea)
       ORDER BY -members, kind::text, hash LIMIT $5
     )
     SELECT g.kind::text AS kind, g.hash, g.members, sample.members AS sample, shown.snapshot
     FROM g
     CROSS JOIN LATERAL (
       SELECT coalesce(jsonb_agg(jsonb_build_object('id', top.id, 'subject_name', top.subject_name, 'band', top.band, 'score', top.score, 'status', top.status, 'created_at', top.created_at) ORDER BY top.score DESC, top.id), '[]'::jsonb) AS members
       FROM (
         SELECT c.id, c.subject_name, c.band, c.score, c.status, c.created_at FROM identifiers i JOIN cases c ON c.id = i.case_id
         WHERE i.kind = g.kind AND i.hash = g.hash ORDER BY c.score DESC, c.id LIMIT $6
       ) top
     ) sample
     LEFT JOIN LATERAL (${SHOWN_SNAPSHOT}) shown ON true
     ORDER BY -g.members, g.kind::text, g.hash`,
    [
      CLUSTER_KINDS,
      page.after?.members ?? null,
      page.after?.kind ?? null,
      page.after?.hash ?? null,
      pageFetchSize(page.limit),
      page.sampleSize,
    ],
  );
  return rows.map((row) => ({
    kind: row.kind,
    hash: row.hash,
    members: row.members,
    snapshot: row.snapshot,
    sample: row.sample.map((member) => toMember({ ...member, created_at: new Date(member.created_at) })),
  }));
}

// A value id is the first 12 hex digits of the keyed hash (as the API names it): every hash in [prefix, prefix + 1),
// with no upper bound after ffffffffffff. Bytea ranges use the (kind, hash) index.
function hashRange(valueId: string): [Buffer, Buffer | null] {
  const next = BigInt(`0x${valueId}`) + 1n;
  return [
    Buffer.from(valueId, 'hex'),
    next < 1n << BigInt(valueId.length * 4)
      ? Buffer.from(next.toString(16).padStart(valueId.length, '0'), 'hex')
      : null,
  ];
}

// The kind is looked up as the enum (NULL when no kind has that name), so that the (kind, hash) key finds the value:
// compared as text, it read every shared value.
export const FARM_GROUP = `
WITH g AS (
  SELECT s.kind, s.hash, (SELECT count(*)::int FROM identifiers i WHERE i.kind = s.kind AND i.hash = s.hash) AS members
  FROM shared_identifiers s
  WHERE s.kind = (SELECT k FROM unnest(enum_range(NULL::"IdentifierKind")) AS k WHERE k::text = $1)
    AND s.kind::text = ANY($4::text[]) AND s.hash >= $2 AND ($3::bytea IS NULL OR s.hash < $3)
  ORDER BY s.hash LIMIT 1
)
SELECT g.kind::text AS kind, g.hash, g.members, shown.snapshot FROM g LEFT JOIN LATERAL (${SHOWN_SNAPSHOT}) shown ON true
WHERE g.members > 1`;

/** The shared value named by its kind and value id, with its size and a member's record; null when no group has it. */
export async function farmGroup(
  client: Queryable,
  kind: string,
  valueId: string,
): Promise<Omit<FarmGroupRow, 'sample'> | null> {
  const [low, high] = hashRange(valueId);
  const { rows } = await client.query<{
    kind: string;
    hash: Buffer;
    members: number;
    snapshot: Record<string, unknown> | null;
  }>(FARM_GROUP, [kind, low, high, CLUSTER_KINDS]);
  return rows[0] ?? null;
}

/** One page of the cases holding a value, highest score first; `after` is the last case id of the previous page. */
export async function farmMembersPage(
  client: Queryable,
  kind: string,
  hash: Buffer,
  page: { limit: number; after?: string },
): Promise<Page<FarmMember>> {
  const { rows } = await client.query<MemberSqlRow>(
    `SELECT c.id::text AS id, c.subject_name, c.band::text AS band, c.score, c.status::text AS status, c.created_at
     FROM identifiers i JOIN cases c ON c.id = i.case_id
     WHERE i.kind = $1::"IdentifierKind" AND i.hash = $2
       AND ($3::uuid IS NULL OR (-c.score, c.id) > (SELECT -score, id FROM cases WHERE id = $3::uuid))
     ORDER BY c.score DESC, c.id LIMIT $4`,
    [kind, hash, page.after ?? null, pageFetchSize(page.limit)],
  );
  return toPage(rows, page.limit, toMember);
}

/** The farm view's queries bound to a pool, for the use case (src/links/farms.ts). */
export class FarmStore {
  constructor(private readonly client: Queryable) {}

  groupsPage(page: { limit: number; sampleSize: number; after?: FarmGroupCursor }): Promise<FarmGroupRow[]> {
    return farmGroupsPage(this.client, page);
  }

  group(kind: string, valueId: string): Promise<Omit<FarmGroupRow, 'sample'> | null> {
    return farmGroup(this.client, kind, valueId);
  }

  membersPage(kind: string, hash: Buffer, page: { limit: number; after?: string }): Promise<Page<FarmMember>> {
    return farmMembersPage(this.client, kind, hash, page);
  }
}
