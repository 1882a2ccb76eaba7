/**
 * The embedded database on its own thread (db/pglite-worker.ts, database.ts EmbeddedWorker):
 * the server's event loop stays free while a heavy query runs, PostgreSQL's errors keep their
 * fields across the thread, and a worker that dies is replaced. Embedded database only.
 */
import { once } from "node:events";
import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { testDatabase } from "../../support/db.ts";
import { testServer } from "../../support/server.ts";
import type { EmbeddedWorker } from "../../../server/src/db/database.ts";

const HEAVY = sql<{ n: number }>`select count(*)::int as n from generate_series(1, 4000000) g where g % 7 = 3`;

describe.skipIf(Boolean(process.env.DATABASE_URL))("the embedded database's worker", () => {
  // the first file to ask boots the shared database (~15 s alone, minutes on a busy host)
  beforeAll(async () => {
    await testServer();
  }, 300_000);

  it("answers /healthz while a heavy query runs, before the query ends", async () => {
    const { db } = await testDatabase();
    const s = await testServer();
    const order: string[] = [];
    const heavy = HEAVY.execute(db).then((r) => {
      order.push("heavy query");
      return r.rows[0].n;
    });
    const health = await fetch(`${s.url}/healthz`);
    order.push("healthz");
    expect(health.status).toBe(200);
    expect(await heavy).toBe(571429);
    expect(order).toEqual(["healthz", "heavy query"]);
  });

  it("keeps PostgreSQL's error fields: SQLSTATE code, message, position", async () => {
    const { db } = await testDatabase();
    const error = await sql`select no_such_column from place`.execute(db).then(
      () => null,
      (e: unknown) => e as Error & { code?: string; position?: string | number },
    );
    expect(error).toBeInstanceOf(Error);
    expect(error?.code).toBe("42703");
    expect(error?.message).toMatch(/column "no_such_column" does not exist/);
    expect(Number(error?.position)).toBe(8);
    const divide = await sql`select 1 / ${0}::int`.execute(db).catch((e: { code?: string }) => e);
    expect((divide as { code?: string }).code).toBe("22012");
  });

  it("fails what a dying worker was running with UNAVAILABLE, and starts a new one for the next statement", async () => {
    const database = await testDatabase();
    const worker = (database as { worker?: EmbeddedWorker }).worker!;
    const restarts = worker.restarts;
    const sent = once(worker, "sent");
    const heavy = HEAVY.execute(database.db).catch((e: unknown) => e);
    await sent;
    await worker.kill();
    const error = (await heavy) as { code?: string; message?: string };
    expect(error.code).toBe("UNAVAILABLE");
    expect(error.message).toMatch(/the embedded database stopped while answering/);
    // until the new worker has the database open, statements are refused at once, not queued
    const during = await sql`select 1`.execute(database.db).catch((e: { code?: string }) => e);
    expect((during as { code?: string }).code).toBe("UNAVAILABLE");
    await worker.whenReady();
    const r = await sql<{ n: number }>`select count(*)::int as n from place`.execute(database.db);
    expect(r.rows[0].n).toBeGreaterThan(10);
    expect(worker.restarts).toBe(restarts + 1);
  });
});
