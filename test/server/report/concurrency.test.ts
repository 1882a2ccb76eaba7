/** Concurrent writes: every report lands, none is lost or doubled. */
import { describe, expect, it } from "vitest";
import { sql } from "kysely";
import { testDatabase } from "../../support/db.ts";
import { testServer } from "../../support/server.ts";
import { createPlanner } from "./accounts.ts";

describe("concurrent reportProgress", () => {
  it("50 simultaneous reports by one planner on one task all land, exactly once each", async () => {
    const s = await testServer();
    const { db } = await testDatabase();
    const planner = await createPlanner("concurrent");
    const count = async () =>
      (
        await sql<{
          n: number;
        }>`select count(*)::int as n from progress_report where task_id = 'matter-40' and author_id = ${planner.id}::bigint`.execute(
          db,
        )
      ).rows[0].n;
    expect(await count()).toBe(0);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        s.gql(
          `mutation($n: String!, $p: Float) { reportProgress(input: { taskId: "matter-40", status: IN_PROGRESS, progress: $p, note: $n }) { id note } }`,
          { n: `report ${i}`, p: i },
          planner.auth,
        ),
      ),
    );
    for (const r of results) expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
    expect(new Set(results.map((r) => r.body.data.reportProgress.id)).size).toBe(50);
    expect(await count()).toBe(50);
    const notes = await sql<{
      note: string;
    }>`select note from progress_report where task_id = 'matter-40' and author_id = ${planner.id}::bigint order by note`.execute(
      db,
    );
    expect(notes.rows.map((r) => r.note).sort()).toEqual(Array.from({ length: 50 }, (_, i) => `report ${i}`).sort());
  });
});
