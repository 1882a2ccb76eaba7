/** SQL of sign-in throttling: one counter row per key (login_throttle), read and written under row locks. */
import { sql } from "kysely";
import type { Db } from "../../db/database.ts";
import { anyText } from "../../db/any-of.ts";

export interface ThrottleRow {
  key: string;
  /** failures counted so far; 0 once the last one is older than `forgetSeconds` */
  failures: number;
  /** seconds since the last counted failure, by the database's clock (shared by every server) */
  secondsSinceFailure: number | null;
}

/**
 * Locks the counter rows of `keys` (creating them) until the transaction ends and returns
 * them. Keys are locked in sorted order, so two attempts never wait on each other crosswise.
 */
export async function lockThrottleRows(
  trx: Db,
  keys: readonly string[],
  forgetSeconds: number,
): Promise<ThrottleRow[]> {
  const sorted = [...keys].sort();
  await trx
    .insertInto("login_throttle")
    .values(sorted.map((key) => ({ key })))
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
  return trx
    .selectFrom("login_throttle")
    .select([
      "key",
      sql<number>`case when last_failure_at > now() - make_interval(secs => ${forgetSeconds}) then failures else 0 end`.as(
        "failures",
      ),
      sql<number | null>`extract(epoch from now() - last_failure_at)::float8`.as("secondsSinceFailure"),
    ])
    .where("key", "=", anyText(sorted))
    .orderBy("key")
    .forUpdate()
    .execute();
}

/**
 * Records one attempt on every key; on `failureKeys` it also counts a failure (provisionally:
 * the password is checked after the transaction, and undoLoginFailure takes it back).
 */
export async function recordLoginAttempt(
  trx: Db,
  keys: readonly string[],
  failureKeys: readonly string[],
  forgetSeconds: number,
): Promise<void> {
  const failing = sql<boolean>`key = any(${[...failureKeys]}::text[])`;
  await trx
    .updateTable("login_throttle")
    .set({
      attempts: sql<string>`attempts + 1`,
      last_attempt_at: sql<Date>`now()`,
      failures: sql<number>`case when ${failing}
        then (case when last_failure_at > now() - make_interval(secs => ${forgetSeconds}) then failures else 0 end) + 1
        else failures end`,
      last_failure_at: sql<Date | null>`case when ${failing} then now() else last_failure_at end`,
    })
    .where("key", "=", anyText(keys))
    .execute();
}

/** A sign-in succeeded: `clearKey` starts from zero; the provisional failure on `undoKeys` is taken back. */
export async function undoLoginFailure(db: Db, clearKey: string, undoKeys: readonly string[]): Promise<void> {
  await db
    .updateTable("login_throttle")
    .set({ failures: sql<number>`case when key = ${clearKey} then 0 else greatest(failures - 1, 0) end` })
    .where("key", "=", anyText([clearKey, ...undoKeys]))
    .execute();
}
