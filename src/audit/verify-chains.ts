// Recomputes every case's audit hash chain from the stored rows, in TypeScript, and reports each break.
import { EVENT_PAGE_SIZE, type AuditEventStore, type EventRow } from './audit-event-store';
import { eventHash } from './chain';

/**
 * - `content`: the event's stored hash is not the hash of its stored content (the row was edited);
 * - `link`: its prev_hash is not the hash of the event before it (an event was deleted, inserted or replaced);
 * - `sequence`: its position does not follow the one before it (an event was deleted or reordered);
 * - `missing`: the case has no event at all (its trail was deleted).
 */
export type ChainBreakKind = 'content' | 'link' | 'sequence' | 'missing';

export interface ChainBreak {
  caseId: string;
  /** null for `missing`. */
  eventId: string | null;
  seq: number | null;
  kind: ChainBreakKind;
  expected: string;
  found: string;
}

export interface ChainReport {
  cases: number;
  events: number;
  /** Every break up to MAX_REPORTED_BREAKS; `breakCount` counts them all. */
  breaks: ChainBreak[];
  breakCount: number;
}

export const MAX_REPORTED_BREAKS = 1000;
const hex = (value: Buffer | null): string => (value && value.length > 0 ? value.toString('hex') : 'none');
const sameBytes = (a: Buffer | null, b: Buffer | null): boolean => (a === null || b === null ? a === b : a.equals(b));

/** Checks one case (`caseId`) or all; reads in pages, so memory stays flat on any table size. */
export async function verifyAuditChains(store: AuditEventStore, caseId?: string): Promise<ChainReport> {
  const report: ChainReport = { cases: 0, events: 0, breaks: [], breakCount: 0 };
  const record = (found: ChainBreak) => {
    report.breakCount++;
    if (report.breaks.length < MAX_REPORTED_BREAKS) report.breaks.push(found);
  };
  let previous: EventRow | null = null;
  for (;;) {
    const after: EventRow | null = previous;
    const rows = await store.eventPage(caseId, after);
    for (const row of rows) {
      const before = previous?.case_id === row.case_id ? previous : null;
      if (!before) report.cases++;
      report.events++;
      checkEvent(row, before, record);
      previous = row;
    }
    if (rows.length < EVENT_PAGE_SIZE) break;
  }
  for (const id of await store.casesWithoutEvents(caseId)) {
    report.cases++;
    record({
      caseId: id,
      eventId: null,
      seq: null,
      kind: 'missing',
      expected: 'at least the case.created event',
      found: 'no events',
    });
  }
  return report;
}

function checkEvent(row: EventRow, before: EventRow | null, record: (found: ChainBreak) => void): void {
  const at = { caseId: row.case_id, eventId: row.id, seq: row.seq };
  const expectedSeq = before ? before.seq + 1 : 1;
  if (row.seq !== expectedSeq)
    record({ ...at, kind: 'sequence', expected: `seq ${expectedSeq}`, found: `seq ${row.seq}` });
  const expectedPrev = before ? before.hash : null;
  if (!sameBytes(row.prev_hash, expectedPrev))
    record({
      ...at,
      kind: 'link',
      expected: `prev_hash ${hex(expectedPrev)}`,
      found: `prev_hash ${hex(row.prev_hash)}`,
    });
  // The row's own hash over its stored prev_hash, so that one edited row is one content break, not a cascade.
  const recomputed = eventHash(row.prev_hash, {
    id: row.id,
    caseId: row.case_id,
    seq: row.seq,
    actor: row.actor,
    action: row.action,
    createdAt: row.created_at,
    dataText: row.data_text,
  });
  if (!sameBytes(row.hash, recomputed))
    record({ ...at, kind: 'content', expected: `hash ${hex(recomputed)}`, found: `hash ${hex(row.hash)}` });
}

/** One line per break, then the totals. */
export function formatChainReport(report: ChainReport): string[] {
  const describe: Record<ChainBreakKind, string> = {
    content: 'content changed after it was written',
    link: 'does not follow the event before it (one deleted, inserted or replaced)',
    sequence: 'position out of order (events missing before it)',
    missing: 'the case has no audit events',
  };
  const lines = report.breaks.map(
    (found) =>
      `BREAK case ${found.caseId}${found.eventId ? ` event ${found.eventId} (seq ${found.seq})` : ''}: ${describe[found.kind]}: expected ${found.expected}, found ${found.found}`,
  );
  if (report.breakCount > report.breaks.length)
    lines.push(`... and ${report.breakCount - report.breaks.length} more breaks`);
  const totals = `Checked ${report.events} events in ${report.cases} cases`;
  lines.push(report.breakCount === 0 ? `${totals}: every chain is intact` : `${totals}: ${report.breakCount} break(s)`);
  return lines;
}
