// Webhook deliveries: stored with their job in ONE statement (accepted = durable), then tracked by the worker.
import { logPage, logRow, type LogQuery, type LogTable, type Page } from '../db/keyset-page';
import type { Queryable } from '../db/prisma-client';
import { IntakeBatchStore, type AcceptOutcome, type IncomingRecord } from './intake-batch-store';
import type { SecretBox } from '../crypto/secret-box';
import { WEBHOOK_TASK } from '../queue/task-names';

export const deliveryStatuses = ['queued', 'processing', 'processed', 'ignored', 'dead'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

export type { IncomingRecord } from './intake-batch-store';

export interface DeliverySummary {
  id: string;
  sourceId: string;
  sourceName: string;
  vendor: string;
  deliveryId: string;
  event: string;
  candidateId: string | null;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  outcome: string | null;
  caseId: string | null;
  receivedAt: Date;
  processedAt: Date | null;
  /** False once the candidate's personal data was erased. */
  hasBody: boolean;
}

// Outcomes quote what the sender wrote (an unknown event name); PostgreSQL text cannot hold NUL.
function withoutNul(text: string): string {
  return text.split('\u0000').join('');
}

const SUMMARY_COLUMNS = `d.id::text AS id, d.source_id::text AS "sourceId", s.name AS "sourceName", s.vendor::text AS vendor,
  d.delivery_id AS "deliveryId", d.event, d.candidate_id AS "candidateId", d.status::text AS status, d.attempts,
  d.last_error AS "lastError", d.outcome, d.case_id::text AS "caseId", d.received_at AS "receivedAt",
  d.processed_at AS "processedAt", d.body IS NOT NULL AS "hasBody"`;
export const DELIVERY_LOG: LogTable = {
  columns: SUMMARY_COLUMNS,
  table: 'webhook_deliveries',
  alias: 'd',
  ownerTable: 'webhook_sources',
  ownerAlias: 's',
  ownerKey: 'source_id',
  timeColumn: 'received_at',
  statusType: '"WebhookDeliveryStatus"',
};

export class DeliveryStore {
  private readonly batcher: IntakeBatchStore;

  constructor(
    private readonly pool: Queryable,
    private readonly maxAttempts: number,
    /** Bodies are stored sealed under SECRETS_KEY and opened only by the worker. */
    private readonly box: SecretBox,
  ) {
    this.batcher = new IntakeBatchStore(pool, WEBHOOK_TASK, maxAttempts, (body) => box.seal(body));
  }

  /**
   * Stores a verified delivery and queues its job atomically (resolved once committed); `duplicate` when this
   * delivery id was seen. Deliveries arriving together share one statement.
   */
  accept(record: IncomingRecord): Promise<AcceptOutcome> {
    return this.batcher.accept(record);
  }

  list(query: LogQuery<DeliveryStatus>): Promise<Page<DeliverySummary>> {
    return logPage<DeliverySummary>(this.pool, DELIVERY_LOG, query);
  }

  find(id: string): Promise<DeliverySummary | null> {
    return logRow<DeliverySummary>(this.pool, DELIVERY_LOG, id);
  }

  /**
   * Queues a stored delivery again (after a fix, or to re-run a dead one) with fresh attempts; null when
   * there is no such delivery, 'erased' when its body is gone.
   */
  async replay(id: string): Promise<DeliverySummary | 'erased' | null> {
    const { rows } = await this.pool.query<{
      id: string;
      body_present: boolean;
      candidate_id: string | null;
      source_id: string;
    }>(
      `WITH target AS (SELECT id, body IS NOT NULL AS body_present FROM webhook_deliveries WHERE id = $1::uuid FOR UPDATE),
            reset AS (UPDATE webhook_deliveries d SET status = 'queued', attempts = 0, last_error = NULL, processed_at = NULL
                      FROM target WHERE d.id = target.id AND target.body_present
                      RETURNING d.id, d.candidate_id, d.source_id)
       SELECT target.id::text AS id, target.body_present, reset.candidate_id, reset.source_id::text AS source_id,
              (SELECT (graphile_worker.add_job($2, json_build_object('deliveryId', reset.id), max_attempts => $3)).id) AS job_id
       FROM target LEFT JOIN reset ON reset.id = target.id`,
      [id, WEBHOOK_TASK, this.maxAttempts],
    );
    if (!rows[0]) return null;
    if (!rows[0].body_present) return 'erased';
    return this.find(id);
  }

  /** Marks a delivery as being worked on and returns what the worker needs; null when it is gone. */
  async begin(
    id: string,
    attempt: number,
  ): Promise<{ sourceId: string; body: Buffer | null; event: string; candidateId: string | null } | null> {
    const { rows } = await this.pool.query<{
      source_id: string;
      body: Buffer | null;
      event: string;
      candidate_id: string | null;
    }>(
      `UPDATE webhook_deliveries SET status = 'processing', attempts = $2 WHERE id = $1::uuid
       RETURNING source_id::text AS source_id, body, event, candidate_id`,
      [id, attempt],
    );
    const row = rows[0];
    return row
      ? {
          sourceId: row.source_id,
          body: row.body ? this.box.open(row.body) : null,
          event: row.event,
          candidateId: row.candidate_id,
        }
      : null;
  }

  async finish(
    id: string,
    result: { status: 'processed' | 'ignored' | 'dead'; outcome: string; caseId?: string | null; error?: string },
  ): Promise<void> {
    await this.pool.query(
      `UPDATE webhook_deliveries SET status = $2::"WebhookDeliveryStatus", outcome = $3, case_id = COALESCE($4::uuid, case_id),
         last_error = $5, processed_at = now() WHERE id = $1::uuid`,
      [
        id,
        result.status,
        withoutNul(result.outcome).slice(0, 1000),
        result.caseId ?? null,
        result.error === undefined ? null : withoutNul(result.error).slice(0, 2000),
      ],
    );
  }

  /**
   * One candidate's deliveries are handled in the order they arrived (an anonymisation must not overtake the
   * application before it): true when an earlier delivery of the same candidate is still waiting or running.
   */
  async hasEarlierPending(id: string): Promise<boolean> {
    const { rows } = await this.pool.query<{ waiting: boolean }>(
      `SELECT EXISTS (
         SELECT 1 FROM webhook_deliveries this JOIN webhook_deliveries earlier
           ON earlier.source_id = this.source_id AND earlier.candidate_id = this.candidate_id
         WHERE this.id = $1::uuid AND earlier.id <> this.id AND earlier.status IN ('queued', 'processing')
           AND (earlier.received_at, earlier.id) < (this.received_at, this.id)) AS waiting`,
      [id],
    );
    return rows[0]!.waiting;
  }

  /** Puts a delivery back in the queue to run after `delaySeconds`, without spending one of its attempts. */
  async defer(id: string, delaySeconds: number): Promise<void> {
    await this.pool.query(
      `WITH back AS (UPDATE webhook_deliveries SET status = 'queued' WHERE id = $1::uuid RETURNING id)
       SELECT (graphile_worker.add_job($2, json_build_object('deliveryId', back.id), run_at => now() + make_interval(secs => $3), max_attempts => $4)).id FROM back`,
      [id, WEBHOOK_TASK, delaySeconds, this.maxAttempts],
    );
  }

  /** A failed attempt: back to queued while attempts remain (the queue retries with backoff), else dead. */
  async fail(id: string, error: string, isLastAttempt: boolean): Promise<void> {
    await this.pool.query(
      `UPDATE webhook_deliveries SET status = $2::"WebhookDeliveryStatus", last_error = $3 WHERE id = $1::uuid`,
      [id, isLastAttempt ? 'dead' : 'queued', withoutNul(error).slice(0, 2000)],
    );
  }

  /**
   * The cases an event is about, each with who created it (`createdBy`: a webhook source may change only its own,
   * see process-delivery.ts). When it names applications, exactly the cases of those applications (external ids under
   * `caseSource`), whoever created them, so that the caller can refuse an event naming another's case. When it names
   * none, the cases the candidate's earlier deliveries of this source made that `actor` created.
   */
  async casesOfCandidate(
    sourceId: string,
    actor: string,
    caseSource: string,
    candidateId: string,
    applicationIds: string[] = [],
  ): Promise<{ id: string; externalId: string | null; status: string; createdBy: string }[]> {
    const columns = `c.id::text AS id, c.external_id AS "externalId", c.status::text AS status, c.created_by AS "createdBy"`;
    const { rows } = await this.pool.query<{
      id: string;
      externalId: string | null;
      status: string;
      createdBy: string;
    }>(
      applicationIds.length > 0
        ? `SELECT ${columns} FROM cases c WHERE c.source = $1 AND c.external_id = ANY($2::text[]) ORDER BY c.created_at`
        : `SELECT ${columns} FROM cases c
           WHERE c.created_by = $3 AND c.id IN (SELECT case_id FROM webhook_deliveries WHERE source_id = $1::uuid AND candidate_id = $2 AND case_id IS NOT NULL)
           ORDER BY c.created_at`,
      applicationIds.length > 0 ? [caseSource, applicationIds] : [sourceId, candidateId, actor],
    );
    return rows;
  }

  /** Erases the raw bodies kept for a candidate (their personal data); returns how many. */
  async eraseBodies(sourceId: string, candidateId: string): Promise<number> {
    const result = await this.pool.query(
      `UPDATE webhook_deliveries SET body = NULL WHERE source_id = $1::uuid AND candidate_id = $2 AND body IS NOT NULL`,
      [sourceId, candidateId],
    );
    return result.rowCount ?? 0;
  }

  /** Queues a job of another task (an ATS note); a job with the same key still waiting is replaced, not doubled. */
  async queueJob(task: string, payload: Record<string, unknown>, jobKey: string): Promise<void> {
    await this.pool.query('SELECT graphile_worker.add_job($1, $2::json, job_key => $3, max_attempts => $4)', [
      task,
      JSON.stringify(payload),
      jobKey,
      this.maxAttempts,
    ]);
  }

  /** Re-seals stored bodies sealed under a previous SECRETS_KEY (after a rotation), in batches; returns how many. */
  async resealBodies(): Promise<number> {
    let changed = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const { rows } = await this.pool.query<{ id: string; body: Buffer }>(
        `SELECT id::text AS id, body FROM webhook_deliveries WHERE body IS NOT NULL AND id > $1::uuid ORDER BY webhook_deliveries.id LIMIT 500`,
        [after],
      );
      if (rows.length === 0) return changed;
      for (const row of rows) {
        if (this.box.isCurrent(row.body)) continue;
        await this.pool.query(`UPDATE webhook_deliveries SET body = $2 WHERE id = $1::uuid AND body IS NOT NULL`, [
          row.id,
          this.box.seal(this.box.open(row.body)),
        ]);
        changed += 1;
      }
      after = rows[rows.length - 1]!.id;
    }
  }
}
