// Link queries over the identifiers table: which other cases share a fingerprint, and how cases group.
import type { Db, Prisma } from '../db/prisma-client';
import type { Fingerprint } from './fingerprint-keys';
import type { IdentifierKind } from './normalise-identifiers';

type Client = Db | Prisma.TransactionClient;

export interface LinkedCaseRow {
  kind: IdentifierKind;
  caseId: string;
  subjectName: string;
  band: string;
  score: number;
  status: string;
  sharedCount: number;
}

// A case with thousands of links is a shared value we failed to filter (an office, a carrier): cap the answer.
const MAX_LINKED_ROWS = 500;

export async function findLinkedCases(
  client: Client,
  fingerprints: Fingerprint[],
  exclude: { caseId?: string; source?: string; externalId?: string | null },
): Promise<LinkedCaseRow[]> {
  if (fingerprints.length === 0) return [];
  const kinds = fingerprints.map((f) => f.kind);
  const hashes = fingerprints.map((f) => f.hash.toString('hex'));
  const rows = await client.$queryRaw<{ kind: IdentifierKind; case_id: string; subject_name: string; band: string; score: number; status: string; shared: number }[]>`
    SELECT i.kind::text AS kind, c.id::text AS case_id, c.subject_name, c.band::text AS band, c.score, c.status::text AS status,
           count(DISTINCT i.hash)::int AS shared
    FROM unnest(${kinds}::text[], ${hashes}::text[]) AS wanted(kind, hash)
    JOIN identifiers i ON i.kind = wanted.kind::"IdentifierKind" AND i.hash = decode(wanted.hash, 'hex')
    JOIN cases c ON c.id = i.case_id
    WHERE c.id::text <> ${exclude.caseId ?? ''}
      AND NOT (${exclude.externalId ?? null}::text IS NOT NULL AND c.source = ${exclude.source ?? ''} AND c.external_id = ${exclude.externalId ?? null}::text)
    GROUP BY i.kind, c.id
    ORDER BY c.id
    LIMIT ${MAX_LINKED_ROWS}`;
  return rows.map((row) => ({ kind: row.kind, caseId: row.case_id, subjectName: row.subject_name, band: row.band, score: row.score, status: row.status, sharedCount: row.shared }));
}

export async function insertIdentifiers(client: Client, caseId: string, screeningId: string, fingerprints: Fingerprint[], keyId: string): Promise<void> {
  if (fingerprints.length === 0) return;
  await client.identifier.createMany({
    data: fingerprints.map((f) => ({ caseId, screeningId, kind: f.kind, hash: new Uint8Array(f.hash), keyId })),
    skipDuplicates: true,
  });
}

export async function fingerprintsOfCase(client: Client, caseId: string): Promise<Fingerprint[]> {
  const rows = await client.identifier.findMany({ where: { caseId }, select: { kind: true, hash: true } });
  return rows.map((row) => ({ kind: row.kind as IdentifierKind, hash: Buffer.from(row.hash) }));
}

export async function findCaseScore(client: Client, caseId: string): Promise<{ caseId: string; band: string; score: number } | null> {
  const row = await client.case.findUnique({ where: { id: caseId }, select: { id: true, band: true, score: true } });
  return row ? { caseId: row.id, band: row.band, score: row.score } : null;
}

// Resume bands alone are weak (one shared band is chance); clusters follow the other kinds.
const CLUSTER_KINDS = ['email', 'phone', 'shipping_address', 'residential_address', 'payout_account', 'wallet', 'ip', 'device'];

/** Cases reachable from one case through shared identifiers, breadth-first, at most `maxSize`. */
export async function clusterOf(client: Client, caseId: string, maxSize = 500): Promise<string[]> {
  const rows = await client.$queryRaw<{ case_id: string }[]>`
    WITH RECURSIVE reach(case_id, depth) AS (
      SELECT ${caseId}::uuid, 0
      UNION
      SELECT other.case_id, reach.depth + 1
      FROM reach
      JOIN identifiers mine ON mine.case_id = reach.case_id AND mine.kind::text = ANY(${CLUSTER_KINDS}::text[])
      JOIN identifiers other ON other.kind = mine.kind AND other.hash = mine.hash
      WHERE reach.depth < 6
    )
    SELECT DISTINCT case_id::text AS case_id FROM reach LIMIT ${maxSize}`;
  return rows.map((row) => row.case_id);
}

/** Every group of two or more cases connected through shared identifiers, from the shared values outwards. */
export async function sharedIdentifierGroups(client: Client): Promise<{ kind: string; caseIds: string[] }[]> {
  const rows = await client.$queryRaw<{ kind: string; case_ids: string[] }[]>`
    SELECT kind::text AS kind, array_agg(case_id::text) AS case_ids
    FROM identifiers
    WHERE kind::text = ANY(${CLUSTER_KINDS}::text[])
    GROUP BY kind, hash
    HAVING count(*) > 1`;
  return rows.map((row) => ({ kind: row.kind, caseIds: row.case_ids }));
}
