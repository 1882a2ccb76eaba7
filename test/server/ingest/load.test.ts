/**
 * Loading into PostgreSQL+PostGIS: re-import is a no-op, a changed file updates
 * in place without losing reports or curated links, both scripts are served,
 * and the database computes containment and areas from the geometries.
 */
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { importParsed, SEED_PLAN_FILE } from "../../../server/src/seed.ts";
import { ingestPlanText } from "../../../server/src/ingest/ingest.ts";
import { readFileSync } from "node:fs";
import { testDatabase } from "../../support/db.ts";
import { testServer } from "../../support/server.ts";

/** Everything an import writes, as text, to compare before and after. */
async function fingerprint(): Promise<string> {
  const { db } = await testDatabase();
  const tables = [
    "plan",
    "section",
    "task",
    "task_lead",
    "task_place",
    "department",
    "indicator",
    "indicator_task",
    "text_repair",
    "place",
    "place_containment",
  ];
  const parts: string[] = [];
  for (const table of tables) {
    const r = await sql<{
      t: string;
    }>`select coalesce(string_agg(x::text, E'\n' order by x::text), '') as t from ${sql.table(table)} x`.execute(db);
    parts.push(`${table}:${r.rows[0].t}`);
  }
  return parts.join("\n");
}

describe("loading the seeded plan", { timeout: 240_000 }, () => {
  it("re-importing the same file changes nothing", async () => {
    const { db } = await testDatabase();
    const before = await fingerprint();
    const { plan, summary } = ingestPlanText(readFileSync(SEED_PLAN_FILE));
    const outcome = await importParsed(db, plan, summary);
    expect(outcome.changed).toBe(false);
    expect(await fingerprint()).toBe(before);
  });

  it("a changed text updates tasks in place and keeps reports and curated links", async () => {
    const { db } = await testDatabase();
    const { plan, summary } = ingestPlanText(readFileSync(SEED_PLAN_FILE));
    const planner = await sql<{ id: string }>`
      insert into app_user (username, display_name, role, password_hash) values (${`load-test-${Date.now()}`}, 'Load test', 'PLANNER', 'x') returning id::text`.execute(
      db,
    );
    const report = await sql<{ id: string }>`
      insert into progress_report (task_id, obligation_id, as_of, status, progress, note, author_id)
      select 'matter-12', o.id, date '2014-01-01', 'IN_PROGRESS', 30, 'load test', ${planner.rows[0].id}::bigint
      from obligation o where o.task_id = 'matter-12' and o.place_id = 'taiyuan' returning id::text`.execute(db);
    await sql`insert into task_place (task_id, place_id, role, curated) values ('matter-12', 'qingxu-development-zone', 'MENTION', true) on conflict do nothing`.execute(
      db,
    );
    try {
      const changed = structuredClone(plan);
      const task = changed.tasks.find((t) => t.id === "matter-12")!;
      task.titleEn = `${task.titleEn} (revised)`;
      const outcome = await importParsed(db, changed, summary);
      expect(outcome.changed).toBe(true);
      const row = await sql<{ titleEn: string }>`select title_en as "titleEn" from task where id = 'matter-12'`.execute(
        db,
      );
      expect(row.rows[0].titleEn).toMatch(/\(revised\)$/);
      const kept = await sql<{
        n: number;
      }>`select count(*)::int as n from progress_report where id = ${report.rows[0].id}::bigint`.execute(db);
      expect(kept.rows[0].n).toBe(1);
      const link = await sql<{
        n: number;
      }>`select count(*)::int as n from task_place where task_id = 'matter-12' and place_id = 'qingxu-development-zone' and curated`.execute(
        db,
      );
      expect(link.rows[0].n).toBe(1);
    } finally {
      // restore the seeded state for the other tests
      await sql`delete from task_place where task_id = 'matter-12' and place_id = 'qingxu-development-zone' and role = 'MENTION'`.execute(
        db,
      );
      expect((await importParsed(db, plan, summary)).changed).toBe(true);
    }
  });
});

describe("what the database computes", () => {
  it("serves the same task in both scripts, with the source's own characters in HANT", async () => {
    const s = await testServer();
    const { body } = await s.gql(
      `{ task(id: "reform-15") { hans: title(script: HANS) hant: title(script: HANT) source { hant: text(script: HANT) } } }`,
    );
    expect(body.data.task.hans).toBe("启动矿城融合试点");
    expect(body.data.task.hant).toBe("啟動礦城融合試點");
    expect(body.data.task.source.hant.startsWith("啟動礦城融合試點")).toBe(true);
  });

  it.each([
    ["wusu-bonded-zone", "xiaodian"],
    ["jinci", "jinyuan"],
    ["qingxu-development-zone", "qingxu"],
    ["hi-tech-zone", "xiaodian"],
    ["lancun-spring", "jiancaoping"],
  ])("%s lies in %s by PostGIS containment", async (inner, county) => {
    const s = await testServer();
    const { body } = await s.gql(`query($id: ID) { place(id: $id) { containedIn { id } } }`, { id: inner });
    const ids = body.data.place.containedIn.map((p: { id: string }) => p.id);
    // largest first: the city, then (for some) an approximate area like 西山, then the county-level unit
    expect(ids[0]).toBe("taiyuan");
    expect(ids).toContain(county);
    expect(
      ids.filter((id: string) =>
        [
          "xiaodian",
          "yingze",
          "xinghualing",
          "jiancaoping",
          "wanbailin",
          "jinyuan",
          "qingxu",
          "yangqu",
          "loufan",
          "gujiao",
        ].includes(id),
      ),
    ).toEqual([county]);
  });

  it("gives the ten units areas within 3% of the official figures and the city ~6,900 km²", async () => {
    const official: Record<string, number> = {
      xiaodian: 289,
      yingze: 105,
      xinghualing: 146,
      jiancaoping: 295,
      wanbailin: 288,
      jinyuan: 291,
      qingxu: 607,
      yangqu: 2079,
      loufan: 1287,
      gujiao: 1511,
      taiyuan: 6899,
    };
    const s = await testServer();
    const { body } = await s.gql(`{ places(filter: { kinds: [CITY, DISTRICT, COUNTY, COUNTY_CITY] }) { id areaKm2 } }`);
    expect(body.data.places).toHaveLength(11);
    for (const p of body.data.places as { id: string; areaKm2: number }[]) {
      expect(Math.abs(p.areaKm2 - official[p.id]) / official[p.id], p.id).toBeLessThan(0.03);
    }
  });
});
