/**
 * Heavy answers (graphql/sql-executor.ts `heavy`): an operation whose latest answer was large, or
 * that has not been answered yet, runs with at most a few others of its kind at once; a light one
 * runs without waiting. And the slots themselves (core/slots.ts): first come, first served.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { sql } from "kysely";
import { createApp, type App } from "../../../server/src/app.ts";
import { loadConfig } from "../../../server/src/config.ts";
import { capturingLogger } from "../../support/log-lines.ts";
import { parse, type DocumentNode } from "graphql";
import { availableParallelism } from "node:os";
import { Slots } from "../../../server/src/core/slots.ts";
import { ListBudget } from "../../../server/src/core/list-budget.ts";
import { LIMITS } from "../../../server/src/graphql/limits.ts";
import { getSchema } from "../../../server/src/graphql/schema.ts";
import {
  configureHeavyAnswers,
  executeInSqlAsText,
  heavyAnswerStats,
} from "../../../server/src/graphql/sql-executor.ts";
import { testDatabase } from "../../support/db.ts";

const HEAVY = `query Outlines { places { id nameEn geometry(tolerance: 0.001) } }`;
const LIGHT = `query One { place(id: "gujiao") { id } }`;
const HEAVY_OVER_HTTP = `query HeavyOverHttp { places { id nameEn geometry(tolerance: 0.001) } }`;

afterAll(() => configureHeavyAnswers(256 * 1024, availableParallelism() + 1));

/** One parsed document per text, as the SQL lane's cache gives every request of the same text. */
const documents = new Map<string, DocumentNode>();

async function answers(source: string, n: number): Promise<string[]> {
  const schema = await getSchema();
  const { db } = await testDatabase();
  let document = documents.get(source);
  if (!document) documents.set(source, (document = parse(source)));
  const run = () =>
    executeInSqlAsText({ schema, document: document!, db, viewer: null, budget: new ListBudget(LIMITS.maxListItems) });
  return (await Promise.all(Array.from({ length: n }, run))) as string[];
}

describe("heavy answers", () => {
  it("runs a heavy operation at most `slots` at a time, from its very first requests, and a light one without a slot", async () => {
    configureHeavyAnswers(10_000, 2);
    // the first wave: not answered yet, so each one takes a slot
    const first = await answers(HEAVY, 6);
    expect(first[0].length).toBeGreaterThan(10_000);
    expect(new Set(first).size).toBe(1);
    expect(heavyAnswerStats()).toEqual({ size: 2, inUse: 0, peak: 2, waiting: 0, clientGone: 0 });

    // answered once and light: no slot
    await answers(LIGHT, 1);
    configureHeavyAnswers(10_000, 2);
    const light = await answers(LIGHT, 6);
    expect(light[0].length).toBeLessThan(10_000);
    expect(heavyAnswerStats().peak).toBe(0);

    // known heavy: slots again, and the same answers as without them
    const again = await answers(HEAVY, 5);
    expect(again).toEqual(first.slice(0, 5));
    expect(heavyAnswerStats()).toEqual({ size: 2, inUse: 0, peak: 2, waiting: 0, clientGone: 0 });
  });
});

describe("a client that leaves while its heavy operation waits in line", () => {
  const { logger, lines, settled } = capturingLogger<{ requestId?: string; status?: number; statements?: number }>();
  let app: App;
  beforeAll(async () => {
    app = await createApp(loadConfig({ PORT: "0", SEED_ON_BOOT: "false" }), logger, { database: await testDatabase() });
    await app.start();
  });
  afterAll(async () => {
    await app?.stop();
  });

  const post = (requestId: string, signal?: AbortSignal) =>
    fetch(`${app.url()}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-request-id": requestId },
      body: JSON.stringify({ query: HEAVY_OVER_HTTP }),
      signal,
    });

  it("costs no statement, and its log line says 499; the one ahead of it is answered", async () => {
    configureHeavyAnswers(10_000, 1);
    const { db } = await testDatabase();
    // the one slot's holder waits on a transaction that holds the places (PostgreSQL: a lock; embedded: its one connection)
    let commit!: () => void;
    const held = new Promise<void>((resolve) => (commit = resolve));
    let locked!: () => void;
    const locking = new Promise<void>((resolve) => (locked = resolve));
    const transaction = db.transaction().execute(async (trx) => {
      await sql`lock table place in access exclusive mode`.execute(trx);
      locked();
      await held;
    });
    await locking;
    const first = post("heavy-first");
    await vi.waitFor(() => expect(heavyAnswerStats().inUse).toBe(1), { timeout: 10_000, interval: 5 });
    const leaving = new AbortController();
    const second = post("heavy-leaving", leaving.signal).catch((error: Error) => error.name);
    await vi.waitFor(() => expect(heavyAnswerStats().waiting).toBe(1), { timeout: 10_000, interval: 5 });
    leaving.abort();
    expect(await second).toBe("AbortError");
    // written when the server saw the client go (settled() would wait for the first one too)
    await vi.waitFor(() => expect(lines.find((l) => l.requestId === "heavy-leaving")).toBeDefined(), {
      timeout: 10_000,
      interval: 5,
    });
    commit();
    await transaction;
    const answer = await first;
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { data: { places: unknown[] } }).data.places.length).toBeGreaterThan(0);
    await settled("heavy-first");
    await vi.waitFor(() => expect(heavyAnswerStats()).toMatchObject({ inUse: 0, waiting: 0, clientGone: 1 }), {
      timeout: 10_000,
      interval: 5,
    });
    expect(lines.find((l) => l.requestId === "heavy-leaving")).toMatchObject({ status: 499, statements: 0 });
    expect(lines.find((l) => l.requestId === "heavy-first")).toMatchObject({ status: 200, statements: 1 });
  });
});

describe("slots", () => {
  it("lets `size` in at once, the rest in the order they came, and counts a double release once", async () => {
    const slots = new Slots(2);
    const order: number[] = [];
    const a = await slots.take();
    const b = await slots.take();
    const waiting = [3, 4, 5].map((n) => slots.take().then((release) => (order.push(n), release)));
    expect(slots.stats()).toEqual({ size: 2, inUse: 2, peak: 2, waiting: 3 });
    a();
    a();
    const third = await waiting[0];
    expect(order).toEqual([3]);
    expect(slots.stats()).toMatchObject({ inUse: 2, waiting: 2 });
    b();
    third();
    const [fourth, fifth] = await Promise.all(waiting.slice(1));
    expect(order).toEqual([3, 4, 5]);
    fourth();
    fifth();
    expect(slots.stats()).toEqual({ size: 2, inUse: 0, peak: 2, waiting: 0 });
    expect(() => new Slots(0)).toThrow(/positive integer/);
  });
});
