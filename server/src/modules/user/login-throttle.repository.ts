/** SQL of sign-in throttling: one counter row per key (login_throttle), read and written under row locks. */
import { sql } from "kysely";
import type { Db } from "../../db/database.ts";

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
export async function lockThrottleRows(trx: Db, keys: readonly string[], forgetSeconds: number): Promise<ThrottleRow[]> {
  const sorted = [...keys].sort();
  await sql`insert into login_throttle (key) select k from unnest(${sorted}::text[]) as k order by k on conflict (key) do nothing`.execute(trx);
  const r = await sql<ThrottleRow>`
    select key,
      case when last_failure_at > now() - make_interval(secs => ${forgetSeconds}) then failures else 0 end as failures,
      extract(epoch from now() - last_failure_at)::float8 as "secondsSinceFailure"
    from login_throttle where key = any(${sorted}::text[]) order by key for update`.execute(trx);
  return r.rows;
}

/**
 * Records one attempt on every key; on `failureKeys` it also counts a failure (provisionally:
 * the password is checked after the transaction, and undoLoginFailure takes it back).
 */
export async function recordLoginAttempt(trx: Db, keys: readonly string[], failureKeys: readonly string[], forgetSeconds: number): Promise<void> {
  await sql`
    update login_throttle set
      attempts = attempts + 1,
      last_attempt_at = now(),
      failures = case when key = any(${[...failureKeys]}::text[])
        then (case when last_failure_at > now() - make_interval(secs => ${forgetSeconds}) then failures else 0 end) + 1
        else failures end,
      last_failure_at = case when key = any(${[...failureKeys]}::text[]) then now() else last_failure_at end
    where key = any(${[...keys]}::text[])`.execute(trx);
}

/** A sign-in succeeded: `clearKey` starts from zero; the provisional failure on `undoKeys` is taken back. */
export async function undoLoginFailure(db: Db, clearKey: string, undoKeys: readonly string[]): Promise<void> {
  await sql`
    update login_throttle set failures = case when key = ${clearKey} then 0 else greatest(failures - 1, 0) end
    where key = any(${[clearKey, ...undoKeys]}::text[])`.execute(db);
}
