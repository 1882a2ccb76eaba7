/** Place.obligations: each task once, with why it applies to the place. */
import { describe, expect, it } from "vitest";
import { testServer } from "../../support/server.ts";

interface Obligation {
  task: { id: string };
  reasons: string[];
  via: { place: { id: string }; role: string }[];
}

async function obligations(placeId: string, args = ""): Promise<Obligation[]> {
  const s = await testServer();
  const r = await s.gql(
    `query($id: ID!) { place(id: $id) { obligations${args} { task { id } reasons via { place { id } role } } } }`,
    { id: placeId },
  );
  expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
  return r.body.data.place.obligations;
}

function find(list: Obligation[], taskId: string): Obligation | undefined {
  return list.find((o) => o.task.id === taskId);
}

describe("obligations", () => {
  it("every county-level unit carries pilot-counties, because it applies to all of them", async () => {
    const s = await testServer();
    const r = await s.gql(
      `{ places(filter: { kinds: [DISTRICT, COUNTY, COUNTY_CITY] }) { id obligations { task { id } reasons } } }`,
    );
    const units = r.body.data.places as { id: string; obligations: Obligation[] }[];
    expect(units).toHaveLength(10);
    for (const unit of units) {
      expect(find(unit.obligations, "pilot-counties")?.reasons, `pilot-counties for ${unit.id}`).toContain(
        "APPLIES_TO_ALL",
      );
    }
  });

  it("lists each task once", async () => {
    const ids = (await obligations("gujiao", "(includeCitywide: true)")).map((o) => o.task.id);
    expect(ids).toEqual([...new Set(ids)]);
  });

  it("gujiao has reform-14 directly", async () => {
    expect(find(await obligations("gujiao"), "reform-14")?.reasons).toContain("DIRECT");
  });

  it("gujiao has reform-15 directly and as its lead", async () => {
    expect(find(await obligations("gujiao"), "reform-15")?.reasons).toEqual(["DIRECT", "LEAD"]);
  });

  it("gujiao has matter-16", async () => {
    expect(find(await obligations("gujiao"), "matter-16")).toBeDefined();
  });

  it("qingxu has matter-8 as CONTAINED, via the link to the Qingxu development zone", async () => {
    const matter8 = find(await obligations("qingxu"), "matter-8");
    expect(matter8?.reasons).toEqual(["CONTAINED"]);
    expect(matter8?.via.map((v) => v.place.id)).toEqual(["qingxu-development-zone"]);
  });

  it("qingxu does not have reform-15 (Gujiao's pilot)", async () => {
    expect(find(await obligations("qingxu"), "reform-15")).toBeUndefined();
  });

  it("qingxu without includeContained loses matter-8", async () => {
    expect(find(await obligations("qingxu", "(includeContained: false)"), "matter-8")).toBeUndefined();
  });

  it("only with includeCitywide do CITYWIDE obligations appear", async () => {
    const without = await obligations("qingxu");
    const withCity = await obligations("qingxu", "(includeCitywide: true)");
    expect(without.filter((o) => o.reasons.includes("CITYWIDE"))).toEqual([]);
    const citywide = withCity.filter((o) => o.reasons.includes("CITYWIDE"));
    expect(citywide.length).toBeGreaterThan(0);
    for (const o of citywide) expect(o.via.map((v) => v.place.id)).toContain("taiyuan");
    // the place's own obligations keep their own reasons
    expect(find(withCity, "matter-8")?.reasons).toEqual(["CONTAINED"]);
  });

  it("kinds narrows the list", async () => {
    const reforms = await obligations("gujiao", "(kinds: [REFORM])");
    expect(reforms.map((o) => o.task.id).sort()).toEqual(["reform-14", "reform-15"]);
  });
});
