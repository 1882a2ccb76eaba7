/**
 * Timeouts (issue 18): a statement past STATEMENT_TIMEOUT_MS is cancelled by PostgreSQL and its
 * connection goes back to the pool healthy; a statement still running at the request's deadline
 * is cancelled; none starts after it (on both databases).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { deadline, openServer, scopedDb, type Database, type Db } from "../../../server/src/db/database.ts";
import { TimeoutError } from "../../../server/src/core/errors.ts";
import { existsSync } from "node:fs";
import { testDatabase } from "../../support/db.ts";
import { PGBOUNCER, startPgBouncer } from "../../support/pgbouncer.ts";

const onServer = Boolean(process.env.DATABASE_URL);

/** Runs `work` on a request's handle of `db`, with a deadline `ms` from now. */
function inRequest<T>(ms: number, db: Db, work: (db: Db) => Promise<T>): Promise<T> {
  return work(scopedDb(db, { statements: 0, ...deadline(ms) }));
}

describe("request deadline (both databases)", () => {
  let shared: Database;
  // the embedded database boots here (hook timeout), not in the test
  beforeAll(async () => {
    shared = await testDatabase();
  });

  it("refuses a statement that would start after the deadline, naming it, without running it", async () => {
    const { db } = shared;
    const scope = { statements: 0, deadline: Date.now() - 1, deadlineMs: 50 };
    const error = await sql`select 1`.execute(scopedDb(db, scope)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({
      code: "TIMEOUT",
      message: "the request ran past its deadline of 50 ms: try again, or ask for less",
    });
    // and the database is fine for the next request
    expect((await sql<{ one: number }>`select 1 as one`.execute(db)).rows).toEqual([{ one: 1 }]);
  });
});

describe.skipIf(!onServer)(
  "statement timeout and deadline cancel (PostgreSQL server; the embedded database cannot interrupt a statement)",
  () => {
    const opened: Database[] = [];
    afterAll(async () => {
      for (const d of opened) await d.close();
    });

    async function onePool(statementTimeoutMs: number): Promise<Database> {
      const d = await openServer(process.env.DATABASE_URL!, 1, { statementTimeoutMs });
      opened.push(d);
      return d;
    }

    /**
     * Backends still running a statement tagged `tag`, once they have had up to 5 s to act on the cancel: PostgreSQL
     * handles a cancel request asynchronously (a signal to the backend), so the rejection can reach us first, and
     * pg_stat_activity keeps an idle backend's last statement, so only active ones count.
     */
    async function stillRunning(d: Database, tag: string): Promise<number> {
      const until = Date.now() + 5_000;
      for (;;) {
        const running = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
          where state = 'active' and query like ${`%${tag}%`} and pid <> pg_backend_pid()`.execute(d.db);
        if (running.rows[0].n === 0 || Date.now() > until) return running.rows[0].n;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }

    const pid = async (d: Database) =>
      (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(d.db)).rows[0].pid;

    it("cancels a statement past STATEMENT_TIMEOUT_MS and reuses its connection", async () => {
      const d = await onePool(200);
      const before = await pid(d);
      const started = performance.now();
      const error = await sql`select pg_sleep(30)`.execute(d.db).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TimeoutError);
      expect((error as TimeoutError).message).toBe(
        "a database statement ran longer than 200 ms and was cancelled: ask for less, or try again",
      );
      expect(performance.now() - started).toBeLessThan(10_000);
      // the same backend (pool of one) answers the next statement: cancelled, not killed
      expect(await pid(d)).toBe(before);
    });

    it("cancels the statement running at the request's deadline, and the connection stays usable", async () => {
      const d = await onePool(0);
      const before = await pid(d);
      const error = await inRequest(300, d.db, (db) => sql`select pg_sleep(30), 'deadline-probe'`.execute(db)).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(TimeoutError);
      expect((error as TimeoutError).message).toBe(
        "the request ran past its deadline of 300 ms: try again, or ask for less",
      );
      // nothing of it runs on the server any more
      expect(await stillRunning(d, "deadline-probe")).toBe(0);
      expect(await pid(d)).toBe(before);
    });

    it("rolls back a transaction whose statement timed out, and the connection is clean for the next one", async () => {
      const d = await onePool(200);
      const error = await d.db
        .transaction()
        .execute(async (trx) => {
          await sql`create temporary table timeout_probe (x int) on commit drop`.execute(trx);
          await sql`select pg_sleep(30)`.execute(trx);
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TimeoutError);
      const state = await sql<{
        status: string;
      }>`select case when now() = statement_timestamp() then 'outside a transaction' else 'inside' end as status`.execute(
        d.db,
      );
      expect(state.rows[0].status).toBe("outside a transaction");
    });

    it.skipIf(!existsSync(PGBOUNCER))(
      "cancels at the deadline through PgBouncer in transaction mode, which passes no statement_timeout",
      async () => {
        const bouncer = await startPgBouncer();
        try {
          const database = new URL(process.env.DATABASE_URL!).pathname.slice(1);
          const d = await openServer(bouncer.urlFor(database), 1, { statementTimeoutMs: 0, preparedStatements: false });
          opened.push(d);
          const started = performance.now();
          const error = await inRequest(300, d.db, (db) => sql`select pg_sleep(30), 'bouncer-probe'`.execute(db)).catch(
            (e: unknown) => e,
          );
          expect(error).toBeInstanceOf(TimeoutError);
          expect(performance.now() - started).toBeLessThan(10_000);
          expect(await stillRunning(d, "bouncer-probe")).toBe(0);
          await d.close();
          opened.pop();
        } finally {
          await bouncer.stop();
        }
      },
    );
  },
);
