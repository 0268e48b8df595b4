// Writes a screening: case (new or existing), screening, identifiers, audit event and idempotency record, atomically.
// Plain parameterised SQL on the shared pool: this is the hot path, and Prisma's per-query cost was 4x the SQL's.
import crypto from 'node:crypto';
import type pg from 'pg';
import { inTransaction, type Db } from '../db/prisma-client';
import { MicroBatcher } from '../db/micro-batcher';
import { AppError } from '../errors';
import type { ScoreResult } from '../scoring/types';

export interface ScreeningWrite {
  source: string;
  externalId: string | null;
  subjectName: string;
  /** The subject's name as links compare it (nameKey), and whether they live and are paid as declared. */
  nameKey: string;
  householdEvidence: boolean;
  result: ScoreResult;
  inputSnapshot: Record<string, unknown>;
  actor: string;
  /** false for recruiters: they may add screenings only to the cases they created themselves. */
  mayAppendToAnyCase: boolean;
  /** Keyed hashes of the identifiers this screening saw (hex), stored with it for linking. */
  identifiers: { kinds: string[]; hashes: string[]; keyId: string };
  idempotency?: { apiKeyId: string; key: string; requestHash: string };
}

export interface StoredScreening {
  caseId: string;
  screeningId: string;
  isNewCase: boolean;
}

/** `key_taken`: a concurrent request with the same Idempotency-Key committed first; nothing of this one was stored. */
export type RecordOutcome =
  { kind: 'recorded'; stored: StoredScreening; status: number; body: unknown } | { kind: 'key_taken' };

// Thrown inside the transaction to roll it back; record() answers it as key_taken.
class IdempotencyKeyTaken extends Error {}

// 23505: PostgreSQL's unique_violation; P2002: Prisma's name for it.
function isUniqueViolation(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return code === '23505' || code === 'P2002';
}

export interface StoredResponse {
  requestHash: string;
  status: number;
  body: unknown;
}

// The whole write in ONE statement, for one screening or many (MicroBatcher): per row, the case (new, or the same
// source + externalId updated and locked), the screening, the audit event (with the score before) and the identifiers.
// One statement is one atomic round trip; `prev` reads the rows as they were, because every part of a statement sees
// the same snapshot. Rows arrive as one JSON array (one parameter, parsed by PostgreSQL) with their position `ord`. Existing cases are
// locked in id order and new ones inserted in (source, externalId) order, so two batches cannot deadlock on each
// other's cases. A batch never holds two screenings of one case (MicroBatcher's canJoin): ON CONFLICT DO UPDATE
// may touch a row once per statement. A row whose case belongs to another submitter gets no `target` row and so
// writes nothing; its caller answers 409.
export const WRITE_SCREENINGS = `
WITH input AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(
    ord int, source text, external_id text, new_case_id uuid, subject_name text, name_key text, household_evidence boolean, score int, band text, sanctions_status text, rule_set_version text,
    actor text, may_append boolean, screening_id uuid, findings jsonb, snapshot jsonb, after jsonb, kinds text[], hashes text[])
), prev AS (
  -- One probe of the (source, external_id) key per row, by construction: as a join, the planner (which guesses 100
  -- input rows for a batch of a few) hashed the input and read every case, in each batch, below some 25,000 cases.
  SELECT c.id, c.score, c.band::text AS band, c.sanctions_status::text AS sanctions_status, c.rule_set_version FROM cases c
  WHERE c.id = ANY (ARRAY(
    SELECT (SELECT k.id FROM cases k WHERE k.source = i.source AND k.external_id = i.external_id) FROM input i
    WHERE i.external_id IS NOT NULL))
  ORDER BY c.id
  FOR UPDATE OF c
), target AS (
  INSERT INTO cases AS c (id, source, external_id, subject_name, name_key, household_evidence, score, band, sanctions_status, rule_set_version, created_by)
  SELECT i.new_case_id, i.source, i.external_id, i.subject_name, i.name_key, i.household_evidence, i.score, i.band::"Band", i.sanctions_status::"SanctionsStatus", i.rule_set_version, i.actor
  FROM input i, (SELECT count(*) FROM prev) AS locked
  ORDER BY i.source, i.external_id
  ON CONFLICT (source, external_id) DO UPDATE
    SET subject_name = EXCLUDED.subject_name, name_key = EXCLUDED.name_key, household_evidence = EXCLUDED.household_evidence, score = EXCLUDED.score, band = EXCLUDED.band, sanctions_status = EXCLUDED.sanctions_status,
        rule_set_version = EXCLUDED.rule_set_version, updated_at = now()
    WHERE c.created_by = EXCLUDED.created_by OR EXISTS (SELECT 1 FROM input mine WHERE mine.new_case_id = EXCLUDED.id AND mine.may_append)
  RETURNING c.id, c.source, c.external_id, (c.xmax = 0) AS is_new
), written AS (
  SELECT i.*, target.id AS case_id, target.is_new FROM input i
  JOIN target ON target.id = i.new_case_id OR (i.external_id IS NOT NULL AND target.source = i.source AND target.external_id = i.external_id)
), screening AS (
  INSERT INTO screenings (id, case_id, score, band, sanctions_status, rule_set_version, findings, input_snapshot, requested_by)
  SELECT screening_id, case_id, score, band::"Band", sanctions_status::"SanctionsStatus", rule_set_version, findings, snapshot, actor FROM written ORDER BY ord
), event AS (
  INSERT INTO case_events (case_id, actor, action, data)
  SELECT w.case_id, w.actor,
         CASE WHEN w.is_new THEN 'case.created' ELSE 'case.rescreened' END,
         CASE WHEN w.is_new THEN jsonb_build_object('after', w.after)
              ELSE jsonb_build_object('before', (SELECT jsonb_build_object('score', p.score, 'band', p.band, 'sanctionsStatus', p.sanctions_status, 'ruleSetVersion', p.rule_set_version) FROM prev p WHERE p.id = w.case_id), 'after', w.after) END
  FROM written w ORDER BY w.ord
), stored_identifiers AS (
  INSERT INTO identifiers (case_id, screening_id, kind, hash, key_id)
  SELECT w.case_id, w.screening_id, t.kind::"IdentifierKind", decode(t.hash, 'hex'), $2
  FROM written w, unnest(w.kinds, w.hashes) AS t(kind, hash)
  ON CONFLICT (case_id, kind, hash) DO NOTHING
)
SELECT ord, case_id::text AS id, is_new FROM written`;

