/** The console's project tools: geocode before saving, and an import's dry run row by row. */
import { describe, expect, it } from "vitest";
import { testServer } from "../../support/server.ts";
import { signedIn } from "../project/planner.ts";

const GEOCODE = `query($a: String!) { geocode(address: $a) { alias precision positionSource citywide place { id centroid } } }`;
const IMPORT = `mutation($content: String!, $dryRun: Boolean) {
  importProjects(format: CSV, content: $content, dryRun: $dryRun) {
    dryRun created updated
    rows { row line id name action precision positionSource lng lat place { id } problems { field message } }
  }
}`;

describe("geocode", () => {
  it("says where and how precisely a place name would put a project, city-level included", async () => {
    const s = await testServer();
    const { headers } = await signedIn("PLANNER");
    const zone = await s.gql(GEOCODE, { a: "清徐開發區物流园" }, headers);
    expect(zone.body.errors).toBeUndefined();
    expect(zone.body.data.geocode).toMatchObject({
      alias: "清徐開發區",
      citywide: false,
      place: { id: "qingxu-development-zone" },
    });
    expect(zone.body.data.geocode.place.centroid.type).toBe("Point");
    const county = await s.gql(GEOCODE, { a: "古交市" }, headers);
    expect(county.body.data.geocode).toMatchObject({ precision: "ADM3", citywide: false });
    const city = await s.gql(GEOCODE, { a: "太原市" }, headers);
    expect(city.body.data.geocode).toMatchObject({ precision: "ADM2", citywide: true, place: { id: "taiyuan" } });
    const none = await s.gql(GEOCODE, { a: "不存在的地方" }, headers);
    expect(none.body.errors).toBeUndefined();
    expect(none.body.data.geocode).toBeNull();
    const outside = await s.gql(GEOCODE, { a: "晋中" }, headers);
    expect(outside.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "address" });
  });

  it("is for planners only", async () => {
    const s = await testServer();
    const leader = await signedIn("AREA_LEADER");
    expect((await s.gql(GEOCODE, { a: "古交市" }, leader.headers)).body.errors?.[0]?.extensions?.code).toBe(
      "FORBIDDEN",
    );
    expect((await s.gql(GEOCODE, { a: "古交市" })).body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});

describe("importProjects rows", () => {
  it("lists every row with its id, position and precision, and refused rows with the columns at fault", async () => {
    const s = await testServer();
    const { headers } = await signedIn("PLANNER");
    const tag = Date.now().toString(36);
    const csv = [
      "id,name,task_ids,lng,lat,place",
      `preview-${tag}-a,预览项目甲,matter-18,112.55,37.87,`,
      `preview-${tag}-b,预览项目乙,matter-18,,,清徐开发区`,
      `preview-${tag}-c,预览项目丙,matter-99,,,不存在的地方`,
      `preview-${tag}-d,,matter-18,,,古交市`,
    ].join("\n");
    const dry = await s.gql(IMPORT, { content: csv, dryRun: true }, headers);
    expect(dry.body.errors).toBeUndefined();
    const result = dry.body.data.importProjects;
    expect(result).toMatchObject({ dryRun: true, created: 2, updated: 0 });
    const [a, b, c, d] = result.rows;
    expect(a).toMatchObject({
      row: 1,
      line: 2,
      id: `preview-${tag}-a`,
      action: "CREATE",
      precision: "NEAR",
      lng: 112.55,
      lat: 37.87,
      place: null,
      problems: [],
    });
    expect(b).toMatchObject({
      row: 2,
      action: "CREATE",
      precision: "ADM3",
      place: { id: "qingxu-development-zone" },
      lng: null,
    });
    expect(b.positionSource).toContain("qingxu-development-zone");
    expect(c).toMatchObject({ row: 3, id: `preview-${tag}-c`, name: "預覽項目丙", action: "REFUSED", precision: null });
    expect(c.problems.map((p: { field: string }) => p.field).sort()).toEqual(["place", "task_ids"]);
    expect(d).toMatchObject({ row: 4, action: "REFUSED" });
    expect(d.problems.map((p: { field: string }) => p.field)).toEqual(["name"]);

    const real = await s.gql(IMPORT, { content: csv, dryRun: false }, headers);
    expect(real.body.data.importProjects).toMatchObject({ dryRun: false, created: 2 });
    const again = await s.gql(IMPORT, { content: csv, dryRun: true }, headers);
    expect(again.body.data.importProjects.rows.slice(0, 2).map((r: { action: string }) => r.action)).toEqual([
      "UNCHANGED",
      "UNCHANGED",
    ]);
  });
});
