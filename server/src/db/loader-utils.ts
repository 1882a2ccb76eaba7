/** Small helpers that turn set-based query results into DataLoader answers. */
import DataLoader from "dataloader";
import { sql, type RawBuilder } from "kysely";

/** `limit n` for a set-based list statement whose caller bounds how many rows it may read; nothing for null. */
export function limitTo(limit: number | null | undefined): RawBuilder<unknown> {
  return limit == null ? sql`` : sql`limit ${limit}`;
}

/** One value per key (or null), in key order. */
export function byKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): (V | null)[] {
  const map = new Map<K, V>();
  for (const row of rows) map.set(keyOf(row), row);
  return keys.map((k) => map.get(k) ?? null);
}

/** All values per key (possibly empty), in key order, row order kept. */
export function groupByKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const map = new Map<K, V[]>();
  for (const row of rows) {
    const k = keyOf(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return keys.map((k) => map.get(k) ?? []);
}

/** A per-request DataLoader over a batch function that returns values in key order. */
export function loader<K, V>(
  batch: (keys: readonly K[]) => Promise<V[]>,
  cacheKeyFn?: (key: K) => string,
): DataLoader<K, V, unknown> {
  return new DataLoader<K, V, unknown>(async (keys) => batch(keys), { cacheKeyFn, maxBatchSize: 1000 });
}

/**
 * A loader of up to 10 000 keys a statement whose batch waits for the end of the current turn of the event loop (setImmediate)
 * instead of the current chain of promise jobs: for fields read at different promise depths in
 * one turn (an obligation's state, below lists some of which were cached), so they still cost
 * one statement.
 */
export function turnLoader<K, V>(
  batch: (keys: readonly K[]) => Promise<V[]>,
  cacheKeyFn?: (key: K) => string,
): DataLoader<K, V, unknown> {
  // as many keys as a response may hold list items (limits.ts): obligations come by the thousand
  return new DataLoader<K, V, unknown>(async (keys) => batch(keys), {
    cacheKeyFn,
    maxBatchSize: 10_000,
    batchScheduleFn: (run) => setImmediate(run),
  });
}
