/**
 * The benchmark's read queries Q1–Q7 (test/bench/queries.ts) cost at most two
 * SQL statements each, and the same number over the seeded plan and after many
 * more rows under a separate plan (inserted in a transaction that is rolled back):
 * every level below the first is fetched set-based, never per row.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sql } from "kysely";
import type { Db } from "../../../server/src/db/database.ts";
import { countStatements } from "../../support/count-statements.ts";
import { testDatabase } from "../../support/db.ts";
import { insertPlanLikeSeeded } from "../../support/synthetic.ts";

const SEEDED = "taiyuan-2013-30";
const MAX_STATEMENTS = 2;
const EXTRA_TASKS = 150;
const EXTRA_PLACES = 20;

/** A rectangle around 小店 (xiaodian), where the synthetic rows are put. */
const POLYGON = {
  type: "Polygon",
  coordinates: [
    [
      [112.55, 37.68],
      [112.65, 37.68],
      [112.65, 37.78],
      [112.55, 37.78],
      [112.55, 37.68],
    ],
  ],
};
const NEAR = { lng: 112.595, lat: 37.72, radiusMeters: 5000 };

interface Case {
  name: string;
  source: string;
  variables(size: { plan: string; taskId: string }): Record<string, unknown>;
  /** how many rows the answer holds, at any depth: it must grow with the data */
  rows(data: any): number;
}

const linkCount = (tasks: any[]) => tasks.reduce((n, t) => n + 1 + t.places.length, 0);

const CASES: Case[] = [
  {
    name: "Q1 places with their tasks (1:N)",
    source: `{ places(filter: { kinds: [COUNTY] }) { id nameEn tasks { role task { id titleEn } } } }`,
    variables: () => ({}),
    rows: (d) => d.places.reduce((n: number, p: any) => n + 1 + p.tasks.length, 0),
  },
  {
    name: "Q2 tasks with their places (N:1)",
    source: `query($plan: ID!) { tasks(filter: { planId: $plan }, first: 100) { nodes { id titleEn places { role place { id nameEn } } } } }`,
    variables: ({ plan }) => ({ plan }),
    rows: (d) => linkCount(d.tasks.nodes),
  },
  {
    name: "Q3 places in a bbox with their children",
    source: `query($bbox: [Float!]!) { places(filter: { bbox: $bbox }) { id nameEn children { id nameEn } } }`,
    variables: () => ({ bbox: [112.45, 37.6, 112.7, 37.95] }),
    rows: (d) => d.places.reduce((n: number, p: any) => n + 1 + p.children.length, 0),
  },
  {
    name: "Q4 tasks within a polygon",
    source: `query($polygon: GeoJSON!) { tasks(filter: { spatial: { within: $polygon } }, first: 100) { nodes { id titleEn places { role place { id nameEn } } } } }`,
    variables: () => ({ polygon: POLYGON }),
    rows: (d) => linkCount(d.tasks.nodes),
  },
  {
    name: "Q5 tasks near a point by distance",
    source: `query($near: NearInput!) { tasks(filter: { spatial: { near: $near }, orderBy: DISTANCE }, first: 100) { nodes { id titleEn places { role distanceMeters place { id nameEn } } } } }`,
    variables: () => ({ near: NEAR }),
    rows: (d) => linkCount(d.tasks.nodes),
  },
  {
    name: "Q6 one task by id",
    source: `query($id: ID!) { task(id: $id) { id titleEn kind dueYear places { role place { id nameEn } } } }`,
    variables: ({ taskId }) => ({ id: taskId }),
    rows: (d) => 1 + d.task.places.length,
  },
  {
    name: "Q7 three levels: places → tasks → places",
    source: `{ places(filter: { kinds: [COUNTY] }) { id nameEn tasks { role task { id titleEn places { role place { id nameEn } } } } } }`,
    variables: () => ({}),
    rows: (d) => d.places.reduce((n: number, p: any) => n + 1 + linkCount(p.tasks.map((l: any) => l.task)), 0),
  },
];