// The write batcher's limits, as MicroBatcher takes them.
const BATCH_LIMITS = {
  // Enough to carry a busy instance's concurrent requests in one statement, small enough to keep a statement short.
  maxBatch: 50,
  // Two statements in flight: while one commits, the next batch gathers.
  maxInFlight: 2,
  // The second only once 8 screenings wait: while one statement at a time keeps up, batches are bigger and commits
  // fewer (rich screenings: about 15% less PostgreSQL CPU, 8-10% less here); a write held by a case's lock (a
  // rescoring job) still lets the others past as soon as a few are waiting.
  waitingForAnotherStatement: 8,
} as const;

interface BatchedWrite {
  write: ScreeningWrite;
  newCaseId: string;
  screeningId: string;
}

// Two screenings of one case cannot share a statement (see WRITE_SCREENINGS), nor run beside each other: the second waits.
function sameCase(others: readonly BatchedWrite[], item: BatchedWrite): boolean {
  const { source, externalId } = item.write;
  return (
    externalId !== null &&
    others.some((other) => other.write.externalId === externalId && other.write.source === source)
  );
}

function otherSubmittersCase(write: ScreeningWrite): AppError {
  return new AppError(
    'conflict',
    `Another submitter's case already has source "${write.source}" and this externalId; send a different externalId`,
    {
      fields: [{ path: 'externalId', message: 'is already used by a case that another API key submitted' }],
    },
  );
}

export class ScreeningStore {
  private readonly batcher: MicroBatcher<BatchedWrite, StoredScreening>;

  constructor(
    private readonly db: Db,
    private readonly pool: pg.Pool,
    private readonly idempotencyTtlHours = 24,
  ) {
    this.batcher = new MicroBatcher((items) => this.writeScreenings(this.pool, items), {
      ...BATCH_LIMITS,
      canJoin: (batch, item) => !sameCase(batch, item),
    });
  }

  /** The stored answer to this key, unless it is older than the time to live. */
  async findIdempotentResponse(apiKeyId: string, key: string): Promise<StoredResponse | null> {
    const row = await this.db.idempotentRequest.findUnique({ where: { apiKeyId_key: { apiKeyId, key } } });
    if (!row || row.createdAt.getTime() < Date.now() - this.idempotencyTtlHours * 3_600_000) return null;
    return { requestHash: row.requestHash, status: row.responseStatus, body: row.responseBody };
  }

  /** Forgets answers past the time to live; returns how many. */
  async purgeExpiredIdempotency(): Promise<number> {
    const result = await this.pool.query(
      `DELETE FROM idempotent_requests WHERE created_at < now() - make_interval(hours => $1)`,
      [this.idempotencyTtlHours],
    );
    return result.rowCount ?? 0;
  }

