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

// The link lookup, for many applicants or cases at once (LinkService batches the screenings' lookups that arrive
// together): for each input row, the cases sharing any of its fingerprints (one row per kind and case, at most 500,
// by case id), leaving out its own case (by id, or by source + externalId); and, for an applicant with an externalId,
// the reviewers' dispositions of its own case, which its new screening must honour. One statement is one round trip,
// where a query per applicant and per question costs one each; on this kind of machine the round trip costs more CPU
// than the SQL. Rows carry their input's `ord` and come in the order each answer keeps.
const LINKS_AND_DISPOSITIONS = `
WITH input AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(ord int, exclude_case_id uuid, source text, external_id text, kinds text[], hashes text[])
), linked AS (
  SELECT w.ord, i.kind::text AS kind, c.id AS case_id, c.subject_name, c.band::text AS band, c.score, c.status::text AS status,
         count(DISTINCT i.hash)::int AS shared,
         row_number() OVER (PARTITION BY w.ord ORDER BY c.id, i.kind) AS n
  FROM input w
  CROSS JOIN LATERAL unnest(w.kinds, w.hashes) AS wanted(kind, hash)
  JOIN identifiers i ON i.kind = wanted.kind::"IdentifierKind" AND i.hash = decode(wanted.hash, 'hex')
  JOIN cases c ON c.id = i.case_id
  WHERE c.id IS DISTINCT FROM w.exclude_case_id
    AND NOT (w.external_id IS NOT NULL AND c.source = w.source AND c.external_id = w.external_id)
  GROUP BY w.ord, i.kind, c.id
)
SELECT 'link' AS row_type, ord, kind, case_id::text AS case_id, subject_name, band, score, status, shared,
       NULL::text AS indicator, NULL::text AS subject, NULL::text AS disposition, NULL::text AS reason, NULL::text AS actor,
       NULL::timestamptz AS created_at, NULL::bigint AS disposition_id
FROM linked WHERE n <= ${MAX_LINKED_ROWS}
UNION ALL
SELECT 'disposition', w.ord, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
       d.indicator, d.subject, d.disposition::text, d.reason, d.actor, d.created_at, d.id
FROM input w
JOIN cases c ON w.external_id IS NOT NULL AND c.source = w.source AND c.external_id = w.external_id
JOIN finding_dispositions d ON d.case_id = c.id
-- Linked cases by id, dispositions in the order the reviewers recorded them.
ORDER BY case_id, disposition_id`;

type LinkedCaseSqlRow = { kind: IdentifierKind; case_id: string; subject_name: string; band: string; score: number; status: string; shared: number };
type LookupSqlRow = { row_type: 'link' | 'disposition'; ord: number } & LinkedCaseSqlRow & DispositionRow;

export interface LinkLookup {
  fingerprints: Fingerprint[];
  /** The applicant's own case is left out: by its source + externalId (a screening), or by its id (a rescoring). */
  source?: string;
  externalId?: string | null;
  caseId?: string;
}

export interface LinksAndDispositions {
  linked: LinkedCaseRow[];
  /** Of the applicant's own case (named by source + externalId), oldest first; [] for a lookup by case id. */
  dispositions: Disposition[];
}

/** Each lookup's linked cases and dispositions, in one statement for all of them. */
export async function findLinksAndDispositionsOfMany(client: Queryable, lookups: LinkLookup[]): Promise<LinksAndDispositions[]> {
  const input = lookups.map((lookup, ord) => ({
    ord,
    exclude_case_id: lookup.caseId ?? null,
    source: lookup.source ?? null,
    external_id: lookup.externalId ?? null,
    kinds: lookup.fingerprints.map((f) => f.kind),
    hashes: lookup.fingerprints.map((f) => f.hash.toString('hex')),
  }));
  const { rows } = await client.query<LookupSqlRow>({ name: 'find-links-and-dispositions', text: LINKS_AND_DISPOSITIONS, values: [JSON.stringify(input)] });
  const answers = lookups.map((): LinksAndDispositions => ({ linked: [], dispositions: [] }));
  for (const row of rows) {
    const answer = answers[row.ord]!;
    if (row.row_type === 'link') {
      answer.linked.push({ kind: row.kind, caseId: row.case_id, subjectName: row.subject_name, band: row.band, score: row.score, status: row.status, sharedCount: row.shared });
    } else {
      answer.dispositions.push(toDisposition(row));
    }
  }
  return answers;
}

/** One applicant's (or case's) lookup. */
export async function findLinksAndDispositions(client: Queryable, lookup: LinkLookup): Promise<LinksAndDispositions> {
  const [answer] = await findLinksAndDispositionsOfMany(client, [lookup]);
  return answer!;
}

/** The cases sharing these fingerprints, one excluded (by id, or by source + externalId). */
export async function findLinkedCases(client: Queryable, fingerprints: Fingerprint[], exclude: { caseId?: string; source?: string; externalId?: string | null }): Promise<LinkedCaseRow[]> {
  if (fingerprints.length === 0) return [];
  // Without an externalId the statement reads no dispositions.
  return (await findLinksAndDispositions(client, { fingerprints, caseId: exclude.caseId, source: exclude.source, externalId: exclude.caseId ? null : exclude.externalId })).linked;
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
