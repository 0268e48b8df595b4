// The link store, over the identifiers table: which other cases share a fingerprint, and how cases group. Plain
// parameterised SQL; the functions take any client (benchmarks, tests), LinkStore runs them on the pool or in a
// caller's session.
import type { Queryable } from '../db/prisma-client';
import { queryableOf, type DbSession } from '../db/session';
import type { Fingerprint } from './fingerprint-keys';
import {
  findLinksAndDispositionsOfMany,
  MIN_SHARED_RESUME_BANDS,
  type LinkLookup,
  type LinksAndDispositions,
} from './link-lookup-store';
import { identifierKinds, type IdentifierKind } from './normalise-identifiers';
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
export async function sharedValuesOf(
  client: Queryable,
  caseId: string,
  page: { limit: number; after?: string },
): Promise<SharedValueRow[]> {
  const { rows } = await client.query<{
    kind: string;
    value_id: string;
    total: number;
    id: string | null;
    subject_name: string;
    band: string;
    score: number;
    status: string;
  }>(
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
    if (row.id)
      group.cases.push({
        id: row.id,
        subjectName: row.subject_name,
        band: row.band,
        score: row.score,
        status: row.status,
      });
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** The stored fingerprints of many cases in one query. */
export async function fingerprintsOfCases(client: Queryable, caseIds: string[]): Promise<Map<string, Fingerprint[]>> {
  const { rows } = await client.query<{ case_id: string; kind: IdentifierKind; hash: Buffer }>(
    `SELECT case_id::text AS case_id, kind::text AS kind, hash FROM identifiers WHERE case_id = ANY($1::uuid[])`,
    [caseIds],
  );
  const byCase = new Map<string, Fingerprint[]>();
  for (const row of rows)
    byCase.set(row.case_id, [...(byCase.get(row.case_id) ?? []), { kind: row.kind, hash: row.hash }]);
  return byCase;
}

export async function fingerprintsOfCase(client: Queryable, caseId: string): Promise<Fingerprint[]> {
  const { rows } = await client.query<{ kind: IdentifierKind; hash: Buffer }>(
    `SELECT kind::text AS kind, hash FROM identifiers WHERE case_id = $1`,
    [caseId],
  );
  return rows.map((row) => ({ kind: row.kind, hash: row.hash }));
}

export async function findCaseScore(
  client: Queryable,
  caseId: string,
): Promise<{ caseId: string; band: string; score: number } | null> {
  const { rows } = await client.query<{ id: string; band: string; score: number }>(
    `SELECT id::text AS id, band::text AS band, score FROM cases WHERE id = $1`,
    [caseId],
  );
  return rows[0] ? { caseId: rows[0].id, band: rows[0].band, score: rows[0].score } : null;
}

// Resume bands alone are weak (one shared band is chance); clusters follow the other kinds.
export const CLUSTER_KINDS: readonly string[] = identifierKinds.filter((kind) => kind !== 'resume_band');

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
export async function casesToRelink(
  client: Queryable,
  kind: IdentifierKind,
  hash: Buffer,
  indicator: string,
  saturatedNames: number,
): Promise<{ members: number; caseIds: string[] }> {
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

export interface CaseBandAndScore {
  id: string;
  band: string;
  score: number;
}

/** The link tables for the link use cases; `session` runs a read in the caller's transaction instead of on the pool. */
export class LinkStore {
  constructor(private readonly pool: Queryable) {}

  findLinksAndDispositionsOfMany(lookups: LinkLookup[], session?: DbSession): Promise<LinksAndDispositions[]> {
    return findLinksAndDispositionsOfMany(this.on(session), lookups);
  }

  findFingerprintsOfCases(caseIds: string[], session?: DbSession): Promise<Map<string, Fingerprint[]>> {
    return fingerprintsOfCases(this.on(session), caseIds);
  }

  findCaseScore(caseId: string): Promise<{ caseId: string; band: string; score: number } | null> {
    return findCaseScore(this.pool, caseId);
  }

  findCasesToRelink(
    kind: IdentifierKind,
    hash: Buffer,
    indicator: string,
    saturatedNames: number,
  ): Promise<{ members: number; caseIds: string[] }> {
    return casesToRelink(this.pool, kind, hash, indicator, saturatedNames);
  }

  findSharedValuesOf(caseId: string, page: { limit: number; after?: string }): Promise<SharedValueRow[]> {
    return sharedValuesOf(this.pool, caseId, page);
  }

  findClusterOf(caseId: string): Promise<string[]> {
    return clusterOf(this.pool, caseId);
  }

  findSharedKindsWithin(caseIds: string[]): Promise<string[]> {
    return sharedKindsWithin(this.pool, caseIds);
  }

  findSharedIdentifierGroups(): Promise<{ kind: string; caseIds: string[] }[]> {
    return sharedIdentifierGroups(this.pool);
  }

  /** The band and score of each of these cases that exists, in no particular order. */
  async findBandsAndScores(caseIds: string[]): Promise<CaseBandAndScore[]> {
    const { rows } = await this.pool.query<CaseBandAndScore>(
      `SELECT id::text AS id, band::text AS band, score FROM cases WHERE id = ANY($1::uuid[])`,
      [caseIds],
    );
    return rows;
  }

  private on(session: DbSession | undefined): Queryable {
    return session ? queryableOf(session) : this.pool;
  }
}
