/**
 * Announcements of written reports (report-events.ts announceReport): not the request's statement,
 * and those made within a few milliseconds of each other share one statement (one NOTIFY each,
 * in the order announced) instead of a round trip, a transaction and a listener wake-up each.
 * Counted with a plugin on the database handle; heard on the PostgreSQL leg by a LISTEN of its own.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KyselyPlugin } from "kysely";
import type { Db } from "../../../server/src/db/database.ts";
import { scopedDb } from "../../../server/src/db/database.ts";
import { announceReport, flushAnnouncements } from "../../../server/src/modules/report/report-events.ts";
import { REPORT_EVENTS_CHANNEL } from "../../../server/src/modules/report/report-events.repository.ts";
import { testDatabase } from "../../support/db.ts";

const onServer = Boolean(process.env.DATABASE_URL);

/** A handle on the shared database that counts the statements run through it. */
function counting(db: Db): { db: Db; statements: () => number } {
  let n = 0;
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      n += 1;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  return { db: db.withPlugin(plugin), statements: () => n };
}

let shared: Db;
let listener: pg.Client | null = null;
/** payloads heard on the channel (PostgreSQL leg) */
const heard: string[] = [];
let onHeard: (() => void) | null = null;

beforeAll(async () => {
  shared = (await testDatabase()).db;
  if (!onServer) return;
  listener = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await listener.connect();
  listener.on("notification", (m) => {
    if (m.channel !== REPORT_EVENTS_CHANNEL || !m.payload) return;
    heard.push(m.payload);
    onHeard?.();
  });
  await listener.query(`listen ${REPORT_EVENTS_CHANNEL}`);
});

afterAll(async () => {
  await listener?.end();
});

/** Waits until the listener has heard these payloads (in any order among others), failing after 10 s. */
async function hear(payloads: string[]): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!payloads.every((p) => heard.includes(p))) {
    if (Date.now() > deadline) throw new Error(`not heard: ${payloads.filter((p) => !heard.includes(p)).join(", ")}`);
    await new Promise<void>((resolve) => {
      onHeard = resolve;
      setTimeout(resolve, 250);
    });
  }
}

describe("announceReport", () => {
  it("sends the announcements of one moment in one statement, outside the request that made them", async () => {
    const { db, statements } = counting(shared);
    const request = { statements: 0 };
    // announced from a request's handle, sent on the database's
    const requestDb = scopedDb(db, request);
    for (let i = 0; i < 5; i++) announceReport(requestDb, `9${i}00001`, i % 2 ? "APPROVED" : "SUBMITTED");
    // nothing is sent while the request runs: its answer does not wait for the announcement
    expect(statements()).toBe(0);
    await flushAnnouncements(db);
    expect(statements()).toBe(1);
    expect(request.statements).toBe(0);
    if (onServer) {
      const sent = [0, 1, 2, 3, 4].map((i) => `9${i}00001:${i % 2 ? "APPROVED" : "SUBMITTED"}`);
      await hear(sent);
      // one NOTIFY each, in the order announced
      expect(heard.filter((p) => sent.includes(p))).toEqual(sent);
    }
  });

  it("sends them on its own after a few milliseconds, and a large burst in statements of 500", async () => {
    const { db, statements } = counting(shared);
    const ids = Array.from({ length: 1001 }, (_, i) => String(800_000_000 + i));
    for (const id of ids) announceReport(db, id, "SUBMITTED");
    const deadline = Date.now() + 10_000;
    while (statements() < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await flushAnnouncements(db);
    expect(statements()).toBe(3);
    if (onServer) await hear(ids.map((id) => `${id}:SUBMITTED`));
  });

  it("loses an announcement the database refuses, without throwing at anyone", async () => {
    const failing = shared.withPlugin({
      transformQuery: () => {
        throw new Error("the database is gone");
      },
      transformResult: async (args) => args.result,
    });
    announceReport(failing, "700000001", "SUBMITTED");
    await expect(flushAnnouncements(failing)).resolves.toBeUndefined();
  });
});