/** A plan of EXTRA_TASKS tasks, each linked to every county, to 小店 and to two of EXTRA_PLACES new sites inside 小店. */
async function insertSynthetic(trx: Db, planId: string): Promise<string> {
  await insertPlanLikeSeeded(trx, planId, "synthetic");
  await sql`
    insert into place (id, code, name_hans, name_hant, name_en, kind, parent_id, precision, source, geom, label_point, ordinal)
    select ${planId} || '-site-' || g, null, '合成' || g, '合成' || g, 'Synthetic site ' || g, 'HERITAGE_SITE', 'xiaodian', 'EXACT', 'synthetic',
      ST_SetSRID(ST_MakePoint(112.58 + g * 0.001, 37.71), 4326), ST_SetSRID(ST_MakePoint(112.58 + g * 0.001, 37.71), 4326), (select max(ordinal) from place) + g
    from generate_series(1, ${EXTRA_PLACES}::int) g`.execute(trx);
  await sql`
    insert into task (id, plan_id, kind, number, ref, section_id, ordinal, title_hant, title_hans, title_en, text_hant, text_hans, span_start, span_end, due_year)
    select ${planId} || '-task-' || g, ${planId}, 'MATTER', g, g || '.', '5.1', g, '合成' || g, '合成' || g, 'synthetic ' || g, '合成', '合成', 0, 10, 2015
    from generate_series(1, ${EXTRA_TASKS}::int) g`.execute(trx);
  await sql`
    insert into task_place (task_id, place_id, role)
    select t.id, p.id, 'MENTION' from task t cross join (select id from place where kind = 'COUNTY') p where t.plan_id = ${planId}
    union all select t.id, 'xiaodian', 'SUBJECT' from task t where t.plan_id = ${planId}
    union all select t.id, ${planId} || '-site-' || (1 + t.number % ${EXTRA_PLACES}::int), 'MENTION' from task t where t.plan_id = ${planId}
    union all select t.id, ${planId} || '-site-' || (1 + (t.number + 7) % ${EXTRA_PLACES}::int), 'MENTION' from task t where t.plan_id = ${planId}`.execute(
    trx,
  );
  return `${planId}-task-1`;
}

class Rollback extends Error {}

/** Runs a case over the seeded data, then over seeded + synthetic, and rolls the synthetic rows back. */
async function atTwoSizes(c: Case) {
  const { db } = await testDatabase();
  const planId = `perf-${randomUUID().slice(0, 8)}`;
  let small!: { statements: number; data: any };
  let large!: { statements: number; data: any };
  await db
    .transaction()
    .execute(async (trx) => {
      small = await countStatements(trx, c.source, c.variables({ plan: SEEDED, taskId: "reform-14" }));
      const taskId = await insertSynthetic(trx, planId);
      large = await countStatements(trx, c.source, c.variables({ plan: planId, taskId }));
      throw new Rollback();
    })
    .catch((error) => {
      if (!(error instanceof Rollback)) throw error;
    });
  return { small, large };
}

describe("SQL statements per benchmark query", () => {
  for (const c of CASES) {
    it(`${c.name}: at most ${MAX_STATEMENTS}, the same with many more rows`, async () => {
      const { small, large } = await atTwoSizes(c);
      // the answer really grew: otherwise equal counts prove nothing
      expect(c.rows(large.data)).toBeGreaterThan(c.rows(small.data));
      expect(small.statements).toBeLessThanOrEqual(MAX_STATEMENTS);
      expect(large.statements).toBe(small.statements);
    });
  }

  it("leaves no synthetic rows behind", async () => {
    const { db } = await testDatabase();
    const r = await sql<{ n: number }>`select count(*)::int as n from plan where id like 'perf-%'`.execute(db);
    expect(r.rows[0].n).toBe(0);
  });
});
