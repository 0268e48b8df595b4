// The link lookup of every screening (and of link rescorings): per group of identifier kinds, who else shares the
// applicant's fingerprints, counted and sampled, with the reviewers' dispositions of its own case. Plain SQL.
import type { Queryable } from '../db/prisma-client';
import { toDisposition, type DispositionRow } from '../cases/rescoring-store';
import type { LinkGroup, LinkSummary } from '../intel/gather-context';
import type { Disposition } from '../scoring/dispositions';
import type { Fingerprint } from './fingerprint-keys';

// Identifier kinds judged together by one indicator (LinkGroup); the others are their own group.
const GROUP_OF_KIND = `CASE h.kind WHEN 'payout_account' THEN 'payout' WHEN 'wallet' THEN 'payout' WHEN 'phone' THEN 'contact'
  WHEN 'email' THEN 'contact' WHEN 'resume_band' THEN 'resume' ELSE h.kind END`;
// Near-duplicate resumes share several LSH bands; one shared band is chance-level similarity.
export const MIN_SHARED_RESUME_BANDS = 4;
// The cases named in an answer per group; the counts cover every case.
export const LINK_SAMPLE_SIZE = 5;

// The link lookup, for many applicants or cases at once (LinkService batches the screenings' lookups that arrive
// together). For each input row and group of identifier kinds: how many other cases share a value (exactly, over the
// whole cluster), under how many distinct names, how many of them do not live with the applicant (no household
// evidence, or another residence), how many live elsewhere, and the few highest-scored of them. Its own case is left
// out (by id, or by source + externalId), and so are cases under one of its own names (the same person again). For
// an applicant with an externalId it also returns the reviewers' dispositions of its own case, which its new
// screening must honour. The answer's size does not grow with the cluster: a farm of 1,000 is five names and counts.
// One statement is one round trip; rows carry their input's ord. The planner guesses 100 input rows for a batch of a
// few and would join identifiers and cases by reading them whole below some 25,000 cases (it did, in every batch):
// they are probed per value and per row instead, by construction (a LATERAL subquery with OFFSET 0 is not turned
// into a join).
export const LINKS_AND_DISPOSITIONS = `
WITH input AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(ord int, exclude_case_id uuid, source text, external_id text, own_names text[], kinds text[], hashes text[])
), hits AS (
  SELECT w.ord, i.kind::text AS kind, i.case_id, count(*) AS shared
  FROM input w
  CROSS JOIN LATERAL unnest(w.kinds, w.hashes) AS wanted(kind, hash)
  CROSS JOIN LATERAL (
    SELECT i.kind, i.case_id FROM identifiers i
    WHERE i.kind = wanted.kind::"IdentifierKind" AND i.hash = decode(wanted.hash, 'hex') OFFSET 0
  ) i
  WHERE i.case_id IS DISTINCT FROM w.exclude_case_id
  GROUP BY w.ord, i.kind, i.case_id
), linked AS (
  SELECT h.ord, ${GROUP_OF_KIND} AS grp, c.id AS case_id, c.subject_name, c.band::text AS band, c.score,
         c.household_evidence, coalesce(c.name_key, lower(c.subject_name)) AS name_key
  FROM hits h
  JOIN input w ON w.ord = h.ord
  CROSS JOIN LATERAL (SELECT * FROM cases c WHERE c.id = h.case_id OFFSET 0) c
  WHERE NOT (w.external_id IS NOT NULL AND c.source = w.source AND c.external_id = w.external_id)
    AND NOT (coalesce(c.name_key, lower(c.subject_name)) = ANY(w.own_names))
    AND (h.kind <> 'resume_band' OR h.shared >= ${MIN_SHARED_RESUME_BANDS})
  GROUP BY h.ord, grp, c.id, c.subject_name, c.band, c.score, c.household_evidence, c.name_key
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
CROSS JOIN LATERAL (
  SELECT d.* FROM finding_dispositions d
  WHERE w.external_id IS NOT NULL
    AND d.case_id = (SELECT c.id FROM cases c WHERE c.source = w.source AND c.external_id = w.external_id)
  OFFSET 0
) d
-- Samples highest score first, dispositions in the order the reviewers recorded them.
ORDER BY score DESC NULLS LAST, case_id, disposition_id`;

type LookupSqlRow = {
  row_type: 'summary' | 'sample' | 'disposition';
  ord: number;
  grp: LinkGroup;
  case_id: string;
  subject_name: string;
  band: string;
  score: number;
  cases: number;
  names: number;
  not_housemates: number;
  outside_residence: number;
} & DispositionRow;

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
export async function findLinksAndDispositionsOfMany(
  client: Queryable,
  lookups: LinkLookup[],
): Promise<LinksAndDispositions[]> {
  const input = lookups.map((lookup, ord) => ({
    ord,
    exclude_case_id: lookup.caseId ?? null,
    source: lookup.source ?? null,
    external_id: lookup.externalId ?? null,
    own_names: lookup.ownNames,
    kinds: lookup.fingerprints.map((f) => f.kind),
    hashes: lookup.fingerprints.map((f) => f.hash.toString('hex')),
  }));
  const { rows } = await client.query<LookupSqlRow>({
    name: 'find-link-summaries-and-dispositions',
    text: LINKS_AND_DISPOSITIONS,
    values: [JSON.stringify(input)],
  });
  const answers = lookups.map((): LinksAndDispositions => ({ groups: {}, dispositions: [] }));
  const groupOf = (answer: LinksAndDispositions, grp: LinkGroup) =>
    (answer.groups[grp] ??= { cases: 0, names: 0, notHousemates: 0, outsideResidence: 0, sample: [] });
  for (const row of rows) {
    const answer = answers[row.ord]!;
    if (row.row_type === 'summary') {
      Object.assign(groupOf(answer, row.grp), {
        cases: row.cases,
        names: row.names,
        notHousemates: row.not_housemates,
        outsideResidence: row.outside_residence,
      });
    } else if (row.row_type === 'sample') {
      groupOf(answer, row.grp).sample.push({
        caseId: row.case_id,
        subjectName: row.subject_name,
        band: row.band,
        score: row.score,
      });
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
