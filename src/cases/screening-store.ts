// Writes a screening: case (new or existing), screening, audit event and idempotency record in ONE transaction.
// Plain parameterised SQL on the shared pool: this is the hot path, and Prisma's per-query cost was 4x the SQL's.
import crypto from 'node:crypto';
import type pg from 'pg';
import { inTransaction, type Db } from '../db/prisma-client';
import type { ScoreResult } from '../scoring/types';

export interface ScreeningWrite {
  source: string;
  externalId: string | null;
  subjectName: string;
  result: ScoreResult;
  inputSnapshot: Record<string, unknown>;
  actor: string;
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

type PreviousScore = { score: number; band: string; ruleSetVersion: string };

export class ScreeningStore {
  constructor(
    private readonly db: Db,
    private readonly pool: pg.Pool,
  ) {}

  async findIdempotentResponse(apiKeyId: string, key: string): Promise<StoredResponse | null> {
    const row = await this.db.idempotentRequest.findUnique({ where: { apiKeyId_key: { apiKeyId, key } } });
    return row ? { requestHash: row.requestHash, status: row.responseStatus, body: row.responseBody } : null;
  }

  /** `respond` builds the answer from the ids so that the answer itself can be stored for idempotent retries. */
  async record(
    write: ScreeningWrite,
    respond: (stored: StoredScreening) => { status: number; body: unknown },
    /** More writes that must commit with the screening (identifiers, rescoring of linked cases). */
    alsoWrite?: (client: pg.PoolClient, stored: StoredScreening) => Promise<void>,
  ): Promise<{ stored: StoredScreening; status: number; body: unknown }> {
    return inTransaction(this.pool, async (client) => {
      const { result } = write;
      const target = await this.claimCase(client, write);
      const screeningId = crypto.randomUUID();
      await client.query(
        `INSERT INTO screenings (id, case_id, score, band, rule_set_version, findings, input_snapshot, requested_by)
         VALUES ($1, $2, $3, $4::"Band", $5, $6::jsonb, $7::jsonb, $8)`,
        [screeningId, target.id, result.score, result.band, result.ruleSetVersion, JSON.stringify(result.findings), JSON.stringify(write.inputSnapshot), write.actor],
      );
      const after = { score: result.score, band: result.band, ruleSetVersion: result.ruleSetVersion, screeningId };
      await client.query(`INSERT INTO case_events (case_id, actor, action, data) VALUES ($1, $2, $3, $4::jsonb)`, [
        target.id,
        write.actor,
        target.previous ? 'case.rescreened' : 'case.created',
        JSON.stringify(target.previous ? { before: target.previous, after } : { after }),
      ]);
      const stored = { caseId: target.id, screeningId, isNewCase: !target.previous };
      if (alsoWrite) await alsoWrite(client, stored);
      const response = respond(stored);
      if (write.idempotency) {
        await client.query(
          `INSERT INTO idempotent_requests (api_key_id, key, request_hash, response_status, response_body) VALUES ($1, $2, $3, $4, $5::jsonb)`,
          [write.idempotency.apiKeyId, write.idempotency.key, write.idempotency.requestHash, response.status, JSON.stringify(response.body)],
        );
      }
      return { stored, ...response };
    });
  }

  /** The case this screening belongs to: the one with the same (source, externalId), locked, or a new one. */
  private async claimCase(client: pg.PoolClient, write: ScreeningWrite): Promise<{ id: string; previous: PreviousScore | null }> {
    const fields = [write.subjectName, write.result.score, write.result.band, write.result.ruleSetVersion];
    if (write.externalId) {
      const existing = await this.lockCase(client, write.source, write.externalId);
      if (existing) {
        await this.updateCase(client, existing.id, fields);
        return existing;
      }
    }
    const id = crypto.randomUUID();
    // ON CONFLICT DO NOTHING: a concurrent request may create the same (source, externalId) first; it then wins.
    const created = await client.query(
      `INSERT INTO cases (id, source, external_id, subject_name, score, band, rule_set_version, created_by)
       VALUES ($1, $2, $3, $4, $5, $6::"Band", $7, $8) ON CONFLICT (source, external_id) DO NOTHING`,
      [id, write.source, write.externalId, ...fields, write.actor],
    );
    if (created.rowCount === 1) return { id, previous: null };
    const winner = await this.lockCase(client, write.source, write.externalId!);
    if (!winner) throw new Error('a concurrently created case could not be found');
    await this.updateCase(client, winner.id, fields);
    return winner;
  }

  private async updateCase(client: pg.PoolClient, id: string, [subjectName, score, band, ruleSetVersion]: unknown[]): Promise<void> {
    await client.query(`UPDATE cases SET subject_name = $2, score = $3, band = $4::"Band", rule_set_version = $5, updated_at = now() WHERE id = $1`, [
      id,
      subjectName,
      score,
      band,
      ruleSetVersion,
    ]);
  }

  private async lockCase(client: pg.PoolClient, source: string, externalId: string): Promise<{ id: string; previous: PreviousScore } | null> {
    const { rows } = await client.query<{ id: string; score: number; band: string; rule_set_version: string }>(
      `SELECT id::text AS id, score, band::text AS band, rule_set_version FROM cases WHERE source = $1 AND external_id = $2 FOR UPDATE`,
      [source, externalId],
    );
    const row = rows[0];
    return row ? { id: row.id, previous: { score: row.score, band: row.band, ruleSetVersion: row.rule_set_version } } : null;
  }
}
