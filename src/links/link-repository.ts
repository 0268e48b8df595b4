// Link queries over the identifiers table: which other cases share a fingerprint, and how cases group.
// Plain parameterised SQL: these run on every screening, inside its transaction.
import type { Queryable } from '../db/prisma-client';
import { toDisposition, type DispositionRow } from '../cases/rescoring-store';
import type { LinkGroup, LinkSummary } from '../intel/gather-context';
import type { Disposition } from '../scoring/dispositions';
import type { Fingerprint } from './fingerprint-keys';
import type { IdentifierKind } from './normalise-identifiers';


// Identifier kinds judged together by one indicator (LinkGroup); the others are their own group.
const GROUP_OF_KIND = `CASE h.kind WHEN 'payout_account' THEN 'payout' WHEN 'wallet' THEN 'payout' WHEN 'phone' THEN 'contact'
  WHEN 'email' THEN 'contact' WHEN 'resume_band' THEN 'resume' ELSE h.kind END`;
// Near-duplicate resumes share several LSH bands; one shared band is chance-level similarity.
const MIN_SHARED_RESUME_BANDS = 4;
// The cases named in an answer per group; the counts cover every case.
export const LINK_SAMPLE_SIZE = 5;

// The link lookup, for many applicants or cases at once (LinkService batches the screenings' lookups that arrive
// together). For each input row and group of identifier kinds: how many other cases share a value (exactly, over the
// whole cluster), under how many distinct names, how many of them do not live with the applicant (no household
// evidence, or another residence), how many live elsewhere, and the few highest-scored of them. Its own case is left
// out (by id, or by source + externalId), and so are cases under one of its own names (the same person again). For
// an applicant with an externalId it also returns the reviewers' dispositions of its own case, which its new
// screening must honour. The answer's size does not grow with the cluster: a farm of 1,000 is five names and counts.
// One statement is one round trip; rows carry their input's ord.
const LINKS_AND_DISPOSITIONS = `
WITH input AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(ord int, exclude_case_id uuid, source text, external_id text, own_names text[], kinds text[], hashes text[])
), hits AS (
  SELECT w.ord, i.kind::text AS kind, i.case_id, count(*) AS shared
  FROM input w
  CROSS JOIN LATERAL unnest(w.kinds, w.hashes) AS wanted(kind, hash)
  JOIN identifiers i ON i.kind = wanted.kind::"IdentifierKind" AND i.hash = decode(wanted.hash, 'hex')
  WHERE i.case_id IS DISTINCT FROM w.exclude_case_id
  GROUP BY w.ord, i.kind, i.case_id
), linked AS (
  SELECT h.ord, ${GROUP_OF_KIND} AS grp, c.id AS case_id, c.subject_name, c.band::text AS band, c.score,
         c.household_evidence, coalesce(c.name_key, lower(c.subject_name)) AS name_key
  FROM hits h
  JOIN input w ON w.ord = h.ord
  JOIN cases c ON c.id = h.case_id
  WHERE NOT (w.external_id IS NOT NULL AND c.source = w.source AND c.external_id = w.external_id)
    AND NOT (coalesce(c.name_key, lower(c.subject_name)) = ANY(w.own_names))
    AND (h.kind <> 'resume_band' OR h.shared >= ${MIN_SHARED_RESUME_BANDS})
  GROUP BY h.ord, grp, c.id
), summary AS (
  SELECT l.ord, l.grp, count(*)::int AS cases, count(DISTINCT l.name_key)::int AS names,
         count(*) FILTER (WHERE NOT l.household_evidence OR home.case_id IS NULL)::int AS not_housemates,
         count(*) FILTER (WHERE home.case_id IS NULL)::int AS outside_residence
  FROM linked l
  LEFT JOIN linked home ON home.ord = l.ord AND home.grp = 'residential_address' AND home.case_id = l.case_id
  GROUP BY l.ord, l.grp
), sample AS (
  SELECT l.*, row_number() OVER (PARTITION BY l.ord, l.grp ORDER BY l.score DESC, l.case_id) AS n FROM linked l
)
SELECT 'summary' AS row_type, ord, grp, NULL::text AS case_id, NULL::text AS subject_name, NULL::text AS band, NULL::int AS score,
       cases, names, not_housemates, outside_residence,
       NULL::text AS indicator, NULL::text AS subject, NULL::text AS disposition, NULL::text AS reason, NULL::text AS actor,
       NULL::timestamptz AS created_at, NULL::bigint AS disposition_id
FROM summary
UNION ALL
SELECT 'sample', ord, grp, case_id::text, subject_name, band, score, NULL, NULL, NULL, NULL,
       NULL, NULL, NULL, NULL, NULL, NULL, NULL
FROM sample WHERE n <= ${LINK_SAMPLE_SIZE}
UNION ALL
SELECT 'disposition', w.ord, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
       d.indicator, d.subject, d.disposition::text, d.reason, d.actor, d.created_at, d.id
FROM input w
JOIN cases c ON w.external_id IS NOT NULL AND c.source = w.source AND c.external_id = w.external_id
JOIN finding_dispositions d ON d.case_id = c.id
-- Samples highest score first, dispositions in the order the reviewers recorded them.
ORDER BY score DESC NULLS LAST, case_id, disposition_id`;

