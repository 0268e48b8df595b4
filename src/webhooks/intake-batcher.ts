// Groups the deliveries that arrive together into one INSERT (+ their jobs) per commit: each request still
// waits for the commit that makes its delivery durable, but the database does one statement for many.
import crypto from 'node:crypto';
import type { Queryable } from '../db/prisma-client';
import { isDatabaseUnavailable } from '../db/unavailable';

export interface IncomingRecord {
  sourceId: string;
  deliveryId: string;
  event: string;
  candidateId?: string;
  rawBody: Buffer;
}

export interface AcceptOutcome {
  id: string | null;
  duplicate: boolean;
}

interface Waiting {
  record: IncomingRecord;
  resolve(outcome: AcceptOutcome): void;
  reject(error: unknown): void;
}

const MAX_BATCH = 200;
// Two statements in flight: while one commits, the next batch gathers.
const MAX_IN_FLIGHT = 2;

// PostgreSQL text cannot hold NUL; an event name or id with one must not fail its whole batch.
function clean(value: string | undefined, max: number): string | null {
  return value === undefined ? null : value.split('\u0000').join('').slice(0, max);
}

// The jobs go in through add_jobs() (one call for the batch): add_job() row by row with named queues was the
// intake's bottleneck (1,400 jobs/s against 6,300 with add_jobs, 20 per statement, on the 2-core bench machine).
const BATCH_SQL = `
WITH input AS (
  SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::bytea[], $6::bytea[], $7::int[])
    AS t(source_id, delivery_id, event, candidate_id, body, body_sha256, ord)
),
stored AS (
  INSERT INTO webhook_deliveries (id, source_id, delivery_id, event, candidate_id, body, body_sha256)
  SELECT gen_random_uuid(), source_id, delivery_id, event, candidate_id, body, body_sha256 FROM input ORDER BY ord
  ON CONFLICT (source_id, delivery_id) DO NOTHING
  RETURNING id, source_id, delivery_id
),
queued AS (
  SELECT count(*) AS jobs FROM graphile_worker.add_jobs(ARRAY(
    SELECT ROW($8::text, json_build_object('deliveryId', stored.id), NULL::text, NULL::timestamptz, $9::smallint, NULL::text, NULL::smallint, NULL::text[])::graphile_worker.job_spec
    FROM stored
  ))
)
SELECT stored.id::text AS id, stored.source_id::text AS source_id, stored.delivery_id, (SELECT jobs FROM queued) AS jobs
FROM stored`;

export class IntakeBatcher {
  private pending: Waiting[] = [];
  private inFlight = 0;
  private isScheduled = false;

  constructor(
    private readonly pool: Queryable,
    private readonly task: string,
    private readonly maxAttempts: number,
    /** Seals each body (AES-256-GCM): it holds the candidate's personal data. */
    private readonly sealBody: (body: Buffer) => Buffer,
  ) {}

  accept(record: IncomingRecord): Promise<AcceptOutcome> {
    return new Promise((resolve, reject) => {
      this.pending.push({ record, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.isScheduled || this.inFlight >= MAX_IN_FLIGHT || this.pending.length === 0) return;
    this.isScheduled = true;
    // Whatever arrives in this turn of the event loop joins the batch; nothing waits on a timer.
    setImmediate(() => {
      this.isScheduled = false;
      const batch = this.pending.splice(0, MAX_BATCH);
      if (batch.length === 0) return;
      this.inFlight += 1;
      void this.write(batch).finally(() => {
        this.inFlight -= 1;
        this.schedule();
      });
      this.schedule();
    });
  }

  private async write(batch: Waiting[]): Promise<void> {
    try {
      this.settle(batch, await this.insert(batch.map((waiting) => waiting.record)));
    } catch (error) {
      // The database is away: every request of the batch answers 503. Anything else may be one odd
      // record; each is then written alone so that it fails alone.
      if (isDatabaseUnavailable(error) || batch.length === 1) {
        for (const waiting of batch) waiting.reject(error);
        return;
      }
      for (const waiting of batch) {
        try {
          this.settle([waiting], await this.insert([waiting.record]));
        } catch (single) {
          waiting.reject(single);
        }
      }
    }
  }

  /** Stored ids by "source|delivery id"; a record absent from the map was a duplicate. */
  private async insert(records: IncomingRecord[]): Promise<Map<string, string>> {
    const { rows } = await this.pool.query<{ id: string; source_id: string; delivery_id: string }>(BATCH_SQL, [
      records.map((record) => record.sourceId),
      records.map((record) => clean(record.deliveryId, 200)),
      records.map((record) => clean(record.event, 200)),
      records.map((record) => clean(record.candidateId, 200)),
      records.map((record) => this.sealBody(record.rawBody)),
      // The hash of the bytes as received: the same delivery re-sent can be recognised without opening bodies.
      records.map((record) => crypto.createHash('sha256').update(record.rawBody).digest()),
      records.map((_record, index) => index),
      this.task,
      this.maxAttempts,
    ]);
    return new Map(rows.map((row) => [`${row.source_id}|${row.delivery_id}`, row.id]));
  }

  private settle(batch: Waiting[], stored: Map<string, string>): void {
    for (const waiting of batch) {
      const key = `${waiting.record.sourceId}|${clean(waiting.record.deliveryId, 200)}`;
      const id = stored.get(key);
      // The first of two identical ids in one batch is the stored one; the second is its duplicate.
      if (id) stored.delete(key);
      waiting.resolve(id ? { id, duplicate: false } : { id: null, duplicate: true });
    }
  }
}
