// Keyset pagination shared by every list: ask for one row more than the page; if it came, the last row shown is the cursor.
export interface Page<T> {
  items: T[];
  /** The id of the last item shown, when there are more; null on the last page. */
  nextCursor: string | null;
}

/** The row limit to ask the database for. */
export const pageFetchSize = (limit: number) => limit + 1;

export function toPage<T, U extends { id: string }>(rows: T[], limit: number, map: (row: T) => U): Page<U>;
export function toPage<T extends { id: string }>(rows: T[], limit: number): Page<T>;
export function toPage<T>(
  rows: T[],
  limit: number,
  map: (row: T) => { id: string } = (row) => row as { id: string },
): Page<{ id: string }> {
  const items = rows.slice(0, limit).map(map);
  return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
}

/**
 * The SQL condition "after the cursor row" for a list ordered by (`orderColumn` DESC, id DESC): pushes the cursor id
 * onto `values` and returns the clause.
 */
export function afterCursor(
  values: unknown[],
  cursorId: string,
  alias: string,
  table: string,
  orderColumn: string,
): string {
  values.push(cursorId);
  return `(${alias}.${orderColumn}, ${alias}.id) < (SELECT ${orderColumn}, id FROM ${table} WHERE id = $${values.length}::uuid)`;
}

/** Where a delivery log lives: its table joined to its owner (a webhook source, a notification endpoint). */
export interface LogTable {
  /** The select list, over `alias` and `ownerAlias`. */
  columns: string;
  table: string;
  alias: string;
  ownerTable: string;
  ownerAlias: string;
  /** The log's column naming its owner's id. */
  ownerKey: string;
  /** Newest first by this column, then by id. */
  timeColumn: string;
  /** The status column's enum type, quoted: compared as itself, so that the (status, time) index can serve a status. */
  statusType: string;
}

/** A delivery log's list query: optionally of one owner (by name) and of some statuses. */
export interface LogQuery<Status extends string = string> {
  ownerName?: string;
  statuses?: readonly Status[];
  limit: number;
  /** The last id of the previous page (newest first, then by id). */
  cursor?: string;
}

type LogClient = { query<R>(text: string, values: unknown[]): Promise<{ rows: R[] }> };

const logFrom = (log: LogTable) =>
  `${log.table} ${log.alias} JOIN ${log.ownerTable} ${log.ownerAlias} ON ${log.ownerAlias}.id = ${log.alias}.${log.ownerKey}`;

/** One page of a delivery log, newest first. */
export async function logPage<Row extends { id: string }>(
  client: LogClient,
  log: LogTable,
  query: LogQuery,
): Promise<Page<Row>> {
  const where: string[] = [];
  const values: unknown[] = [];
  if (query.ownerName) {
    // The owner's id first, so that the page's (unnamed) statement is planned with it and reads the owner's page off the
    // (owner, time) index, stopping there; matched by name through the join, it read and sorted all the owner's deliveries.
    const { rows: owners } = await client.query<{ id: string }>(
      `SELECT id::text AS id FROM ${log.ownerTable} WHERE name = $1`,
      [query.ownerName],
    );
    if (!owners[0]) return { items: [], nextCursor: null };
    values.push(owners[0].id);
    where.push(`${log.alias}.${log.ownerKey} = $${values.length}::uuid`);
  }
  // One status as `=`: the (status, time) index then gives its page in order (`= ANY` of one value would not).
  if (query.statuses?.length === 1) {
    values.push(query.statuses[0]);
    where.push(`${log.alias}.status = $${values.length}::${log.statusType}`);
  } else if (query.statuses?.length) {
    values.push(query.statuses);
    where.push(`${log.alias}.status = ANY($${values.length}::${log.statusType}[])`);
  }
  if (query.cursor) where.push(afterCursor(values, query.cursor, log.alias, log.table, log.timeColumn));
  values.push(pageFetchSize(query.limit));
  const { rows } = await client.query<Row>(
    `SELECT ${log.columns} FROM ${logFrom(log)}
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY ${log.alias}.${log.timeColumn} DESC, ${log.alias}.id DESC LIMIT $${values.length}`,
    values,
  );
  return toPage(rows, query.limit);
}

/** One item of a delivery log by id; null when there is none. */
export async function logRow<Row>(client: LogClient, log: LogTable, id: string): Promise<Row | null> {
  const { rows } = await client.query<Row>(
    `SELECT ${log.columns} FROM ${logFrom(log)} WHERE ${log.alias}.id = $1::uuid`,
    [id],
  );
  return rows[0] ?? null;
}
