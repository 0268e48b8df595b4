// Writes a screening: case (new or existing), screening, identifiers, audit event and idempotency record, atomically.
// Plain parameterised SQL on the shared pool: this is the hot path, and Prisma's per-query cost was 4x the SQL's.
import crypto from 'node:crypto';
import type pg from 'pg';
import { inTransaction, type Db } from '../db/prisma-client';
import { AppError } from '../errors';
import type { ScoreResult } from '../scoring/types';

export interface ScreeningWrite {
  source: string;
  externalId: string | null;
  subjectName: string;
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

export interface StoredResponse {
  requestHash: string;
  status: number;
  body: unknown;
}

// The whole write in ONE statement: the case (new, or the same source + externalId updated and locked), the
// screening, the audit event (with the score before) and the identifiers. One statement is one atomic round trip;
// `prev` reads the row as it was, because every part of a statement sees the same snapshot.
const WRITE_SCREENING = `
WITH prev AS (
  SELECT score, band::text AS band, rule_set_version FROM cases
  WHERE $2::text IS NOT NULL AND source = $1 AND external_id = $2::text
  FOR UPDATE
), target AS (
  INSERT INTO cases AS c (id, source, external_id, subject_name, score, band, rule_set_version, created_by)
  -- Reading prev here locks the existing row before the upsert touches it (a row this statement has already
  -- updated would be invisible to prev's FOR UPDATE).
  SELECT $3, $1, $2, $4, $5, $6::"Band", $7, $8 FROM (SELECT count(*) FROM prev) AS locked
  ON CONFLICT (source, external_id) DO UPDATE
    SET subject_name = EXCLUDED.subject_name, score = EXCLUDED.score, band = EXCLUDED.band,
        rule_set_version = EXCLUDED.rule_set_version, updated_at = now()
    WHERE $9::boolean OR c.created_by = EXCLUDED.created_by
  RETURNING c.id, (c.xmax = 0) AS is_new
), screening AS (
  INSERT INTO screenings (id, case_id, score, band, rule_set_version, findings, input_snapshot, requested_by)
  SELECT $10, target.id, $5, $6::"Band", $7, $11::jsonb, $12::jsonb, $8 FROM target
), event AS (
  INSERT INTO case_events (case_id, actor, action, data)
  SELECT target.id, $8,
         CASE WHEN target.is_new THEN 'case.created' ELSE 'case.rescreened' END,
         CASE WHEN target.is_new THEN jsonb_build_object('after', $13::jsonb)
              ELSE jsonb_build_object('before', (SELECT jsonb_build_object('score', score, 'band', band, 'ruleSetVersion', rule_set_version) FROM prev), 'after', $13::jsonb) END
  FROM target
), stored_identifiers AS (
  INSERT INTO identifiers (case_id, screening_id, kind, hash, key_id)
  SELECT target.id, $10, t.kind::"IdentifierKind", decode(t.hash, 'hex'), $16
  FROM target, unnest($14::text[], $15::text[]) AS t(kind, hash)
  ON CONFLICT (case_id, kind, hash) DO NOTHING
)
SELECT id::text AS id, is_new FROM target`;

export class ScreeningStore {
  constructor(
    private readonly db: Db,
    private readonly pool: pg.Pool,
    private readonly idempotencyTtlHours = 24,
  ) {}

  /** The stored answer to this key, unless it is older than the time to live. */
  async findIdempotentResponse(apiKeyId: string, key: string): Promise<StoredResponse | null> {
    const row = await this.db.idempotentRequest.findUnique({ where: { apiKeyId_key: { apiKeyId, key } } });
    if (!row || row.createdAt.getTime() < Date.now() - this.idempotencyTtlHours * 3_600_000) return null;
    return { requestHash: row.requestHash, status: row.responseStatus, body: row.responseBody };
  }

  /** Forgets answers past the time to live; returns how many. */
  async purgeExpiredIdempotency(): Promise<number> {
    const result = await this.pool.query(`DELETE FROM idempotent_requests WHERE created_at < now() - make_interval(hours => $1)`, [this.idempotencyTtlHours]);
    return result.rowCount ?? 0;
  }

  /**
   * Stores the screening. `respond` builds the answer from the ids so that it can be kept for idempotent retries;
   * `alsoWrite` (rescoring linked cases) commits with it. Without either, the write is one statement and no
   * explicit transaction.
   */
  async record(
    write: ScreeningWrite,
    respond: (stored: StoredScreening) => { status: number; body: unknown },
    alsoWrite?: (client: pg.PoolClient, stored: StoredScreening) => Promise<void>,
  ): Promise<{ stored: StoredScreening; status: number; body: unknown }> {
    if (!alsoWrite && !write.idempotency) {
      const stored = await this.writeScreening(this.pool, write);
      return { stored, ...respond(stored) };
    }
    return inTransaction(this.pool, async (client) => {
      const stored = await this.writeScreening(client, write);
      if (alsoWrite) await alsoWrite(client, stored);
      const response = respond(stored);
      if (write.idempotency) {
        await this.rememberAnswer(client, write.idempotency, response);
      }
      return { stored, ...response };
    });
  }

  // An expired answer under the same key is replaced; a live one means a concurrent twin won: fail like a unique violation.
  private async rememberAnswer(client: pg.PoolClient, idempotency: NonNullable<ScreeningWrite['idempotency']>, response: { status: number; body: unknown }): Promise<void> {
    const result = await client.query(
      `INSERT INTO idempotent_requests AS r (api_key_id, key, request_hash, response_status, response_body) VALUES ($1, $2, $3, $4, $5::jsonb)
       ON CONFLICT (api_key_id, key) DO UPDATE
         SET request_hash = EXCLUDED.request_hash, response_status = EXCLUDED.response_status, response_body = EXCLUDED.response_body, created_at = now()
         WHERE r.created_at < now() - make_interval(hours => $6)`,
      [idempotency.apiKeyId, idempotency.key, idempotency.requestHash, response.status, JSON.stringify(response.body), this.idempotencyTtlHours],
    );
    if (result.rowCount === 0) throw Object.assign(new Error('idempotency key taken by a concurrent request'), { code: '23505' });
  }

  private async writeScreening(client: pg.Pool | pg.PoolClient, write: ScreeningWrite): Promise<StoredScreening> {
    const { result } = write;
    const screeningId = crypto.randomUUID();
    const after = { score: result.score, band: result.band, ruleSetVersion: result.ruleSetVersion, screeningId };
    const { rows } = await client.query<{ id: string; is_new: boolean }>(WRITE_SCREENING, [
      write.source,
      write.externalId,
      crypto.randomUUID(),
      write.subjectName,
      result.score,
      result.band,
      result.ruleSetVersion,
      write.actor,
      write.mayAppendToAnyCase,
      screeningId,
      JSON.stringify(result.findings),
      JSON.stringify(write.inputSnapshot),
      JSON.stringify(after),
      write.identifiers.kinds,
      write.identifiers.hashes,
      write.identifiers.keyId,
    ]);
    const row = rows[0];
    if (!row) {
      throw new AppError('conflict', `Another submitter's case already has source "${write.source}" and this externalId; send a different externalId`, {
        fields: [{ path: 'externalId', message: 'is already used by a case that another API key submitted' }],
      });
    }
    return { caseId: row.id, screeningId, isNewCase: row.is_new };
  }
}
