import { sql, type Kysely } from "kysely";

/**
 * Sign-in throttling as one counter row per key (an account, a client address, or the
 * pair), read and written under a row lock (user.repository reserveLoginAttempt), so
 * concurrent attempts cannot all pass the check before any is counted. It replaces
 * login_attempt, whose check-then-insert let 50 concurrent guesses through.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table login_throttle (
      key text primary key,
      failures integer not null default 0,
      last_failure_at timestamptz,
      attempts bigint not null default 0,
      last_attempt_at timestamptz
    );
    drop table if exists login_attempt;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error("migrations are forward-only");
}
