/** A stand-in point is no evidence of where a place is: containment and obligations never come from one. */
import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { up as dropStandInContainment } from "../../../server/src/db/migrations/0008_drop_stand_in_containment.ts";
import { computeContainment } from "../../../server/src/modules/place/place.repository.ts";
import { testDatabase } from "../../support/db.ts";
import { testServer } from "../../support/server.ts";

// the shared database boots (and seeds) once; on the embedded one that is the hook's time, not a test's
beforeAll(() => testServer().then(() => undefined));

async function data(query: string, variables: Record<string, unknown> = {}) {
  const s = await testServer();
  const r = await s.gql(query, variables);
  expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
  return r.body.data;
}

const CITY_LEVEL = ["private-economy-zone", "taikuang-industrial-site"];

describe("places known only at city level", () => {
  it("are the two the gazetteer places at the city's stand-in point", async () => {
    const d = await data(`{ places { id precision } }`);
    expect(
      d.places
        .filter((p: { precision: string }) => p.precision === "ADM2")
        .map((p: { id: string }) => p.id)
        .sort(),
    ).toEqual(CITY_LEVEL);
  });

  it("lie in no county-level unit or area, only in the city (place_containment)", async () => {
    const { db } = await testDatabase();
    const r = await sql<{ outerId: string; innerId: string }>`
      select outer_id as "outerId", inner_id as "innerId" from place_containment where inner_id = any(${CITY_LEVEL}::text[]) order by 1, 2`.execute(
      db,
    );
    expect(r.rows).toEqual(CITY_LEVEL.map((innerId) => ({ outerId: "taiyuan", innerId })));
  });

  it("a re-computation keeps it so, and the migration removes what an earlier import left", async () => {
    const { db } = await testDatabase();
    await db.transaction().execute(async (trx) => {
      await computeContainment(trx);
      const again = await sql<{
        n: number;
      }>`select count(*)::int as n from place_containment where inner_id = any(${CITY_LEVEL}::text[]) and outer_id <> 'taiyuan'`.execute(
        trx,
      );
      expect(again.rows[0].n).toBe(0);
      // as an import before the rule left it
      await sql`insert into place_containment (outer_id, inner_id) values ('jiancaoping', 'private-economy-zone'), ('xishan', 'taikuang-industrial-site')`.execute(
        trx,
      );
      await dropStandInContainment(trx);
      const after = await sql<{
        n: number;
      }>`select count(*)::int as n from place_containment where inner_id = any(${CITY_LEVEL}::text[]) and outer_id <> 'taiyuan'`.execute(
        trx,
      );
      expect(after.rows[0].n).toBe(0);
    });
  });

  it("make Jiancaoping (or Xishan) answer for none of their tasks", async () => {
    const tasksOf = async (place: string) => {
      const d = await data(
        `query($id: ID!) { place(id: $id) { obligations { task { id } reasons via { place { id } } } } }`,
        { id: place },
      );
      return d.place.obligations as { task: { id: string }; reasons: string[]; via: { place: { id: string } }[] }[];
    };
    for (const place of ["jiancaoping", "xishan"]) {
      const viaStandIn = (await tasksOf(place)).filter((o) => o.via.some((v) => CITY_LEVEL.includes(v.place.id)));
      expect(
        viaStandIn.map((o) => o.task.id),
        place,
      ).toEqual([]);
    }
    // and the tasks about them still exist, linked to them
    const d = await data(`{ place(id: "private-economy-zone") { tasks { task { id } } } }`);
    expect(d.place.tasks.length).toBeGreaterThan(0);
  });
});
