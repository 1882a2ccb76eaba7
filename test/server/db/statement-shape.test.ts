/**
 * Statements kept by shape (db/statement-shape.ts): compiled once per key, then each call's values
 * go where their stand-ins were, as many times as the template used them, on the shared database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import type { Database } from "../../../server/src/db/database.ts";
import { statementShapes } from "../../../server/src/db/statement-shape.ts";
import { testDatabase } from "../../support/db.ts";

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(async () => {
  // the shared database stays open for the other files
});

describe("statementShapes", () => {
  it("compiles a shape once and runs it with each call's values, a value used twice sent twice", async () => {
    const shapes = statementShapes<{ a: string; b: number; again: string; fixed: string }>();
    let builds = 0;
    const run = (a: string, b: number) =>
      shapes.execute(database.db, "k", [a, b], ([x, y]) => {
        builds += 1;
        return sql`select ${x}::text as a, ${y}::int as b, ${x}::text as again, ${"shape's own"}::text as fixed`;
      });
    expect((await run("one", 1)).rows).toEqual([{ a: "one", b: 1, again: "one", fixed: "shape's own" }]);
    expect((await run("two", 2)).rows).toEqual([{ a: "two", b: 2, again: "two", fixed: "shape's own" }]);
    expect(builds).toBe(1);
  });

  it("keeps one statement per key: another key is another shape", async () => {
    const shapes = statementShapes<{ v: string }>();
    const run = (upper: boolean, v: string) =>
      shapes.execute(database.db, upper ? "upper" : "lower", [v], ([x]) =>
        upper ? sql`select upper(${x}::text) as v` : sql`select lower(${x}::text) as v`,
      );
    expect((await run(true, "Ab")).rows[0].v).toBe("AB");
    expect((await run(false, "Ab")).rows[0].v).toBe("ab");
    expect((await run(true, "cD")).rows[0].v).toBe("CD");
  });

  it("refuses a build that looks into a value instead of sending it", async () => {
    const shapes = statementShapes<{ v: string[] }>();
    await expect(
      shapes.execute(database.db, "spread", [["a", "b"]], ([x]) => sql`select ${[x]}::text[] as v`),
    ).rejects.toThrow(/used as more than a parameter/);
  });
});