  /**
   * Stores the screening. `respond` builds the answer from the ids so that it can be kept for idempotent retries.
   * Without an Idempotency-Key the write is one statement and no explicit transaction (the rescoring of linked cases
   * is queued by the identifiers' trigger within it).
   */
  async record(
    write: ScreeningWrite,
    respond: (stored: StoredScreening) => { status: number; body: unknown },
  ): Promise<RecordOutcome> {
    if (!write.idempotency) {
      // Most screenings: one statement that commits on its own, shared with the screenings arriving beside it.
      const stored = await this.batcher.submit({
        write,
        newCaseId: crypto.randomUUID(),
        screeningId: crypto.randomUUID(),
      });
      return { kind: 'recorded', stored, ...respond(stored) };
    }
    try {
      return { kind: 'recorded', ...(await this.recordWithAnswer(write, respond)) };
    } catch (error) {
      if (error instanceof IdempotencyKeyTaken || isUniqueViolation(error)) return { kind: 'key_taken' };
      throw error;
    }
  }

  // The screening and its answer under the Idempotency-Key, in one transaction.
  private recordWithAnswer(
    write: ScreeningWrite,
    respond: (stored: StoredScreening) => { status: number; body: unknown },
  ): Promise<{ stored: StoredScreening; status: number; body: unknown }> {
    return inTransaction(this.pool, async (client) => {
      const [outcome] = await this.writeScreenings(client, [
        { write, newCaseId: crypto.randomUUID(), screeningId: crypto.randomUUID() },
      ]);
      if (outcome instanceof Error) throw outcome;
      const stored = outcome!;
      const response = respond(stored);
      if (write.idempotency) {
        await this.rememberAnswer(client, write.idempotency, response);
      }
      return { stored, ...response };
    });
  }

  // An expired answer under the same key is replaced; a live one means a concurrent twin won: roll back.
  private async rememberAnswer(
    client: pg.PoolClient,
    idempotency: NonNullable<ScreeningWrite['idempotency']>,
    response: { status: number; body: unknown },
  ): Promise<void> {
    const result = await client.query(
      `INSERT INTO idempotent_requests AS r (api_key_id, key, request_hash, response_status, response_body) VALUES ($1, $2, $3, $4, $5::jsonb)
       ON CONFLICT (api_key_id, key) DO UPDATE
         SET request_hash = EXCLUDED.request_hash, response_status = EXCLUDED.response_status, response_body = EXCLUDED.response_body, created_at = now()
         WHERE r.created_at < now() - make_interval(hours => $6)`,
      [
        idempotency.apiKeyId,
        idempotency.key,
        idempotency.requestHash,
        response.status,
        JSON.stringify(response.body),
        this.idempotencyTtlHours,
      ],
    );
    if (result.rowCount === 0) throw new IdempotencyKeyTaken('idempotency key taken by a concurrent request');
  }

  // One statement for the batch; each screening's outcome in its position (a conflict fails that one alone).
  private async writeScreenings(
    client: pg.Pool | pg.PoolClient,
    items: BatchedWrite[],
  ): Promise<(StoredScreening | Error)[]> {
    const rows = items.map(({ write, newCaseId, screeningId }, ord) => {
      const { result } = write;
      return {
        ord,
        source: write.source,
        external_id: write.externalId,
        new_case_id: newCaseId,
        subject_name: write.subjectName,
        name_key: write.nameKey,
        household_evidence: write.householdEvidence,
        score: result.score,
        band: result.band,
        sanctions_status: result.sanctionsStatus,
        rule_set_version: result.ruleSetVersion,
        actor: write.actor,
        may_append: write.mayAppendToAnyCase,
        screening_id: screeningId,
        findings: result.findings,
        snapshot: write.inputSnapshot,
        after: {
          score: result.score,
          band: result.band,
          sanctionsStatus: result.sanctionsStatus,
          ruleSetVersion: result.ruleSetVersion,
          screeningId,
        },
        kinds: write.identifiers.kinds,
        hashes: write.identifiers.hashes,
      };
    });
    // The link key is the instance's: one for the whole batch.
    const keyIds = new Set(items.map((item) => item.write.identifiers.keyId));
    if (keyIds.size > 1) throw new Error('screenings hashed under different link keys cannot share a statement');
    const { rows: written } = await client.query<{ ord: number; id: string; is_new: boolean }>({
      name: 'write-screenings',
      text: WRITE_SCREENINGS,
      values: [JSON.stringify(rows), items[0]!.write.identifiers.keyId],
    });
    const byOrd = new Map(written.map((row) => [row.ord, row]));
    return items.map(({ write, screeningId }, ord) => {
      const row = byOrd.get(ord);
      return row ? { caseId: row.id, screeningId, isNewCase: row.is_new } : otherSubmittersCase(write);
    });
  }
}
