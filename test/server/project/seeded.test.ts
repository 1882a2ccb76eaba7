import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { sql } from "kysely";
import { testDatabase } from "../../support/db.ts";
import { testServer } from "../../support/server.ts";
import { ingestPlanText } from "../../../server/src/ingest/ingest.ts";
import { SEED_PLAN_FILE } from "../../../server/src/seed.ts";
import { loadSeedProjects, readSeedProjects, seedSpan } from "../../../server/src/modules/project/project.service.ts";

const GROUP_CATEGORY: Record<string, string> = {
  "5.1": "INDUSTRIAL_TRANSFORMATION",
  "5.2": "ECOLOGICAL_RESTORATION",
  "5.3": "URBAN_RURAL_INTEGRATION",
  "5.4": "LIVELIHOOD",
};

const SEEDED = `query ($first: Int, $after: String) {
  projects(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { id name nameHant: name(script: HANT) nameEn category precision positionSource geometry
      tasks { id section { id } } source { start end text textHant: text(script: HANT) } places { id } status progress }
  }
}`;

async function allSeeded() {
  const s = await testServer();
  const nodes: any[] = [];
  let after: string | null = null;
  for (;;) {
    const { body }: { body: any } = await s.gql(SEEDED, { first: 100, after });
    expect(body.errors).toBeUndefined();
    nodes.push(...body.data.projects.nodes);
    if (!body.data.projects.pageInfo.hasNextPage) break;
    after = body.data.projects.pageInfo.endCursor;
  }
  const ids = new Set(readSeedProjects().projects.map((p) => p.id));
  return nodes.filter((n) => ids.has(n.id));
}

describe("seeded projects", () => {
  it("every curated project is loaded", async () => {
    const seeded = await allSeeded();
    expect(seeded.map((p) => p.id).sort()).toEqual(
      readSeedProjects()
        .projects.map((p) => p.id)
        .sort(),
    );
  });

  it("each serves at least one task, has the category of its task's group, and a precision that is never EXACT", async () => {
    for (const p of await allSeeded()) {
      expect(p.tasks.length, p.id).toBeGreaterThan(0);
      expect(p.category, p.id).toBe(GROUP_CATEGORY[p.tasks[0].section.id]);
      expect(["NEAR", "ADM3", "ADM2", "APPROXIMATE"], p.id).toContain(p.precision);
      expect(p.positionSource, p.id).toMatch(/^gazetteer: [a-z-]+(, [a-z-]+)*$/);
      expect(p.geometry, p.id).not.toBeNull();
      expect(p.status).toBe("NOT_STARTED");
      expect(p.progress).toBeNull();
    }
  });

  it("each source span holds exactly the quoted words of the plan", async () => {
    const quotes = new Map(readSeedProjects().projects.map((p) => [p.id, p.quote]));
    for (const p of await allSeeded()) {
      expect(p.source.textHant, p.id).toBe(quotes.get(p.id));
      expect(p.source.end - p.source.start).toBe(quotes.get(p.id)!.length);
      expect(p.source.text).not.toMatch(/[()?]/);
    }
  });

  it("places city-wide undertakings at the city (ADM2) and named sites at the site", async () => {
    const byId = new Map((await allSeeded()).map((p) => [p.id, p]));
    expect(byId.get("urban-rail-transit")).toMatchObject({ precision: "ADM2", positionSource: "gazetteer: taiyuan" });
    expect(byId.get("kitchen-waste-plant-500t")).toMatchObject({
      precision: "ADM2",
      category: "ECOLOGICAL_RESTORATION",
    });
    expect(byId.get("wanbailin-old-industrial-base-renewal")).toMatchObject({ precision: "ADM3" });
    expect(byId.get("qingxu-development-zone-expansion")!.places.map((p: { id: string }) => p.id)).toEqual([
      "qingxu-development-zone",
      "qingxu",
      "taiyuan",
    ]);
    expect(byId.get("taiyu-science-city")!.tasks.map((t: { id: string }) => t.id)).toEqual(["matter-11", "matter-22"]);
  });

  it("Task.projects lists the projects serving a task", async () => {
    const s = await testServer();
    const { body } = await s.gql(`{ task(id: "matter-18") { projects { id } } }`);
    expect(body.data.task.projects.map((p: { id: string }) => p.id)).toEqual(
      expect.arrayContaining(["kitchen-waste-plant-500t", "sanitation-industry-demonstration-base"]),
    );
  });

  it("re-loading the seed changes nothing", async () => {
    const { db } = await testDatabase();
    const { plan } = ingestPlanText(readFileSync(SEED_PLAN_FILE));
    const before = await sql<{ n: number }>`select count(*)::int as n from project where plan_id = ${plan.id}`.execute(
      db,
    );
    const written = await db.transaction().execute((trx) => loadSeedProjects(trx, plan));
    expect(written).toBe(0);
    const after = await sql<{ n: number }>`select count(*)::int as n from project where plan_id = ${plan.id}`.execute(
      db,
    );
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it("a quote that is not in its task's text fails loudly", () => {
    const { plan } = ingestPlanText(readFileSync(SEED_PLAN_FILE));
    const p = { ...readSeedProjects().projects[0], quote: "不存在的詞語" };
    expect(() => seedSpan(plan, p)).toThrow(/not in the text of matter-3/);
  });
});