type LookupSqlRow = { row_type: 'summary' | 'sample' | 'disposition'; ord: number; grp: LinkGroup; case_id: string; subject_name: string; band: string; score: number; cases: number; names: number; not_housemates: number; outside_residence: number } & DispositionRow;

export interface LinkLookup {
  fingerprints: Fingerprint[];
  /** The applicant's own names (nameKey): cases under them are the same person again, not a link. */
  ownNames: string[];
  /** The applicant's own case is left out: by its source + externalId (a screening), or by its id (a rescoring). */
  source?: string;
  externalId?: string | null;
  caseId?: string;
}

export interface LinksAndDispositions {
  groups: Partial<Record<LinkGroup, LinkSummary>>;
  /** Of the applicant's own case (named by source + externalId), oldest first; [] for a lookup by case id. */
  dispositions: Disposition[];
}

/** Each lookup's link summaries and dispositions, in one statement for all of them. */
export async function findLinksAndDispositionsOfMany(client: Queryable, lookups: LinkLookup[]): Promise<LinksAndDispositions[]> {
  const input = lookups.map((lookup, ord) => ({
    ord,
    exclude_case_id: lookup.caseId ?? null,
    source: lookup.source ?? null,
    external_id: lookup.externalId ?? null,
    own_names: lookup.ownNames,
    kinds: lookup.fingerprints.map((f) => f.kind),
    hashes: lookup.fingerprints.map((f) => f.hash.toString('hex')),
  }));
  const { rows } = await client.query<LookupSqlRow>({ name: 'find-link-summaries-and-dispositions', text: LINKS_AND_DISPOSITIONS, values: [JSON.stringify(input)] });
  const answers = lookups.map((): LinksAndDispositions => ({ groups: {}, dispositions: [] }));
  const groupOf = (answer: LinksAndDispositions, grp: LinkGroup) => (answer.groups[grp] ??= { cases: 0, names: 0, notHousemates: 0, outsideResidence: 0, sample: [] });
  for (const row of rows) {
    const answer = answers[row.ord]!;
    if (row.row_type === 'summary') {
      Object.assign(groupOf(answer, row.grp), { cases: row.cases, names: row.names, notHousemates: row.not_housemates, outsideResidence: row.outside_residence });
    } else if (row.row_type === 'sample') {
      groupOf(answer, row.grp).sample.push({ caseId: row.case_id, subjectName: row.subject_name, band: row.band, score: row.score });
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

export interface SharedValueRow {
  kind: string;
  /** The first 12 hex digits of the value's keyed hash: which value, without the value. */
  valueId: string;
  /** Every other case holding the value. */
  total: number;
  /** One page of them, in id order, after `after`. */
  cases: { id: string; subjectName: string; band: string; score: number; status: string }[];
}

/**
 * The values this case shares, live from the link tables: per value, how many other cases hold it and one page of
 * them (a farm of 1,000 is one group of 1,000, read `limit` at a time). Resume bands make one group of the cases
 * sharing several of them (near-duplicates).
 */
export async function sharedValuesOf(client: Queryable, caseId: string, page: { limit: number; after?: string }): Promise<SharedValueRow[]> {
  const { rows } = await client.query<{ kind: string; value_id: string; total: number; id: string | null; subject_name: string; band: string; score: number; status: string }>(
    `WITH shared AS (
       SELECT m.kind, m.hash, count(*)::int AS total FROM identifiers m
       JOIN identifiers o ON o.kind = m.kind AND o.hash = m.hash AND o.case_id <> $1
       WHERE m.case_id = $1 AND m.kind <> 'resume_band'
       GROUP BY m.kind, m.hash
     ), resume AS (
       SELECT o.case_id FROM identifiers m JOIN identifiers o ON o.kind = m.kind AND o.hash = m.hash AND o.case_id <> $1
       WHERE m.case_id = $1 AND m.kind = 'resume_band' GROUP BY o.case_id HAVING count(*) >= ${MIN_SHARED_RESUME_BANDS}
     )
     SELECT s.kind::text AS kind, left(encode(s.hash, 'hex'), 12) AS value_id, s.total, c.id::text AS id, c.subject_name, c.band::text AS band, c.score, c.status::text AS status
     FROM shared s
     LEFT JOIN LATERAL (
       SELECT o.case_id FROM identifiers o WHERE o.kind = s.kind AND o.hash = s.hash AND o.case_id <> $1 AND ($3::uuid IS NULL OR o.case_id > $3::uuid)
       ORDER BY o.case_id LIMIT $2
     ) member ON true
     LEFT JOIN cases c ON c.id = member.case_id
     UNION ALL
     SELECT 'resume', 'resume', (SELECT count(*)::int FROM resume), c.id::text, c.subject_name, c.band::text, c.score, c.status::text
     FROM (SELECT case_id FROM resume WHERE $3::uuid IS NULL OR case_id > $3::uuid ORDER BY case_id LIMIT $2) r JOIN cases c ON c.id = r.case_id
     ORDER BY 1, 2, 4`,
    [caseId, page.limit, page.after ?? null],
  );
  const groups = new Map<string, SharedValueRow>();
  for (const row of rows) {
    const key = `${row.kind}:${row.value_id}`;
    const group = groups.get(key) ?? { kind: row.kind, valueId: row.value_id, total: row.total, cases: [] };
    if (row.id) group.cases.push({ id: row.id, subjectName: row.subject_name, band: row.band, score: row.score, status: row.status });
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** The stored fingerprints of many cases in one query. */
export async function fingerprintsOfCases(client: Queryable, caseIds: string[]): Promise<Map<string, Fingerprint[]>> {
  const { rows } = await client.query<{ case_id: string; kind: IdentifierKind; hash: Buffer }>(`SELECT case_id::text AS case_id, kind::text AS kind, hash FROM identifiers WHERE case_id = ANY($1::uuid[])`, [caseIds]);
  const byCase = new Map<string, Fingerprint[]>();
  for (const row of rows) byCase.set(row.case_id, [...(byCase.get(row.case_id) ?? []), { kind: row.kind, hash: row.hash }]);
  return byCase;
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
export const CLUSTER_KINDS = ['email', 'phone', 'shipping_address', 'residential_address', 'payout_account', 'wallet', 'ip', 'device'];

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

/**
 * The cases holding one identifier value whose finding for it could still change, in id order (the members a queued
 * link rescoring goes through): a member whose latest screening already counts `saturatedNames` other names on this
 * finding, outside a household, is at the finding's most, and another newcomer changes nothing for it.
 */
export async function casesToRelink(client: Queryable, kind: IdentifierKind, hash: Buffer, indicator: string, saturatedNames: number): Promise<{ members: number; caseIds: string[] }> {
  const { rows } = await client.query<{ case_id: string | null; members: number }>(
    `WITH holders AS (
       SELECT i.case_id FROM identifiers i WHERE i.kind = $1::"IdentifierKind" AND i.hash = $2
     )
     SELECT h.case_id::text AS case_id, (SELECT count(*)::int FROM holders) AS members
     FROM holders h
     CROSS JOIN LATERAL (SELECT findings FROM screenings s WHERE s.case_id = h.case_id ORDER BY s.created_at DESC LIMIT 1) latest
     WHERE NOT EXISTS (
       SELECT 1 FROM jsonb_array_elements(latest.findings) f
       WHERE f->>'indicator' = $3 AND (f->'evidence'->>'otherNames')::int >= $4 AND (f->'evidence'->>'household') IS DISTINCT FROM 'true'
     )
     ORDER BY h.case_id`,
    [kind, hash, indicator, saturatedNames],
  );
  return { members: rows[0]?.members ?? 0, caseIds: rows.map((row) => row.case_id!) };
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
