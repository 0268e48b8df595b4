// Link queries over the identifiers table: which other cases share a fingerprint, and how cases group.
// Plain parameterised SQL: these run on every screening, inside its transaction.
import type { Queryable } from '../db/prisma-client';
import { toDisposition, type DispositionRow } from '../cases/finding-dispositions';
import type { Disposition } from '../scoring/dispositions';
import type { Fingerprint } from './fingerprint-keys';
import type { IdentifierKind } from './normalise-identifiers';


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

// Cases sharing any of the wanted fingerprints, one row per (kind, case), the excluded case left out.
const LINKED_CASES = `
  SELECT i.kind::text AS kind, c.id::text AS case_id, c.subject_name, c.band::text AS band, c.score, c.status::text AS status,
         count(DISTINCT i.hash)::int AS shared
  FROM unnest($1::text[], $2::text[]) AS wanted(kind, hash)
  JOIN identifiers i ON i.kind = wanted.kind::"IdentifierKind" AND i.hash = decode(wanted.hash, 'hex')
  JOIN cases c ON c.id = i.case_id
  WHERE c.id::text <> $3
    AND NOT ($5::text IS NOT NULL AND c.source = $4 AND c.external_id = $5::text)
  GROUP BY i.kind, c.id
  ORDER BY c.id
  LIMIT ${MAX_LINKED_ROWS}`;

type LinkedCaseSqlRow = { kind: IdentifierKind; case_id: string; subject_name: string; band: string; score: number; status: string; shared: number };

const toLinkedCase = (row: LinkedCaseSqlRow): LinkedCaseRow => ({
  kind: row.kind,
  caseId: row.case_id,
  subjectName: row.subject_name,
  band: row.band,
  score: row.score,
  status: row.status,
  sharedCount: row.shared,
});

function lookupParameters(fingerprints: Fingerprint[], exclude: { caseId?: string; source?: string; externalId?: string | null }): unknown[] {
  return [fingerprints.map((f) => f.kind), fingerprints.map((f) => f.hash.toString('hex')), exclude.caseId ?? '', exclude.source ?? '', exclude.externalId ?? null];
}

export async function findLinkedCases(
  client: Queryable,
  fingerprints: Fingerprint[],
  exclude: { caseId?: string; source?: string; externalId?: string | null },
): Promise<LinkedCaseRow[]> {
  if (fingerprints.length === 0) return [];
  const { rows } = await client.query<LinkedCaseSqlRow>({ name: 'find-linked-cases', text: LINKED_CASES, values: lookupParameters(fingerprints, exclude) });
  return rows.map(toLinkedCase);
}

// A screening's one read before scoring: the linked cases, and the reviewers' dispositions of the applicant's own case
// (same source + externalId) that the new screening must honour. One named statement is one round trip, where two
// queries cost two; on this kind of machine the round trip costs more CPU than the SQL.
const LINKED_CASES_AND_DISPOSITIONS = `
WITH linked AS (${LINKED_CASES})
SELECT 'link' AS row_type, kind, case_id, subject_name, band, score, status, shared,
       NULL::text AS indicator, NULL::text AS subject, NULL::text AS disposition, NULL::text AS reason, NULL::text AS actor,
       NULL::timestamptz AS created_at, NULL::bigint AS disposition_id
FROM linked
UNION ALL
SELECT 'disposition', NULL, NULL, NULL, NULL, NULL, NULL, NULL,
       d.indicator, d.subject, d.disposition::text, d.reason, d.actor, d.created_at, d.id
FROM cases c JOIN finding_dispositions d ON d.case_id = c.id
WHERE $5::text IS NOT NULL AND c.source = $4 AND c.external_id = $5::text`;

type LookupSqlRow = { row_type: 'link' | 'disposition' } & LinkedCaseSqlRow & DispositionRow & { disposition_id: string | null };

/** The cases an applicant links to (its own case excluded) and the dispositions of its own case, oldest first. */
export async function findLinksAndDispositions(
  client: Queryable,
  fingerprints: Fingerprint[],
  applicant: { source: string; externalId: string | null },
): Promise<{ linked: LinkedCaseRow[]; dispositions: Disposition[] }> {
  const { rows } = await client.query<LookupSqlRow>({
    name: 'find-links-and-dispositions',
    text: LINKED_CASES_AND_DISPOSITIONS,
    values: lookupParameters(fingerprints, { source: applicant.source, externalId: applicant.externalId }),
  });
  const linked = rows.filter((row) => row.row_type === 'link').map(toLinkedCase);
  // bigint ids arrive as strings; their order is the order the reviewers' judgements were recorded in.
  const dispositionRows = rows.filter((row) => row.row_type === 'disposition').sort((a, b) => compareBigIntText(a.disposition_id!, b.disposition_id!));
  return { linked: linked.sort((a, b) => (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0)), dispositions: dispositionRows.map(toDisposition) };
}

