// From a database row to what the service returns: only the fields named, never the whole row (hashes, secrets).

/** The listed fields of `row`, in the listed order (the order JSON answers show them in). */
export function pick<T extends object, const K extends keyof T>(row: T, keys: readonly K[]): Pick<T, K> {
  const picked = {} as Pick<T, K>;
  for (const key of keys) picked[key] = row[key];
  return picked;
}

/** A nullable timestamp as the API shows it. */
export const isoOrNull = (date: Date | null): string | null => date?.toISOString() ?? null;

/** `map` for a row that may not be there (a findUnique): null stays null. */
export const orNull =
  <Row, Mapped>(map: (row: Row) => Mapped) =>
  (row: Row | null): Mapped | null =>
    row ? map(row) : null;
