// Writes a screening: case (new or existing), screening, audit event and idempotency record in ONE transaction.
import crypto from 'node:crypto';
import type { Db, Prisma } from '../db/prisma-client';
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

// A type alias (not an interface) so that it is assignable to Prisma's JSON input type.
type PreviousScore = {
  score: number;
  band: string;
  ruleSetVersion: string;
};

export class ScreeningStore {
  constructor(private readonly db: Db) {}

  async findIdempotentResponse(apiKeyId: string, key: string): Promise<StoredResponse | null> {
    const row = await this.db.idempotentRequest.findUnique({ where: { apiKeyId_key: { apiKeyId, key } } });
    return row ? { requestHash: row.requestHash, status: row.responseStatus, body: row.responseBody } : null;
  }

  /** `respond` builds the answer from the ids so that the answer itself can be stored for idempotent retries. */
  async record(
    write: ScreeningWrite,
    respond: (stored: StoredScreening) => { status: number; body: unknown },
    /** More writes that must commit with the screening (identifiers, rescoring of linked cases). */
    alsoWrite?: (tx: Prisma.TransactionClient, stored: StoredScreening) => Promise<void>,
  ): Promise<{ stored: StoredScreening; status: number; body: unknown }> {
    return this.db.$transaction(async (tx) => {
      const { result } = write;
      const target = await this.claimCase(tx, write);
      const screeningId = crypto.randomUUID();
      await tx.screening.create({
        data: {
          id: screeningId,
          caseId: target.id,
          score: result.score,
          band: result.band,
          ruleSetVersion: result.ruleSetVersion,
          findings: result.findings as unknown as Prisma.InputJsonValue,
          inputSnapshot: write.inputSnapshot as Prisma.InputJsonValue,
          requestedBy: write.actor,
        },
      });
      const after = { score: result.score, band: result.band, ruleSetVersion: result.ruleSetVersion, screeningId };
      await tx.caseEvent.create({
        data: {
          caseId: target.id,
          actor: write.actor,
          action: target.previous ? 'case.rescreened' : 'case.created',
          data: target.previous ? { before: target.previous, after } : { after },
        },
      });
      const stored = { caseId: target.id, screeningId, isNewCase: !target.previous };
      if (alsoWrite) await alsoWrite(tx, stored);
      const response = respond(stored);
      if (write.idempotency) {
        await tx.idempotentRequest.create({
          data: {
            apiKeyId: write.idempotency.apiKeyId,
            key: write.idempotency.key,
            requestHash: write.idempotency.requestHash,
            responseStatus: response.status,
            responseBody: response.body as Prisma.InputJsonValue,
          },
        });
      }
      return { stored, ...response };
    });
  }

  /** The case this screening belongs to: the one with the same (source, externalId), locked, or a new one. */
  private async claimCase(tx: Prisma.TransactionClient, write: ScreeningWrite): Promise<{ id: string; previous: PreviousScore | null }> {
    const fields = { subjectName: write.subjectName, score: write.result.score, band: write.result.band, ruleSetVersion: write.result.ruleSetVersion };
    if (write.externalId) {
      const existing = await this.lockCase(tx, write.source, write.externalId);
      if (existing) {
        await tx.case.update({ where: { id: existing.id }, data: fields });
        return { id: existing.id, previous: existing.previous };
      }
    }
    const id = crypto.randomUUID();
    // ON CONFLICT DO NOTHING: a concurrent request may create the same (source, externalId) first; it then wins.
    const created = await tx.case.createMany({
      data: [{ id, source: write.source, externalId: write.externalId, createdBy: write.actor, ...fields }],
      skipDuplicates: true,
    });
    if (created.count === 1) return { id, previous: null };
    const winner = await this.lockCase(tx, write.source, write.externalId!);
    if (!winner) throw new Error('a concurrently created case could not be found');
    await tx.case.update({ where: { id: winner.id }, data: fields });
    return winner;
  }

  private async lockCase(tx: Prisma.TransactionClient, source: string, externalId: string): Promise<{ id: string; previous: PreviousScore } | null> {
    const rows = await tx.$queryRaw<{ id: string; score: number; band: string; rule_set_version: string }[]>`
      SELECT id::text AS id, score, band::text AS band, rule_set_version
      FROM cases WHERE source = ${source} AND external_id = ${externalId} FOR UPDATE`;
    const row = rows[0];
    return row ? { id: row.id, previous: { score: row.score, band: row.band, ruleSetVersion: row.rule_set_version } } : null;
  }
}