function compareBigIntText(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

export async function fingerprintsOfCase(client: Queryable, caseId: string): Promise<Fingerprint[]> {
  const { rows } = await client.query<{ kind: IdentifierKind; hash: Buffer }>(`SELECT kind::text AS kind, hash FROM identifiers WHERE case_id = $1`, [caseId]);
  return rows.map((row) => ({ kind: row.kind, hash: row.hash }));
}

export async function findCaseScore(client: Queryable, caseId: string): Promise<{ caseId: string; band: string; score: number } | null> {
  const { rows } = await client.query<{ id: string; band: string; score: number }>(`SELECT id::text AS id, band::text AS band, score FROM cases WHERE id = $1`, [caseId]);
  return rows[0] ? { caseId: rows[0].id, band: rows[0].band, score: rows[0].score } : null;
}

// Resume bands alone are weak (one shared band is chance); clusters follow the other kinds.
const CLUSTER_KINDS = ['email', 'phone', 'shipping_address', 'residential_address', 'payout_account', 'wallet', 'ip', 'device'];

/** Cases reachable from one case through shared identifiers, breadth-first, at most `maxSize`. */
export async function clusterOf(client: Queryable, caseId: string, maxSize = 500): Promise<string[]> {
  const { rows } = await client.query<{ case_id: string }>(
    `WITH RECURSIVE reach(case_id, depth) AS (
       SELECT $1::uuid, 0
       UNION
       SELECT other.case_id, reach.depth + 1
       FROM reach
       JOIN identifiers mine ON mine.case_id = reach.case_id AND mine.kind::text = ANY($2::text[])
       JOIN identifiers other ON other.kind = mine.kind AND other.hash = mine.hash
       WHERE reach.depth < 6
     )
     SELECT DISTINCT case_id::text AS case_id FROM reach LIMIT $3`,
    [caseId, CLUSTER_KINDS, maxSize],
  );
  return rows.map((row) => row.case_id);
}

/** Remembers which of a case's identifier values it shares with the given cases (for listing clusters). */
export async function recordSharedValues(client: Queryable, caseId: string, linkedCaseIds: string[]): Promise<void> {
  await client.query(
    `INSERT INTO shared_identifiers (kind, hash)
     SELECT mine.kind, mine.hash FROM identifiers mine
     WHERE mine.case_id = $1::uuid
       AND EXISTS (SELECT 1 FROM identifiers other WHERE other.kind = mine.kind AND other.hash = mine.hash AND other.case_id = ANY($2::uuid[]))
     ON CONFLICT DO NOTHING`,
    [caseId, linkedCaseIds],
  );
}

/**
 * Every group of two or more cases connected through one shared identifier value. Reads the shared values the
 * screenings recorded (shared_identifiers), not the whole identifiers table: at a million cases that GROUP BY
 * took 8 s.
 */
export async function sharedIdentifierGroups(client: Queryable): Promise<{ kind: string; caseIds: string[] }[]> {
  const { rows } = await client.query<{ kind: string; case_ids: string[] }>(
    `SELECT s.kind::text AS kind, array_agg(i.case_id::text) AS case_ids
     FROM shared_identifiers s
     JOIN identifiers i ON i.kind = s.kind AND i.hash = s.hash
     WHERE s.kind::text = ANY($1::text[])
     GROUP BY s.kind, s.hash
     HAVING count(*) > 1`,
    [CLUSTER_KINDS],
  );
  return rows.map((row) => ({ kind: row.kind, caseIds: row.case_ids }));
}

/** The identifier kinds that at least two of these cases share. */
export async function sharedKindsWithin(client: Queryable, caseIds: string[]): Promise<string[]> {
  const { rows } = await client.query<{ kind: string }>(
    `SELECT DISTINCT kind::text AS kind FROM (
       SELECT kind, hash FROM identifiers
       WHERE case_id = ANY($1::uuid[]) AND kind::text = ANY($2::text[])
       GROUP BY kind, hash HAVING count(*) > 1
     ) shared ORDER BY 1`,
    [caseIds, CLUSTER_KINDS],
  );
  return rows.map((row) => row.kind);
}
