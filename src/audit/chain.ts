// The audit hash chain's canonical payload and hash, byte for byte as the database trigger case_events_chain makes them.
import crypto from 'node:crypto';

/** The first field of every payload: a new layout would get a new name, never a silent change. */
export const CHAIN_FORMAT = 'hfrc.case_event.v1';

/** One case_events row as the chain sees it; `dataText` is PostgreSQL's own text of the jsonb (`data::text`). */
export interface ChainedEventContent {
  id: string;
  caseId: string;
  seq: number;
  actor: string;
  action: string;
  createdAt: Date;
  dataText: string;
}

/**
 * `<utf-8 byte length>:<field>\n` for each field, so that no choice of actor, action or data can make two different
 * events serialise alike. jsonb's text output is canonical (keys sorted, one spacing, numbers as stored), which is why
 * the data is taken as the database prints it rather than re-serialised here.
 */
export function eventPayload(event: ChainedEventContent): Buffer {
  const fields = [
    CHAIN_FORMAT,
    event.id,
    event.caseId,
    String(event.seq),
    event.actor,
    event.action,
    event.createdAt.toISOString(),
    event.dataText,
  ];
  return Buffer.from(fields.map((field) => `${Buffer.byteLength(field, 'utf8')}:${field}\n`).join(''), 'utf8');
}

/** sha256(previous hash, or nothing for a case's first event, || payload). */
export function eventHash(prevHash: Buffer | null, event: ChainedEventContent): Buffer {
  return crypto
    .createHash('sha256')
    .update(prevHash ?? Buffer.alloc(0))
    .update(eventPayload(event))
    .digest();
}
