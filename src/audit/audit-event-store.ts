// Reads the audit trail in chain order for verification: keyset pages of events, and the cases that have none.
import type pg from 'pg';

const BATCH_SIZE = 5000;

export interface EventRow {
  id: string;
  case_id: string;
  seq: number;
  prev_hash: Buffer | null;
  hash: Buffer;
  actor: string;
  action: string;
  created_at: Date;
  data_text: string;
}

const COLUMNS = `e.id::text AS id, e.case_id::text AS case_id, e.seq, e.prev_hash, e.hash, e.actor, e.action, e.created_at, e.data::text AS data_text`;
// Keyset pages in chain order, read off the unique (case_id, seq) index (the columns, qualified: the output names are
// text, and sorting by them would sort the whole table for every page).
const FIRST_PAGE = `SELECT ${COLUMNS} FROM case_events e WHERE ($1::uuid IS NULL OR e.case_id = $1::uuid) ORDER BY e.case_id, e.seq LIMIT ${BATCH_SIZE}`;
const NEXT_PAGE = `SELECT ${COLUMNS} FROM case_events e
  WHERE ($1::uuid IS NULL OR e.case_id = $1::uuid) AND (e.case_id, e.seq) > ($2::uuid, $3::int)
  ORDER BY e.case_id, e.seq LIMIT ${BATCH_SIZE}`;
const CASES_WITHOUT_EVENTS = `SELECT c.id::text AS id FROM cases c
  WHERE ($1::uuid IS NULL OR c.id = $1::uuid) AND NOT EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id) ORDER BY c.id`;

export const EVENT_PAGE_SIZE = BATCH_SIZE;

export class AuditEventStore {
  constructor(private readonly pool: pg.Pool) {}

  /** The next page of events in chain order after `after` (or the first page), for one case or all. */
  async eventPage(caseId: string | undefined, after: EventRow | null): Promise<EventRow[]> {
    const page = after
      ? await this.pool.query<EventRow>(NEXT_PAGE, [caseId ?? null, after.case_id, after.seq])
      : await this.pool.query<EventRow>(FIRST_PAGE, [caseId ?? null]);
    return page.rows;
  }

  async casesWithoutEvents(caseId: string | undefined): Promise<string[]> {
    const { rows } = await this.pool.query<{ id: string }>(CASES_WITHOUT_EVENTS, [caseId ?? null]);
    return rows.map((row) => row.id);
  }
}
