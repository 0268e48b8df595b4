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
}

/** One page of a delivery log, newest first, optionally of one owner (by name) and of some statuses. */
export async function logPage<Row extends { id: string }>(
  client: { query<R>(text: string, values: unknown[]): Promise<{ rows: R[] }> },
  log: LogTable,
  query: { ownerName?: string; statuses?: readonly string[]; limit: number; cursor?: string },
): Promise<Page<Row>> {
  const where: string[] = [];
  const values: unknown[] = [];
  if (query.ownerName) {
    values.push(query.ownerName);
    where.push(`${log.ownerAlias}.name = $${values.length}`);
  }
  if (query.statuses?.length) {
    values.push(query.statuses);
    where.push(`${log.alias}.status::text = ANY($${values.length}::text[])`);
  }
  if (query.cursor) where.push(afterCursor(values, query.cursor, log.alias, log.table, log.timeColumn));
  values.push(pageFetchSize(query.limit));
  const { rows } = await client.query<Row>(
    `SELECT ${log.columns} FROM ${log.table} ${log.alias} JOIN ${log.ownerTable} ${log.ownerAlias} ON ${log.ownerAlias}.id = ${log.alias}.${log.ownerKey}
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY ${log.alias}.${log.timeColumn} DESC, ${log.alias}.id DESC LIMIT $${values.length}`,
    values,
  );
  return toPage(rows, query.limit);
}
