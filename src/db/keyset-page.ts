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
