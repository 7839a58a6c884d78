/**
 * Helpers shared by the SQL stores for batch writes.
 */

/**
 * Keeps the first row for each id, in order. A batch may carry the same id twice (a redelivery
 * that lands in the same micro-batch); PostgreSQL refuses an `ON CONFLICT DO UPDATE` statement
 * that touches one row twice, and "the first write wins" is what idempotency means anyway.
 */
export function uniqueById<T extends { readonly id: string }>(rows: readonly T[]): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const row of rows) {
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    out.push(row);
  }
  return out;
}

/** Milliseconds since the epoch, refusing an invalid Date instead of storing NaN. */
export function epochMs(d: Date, field: string): number {
  const ms = d.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`${field} is an invalid Date`);
  return ms;
}

/**
 * A row limit as both dialects understand it. SQLite reads a negative LIMIT as "no limit" and
 * PostgreSQL refuses it, so it is refused here, before the dialects can differ.
 */
export function checkLimit(limit: number): number {
  if (!Number.isSafeInteger(limit) || limit < 0) throw new RangeError(`limit must be a non-negative integer, got ${limit}`);
  return limit;
}

/**
 * The rows sorted by id. Two transactions that write overlapping ids in different orders (two
 * workers holding the same redelivered messages) would each lock a row the other needs next and
 * deadlock; when every batch locks its rows in one global order, one simply waits for the other.
 */
export function inLockOrder<T extends { readonly id: string }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
