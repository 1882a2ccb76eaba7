/** Location filters over HTTP: near with distances, within/bbox, places with what lies inside them, placesAt. */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { testServer } from "../../support/server.ts";

const PLAN = "taiyuan-2013-30";
const WUSU_AIRPORT = { lng: 112.62833, lat: 37.74694 };

interface Link {
  place: { id: string; kind: string };
  role: string;
  distanceMeters: number | null;
}

async function taskIds(filter: Record<string, unknown>): Promise<string[]> {
  const s = await testServer();
  const r = await s.gql(`query($f: TaskFilter) { tasks(filter: $f, first: 100) { totalCount nodes { id } } }`, {
    f: { planId: PLAN, ...filter },
  });
  expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
  expect(r.body.data.tasks.totalCount, "the answer must fit one page for this comparison").toBeLessThanOrEqual(100);
  return r.body.data.tasks.nodes.map((n: { id: string }) => n.id);
}

describe("spatial.near", () => {
  const query = `query($f: TaskFilter) { tasks(filter: $f, first: 100) { nodes { id places { place { id kind } role distanceMeters } } } }`;
  const near = { spatial: { near: { ...WUSU_AIRPORT, radiusMeters: 3000 } }, orderBy: "DISTANCE", planId: PLAN };

  it("orders by distance from Wusu airport with the bonded-zone task matter-6 first", async () => {
    const s = await testServer();
    const r = await s.gql(query, { f: near });
    expect(r.body.errors).toBeUndefined();
    const nodes = r.body.data.tasks.nodes as { id: string; places: Link[] }[];
    expect(nodes[0]?.id).toBe("matter-6");
    // each task's sort distance is its nearest named (non-city, non-APPLIES) place, never decreasing down the list
    const distances = nodes.map((n) =>
      Math.min(
        ...n.places
          .filter((l) => l.place.kind !== "CITY" && l.role !== "APPLIES")
          .map((l) => l.distanceMeters ?? Infinity),
      ),
    );
    for (const d of distances) expect(d).toBeLessThanOrEqual(3000);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
  });

  it("gives distanceMeters on the links of the tasks it finds", async () => {
    const s = await testServer();
    const r = await s.gql(query, { f: near });
    const matter6 = (r.body.data.tasks.nodes as { id: string; places: Link[] }[]).find((n) => n.id === "matter-6")!;
    const zone = matter6.places.filter((l) => l.place.id === "wusu-bonded-zone");
    expect(zone.length).toBeGreaterThan(0);
    for (const l of zone) {
      expect(typeof l.distanceMeters).toBe("number");
      expect(l.distanceMeters).toBeGreaterThan(0);
      expect(l.distanceMeters).toBeLessThan(3000);
    }
  });

  it("finds no task whose only place is Gujiao, 40 km away", async () => {
    const s = await testServer();
    const gujiao = await s.gql(`{ place(id: "gujiao") { tasks { task { id places { place { id } } } } } }`);
    const onlyGujiao = (gujiao.body.data.place.tasks as { task: { id: string; places: { place: { id: string } }[] } }[])
      .filter((l) => l.task.places.every((p) => p.place.id === "gujiao"))
      .map((l) => l.task.id);
    expect(onlyGujiao).toContain("reform-15");
    const found = (await s.gql(query, { f: near })).body.data.tasks.nodes.map((n: { id: string }) => n.id);
    expect(found.filter((id: string) => onlyGujiao.includes(id))).toEqual([]);
  });

  it("refuses orderBy DISTANCE without a near point", async () => {
    const s = await testServer();
    const r = await s.gql(query, { f: { orderBy: "DISTANCE" } });
    expect(r.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(r.body.errors?.[0]?.message).toMatch(/DISTANCE needs spatial\.near/);
  });
});

describe("spatial.within and spatial.bbox", () => {
  async function gujiaoBbox(): Promise<[number, number, number, number]> {
    const s = await testServer();
    const r = await s.gql(`{ place(id: "gujiao") { bbox } }`);
    return r.body.data.place.bbox;
  }

  function rectangle([w, s, e, n]: number[]) {
    return {
      type: "Polygon",
      coordinates: [
        [
          [w, s],
          [e, s],
          [e, n],
          [w, n],
          [w, s],
        ],
      ],
    };
  }

  it("within Gujiao's bounding rectangle finds reform-15", async () => {
    expect(await taskIds({ spatial: { within: rectangle(await gujiaoBbox()) } })).toContain("reform-15");
  });

  it("bbox of Gujiao finds reform-15", async () => {
    expect(await taskIds({ spatial: { bbox: await gujiaoBbox() } })).toContain("reform-15");
  });

  it("bbox of Gujiao gives exactly the ids of within that rectangle", async () => {
    const bbox = await gujiaoBbox();
    expect(await taskIds({ spatial: { bbox } })).toEqual(await taskIds({ spatial: { within: rectangle(bbox) } }));
  });

  it("bbox and within agree on random rectangles over the city", async () => {
    const coordinate = (min: number, max: number) =>
      fc.integer({ min: Math.round(min * 1000), max: Math.round(max * 1000) }).map((n) => n / 1000);
    await fc.assert(
      fc.asyncProperty(
        fc
          .tuple(coordinate(111.4, 113.3), coordinate(111.4, 113.3), coordinate(37.3, 38.5), coordinate(37.3, 38.5))
          .filter(([a, b, c, d]) => a !== b && c !== d),
        async ([x1, x2, y1, y2]) => {
          const bbox = [Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2)];
          expect(await taskIds({ spatial: { bbox } }), `bbox ${bbox.join(",")}`).toEqual(
            await taskIds({ spatial: { within: rectangle(bbox) } }),
          );
        },
      ),
      { numRuns: 12 },
    );
  });
});

describe("spatial.placeIds", () => {
  it("with includeContained, qingxu finds matter-8 through the Qingxu development zone", async () => {
    expect(await taskIds({ spatial: { placeIds: ["qingxu"], includeContained: true } })).toContain("matter-8");
  });

  it("without includeContained, qingxu does not find matter-8", async () => {
    expect(await taskIds({ spatial: { placeIds: ["qingxu"], includeContained: false } })).not.toContain("matter-8");
  });

  it("refuses an unknown place id with BAD_USER_INPUT", async () => {
    const s = await testServer();
    const r = await s.gql(`{ tasks(filter: { spatial: { placeIds: ["atlantis"] } }) { totalCount } }`);
    expect(r.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(r.body.errors?.[0]?.message).toContain("atlantis");
  });
});

describe("placesAt", () => {
  it("at the Wusu bonded zone (a point place) gives Xiaodian, then Taiyuan", async () => {
    const s = await testServer();
    const zone = await s.gql(`{ place(id: "wusu-bonded-zone") { geometry centroid } }`);
    // the zone has no published boundary: it is a point, so it does not itself contain a point
    expect(zone.body.data.place.geometry.type).toBe("Point");
    const [lng, lat] = zone.body.data.place.centroid.coordinates;
    const r = await s.gql(`query($lng: Float!, $lat: Float!) { placesAt(lng: $lng, lat: $lat) { id } }`, { lng, lat });
    expect(r.body.data.placesAt.map((p: { id: string }) => p.id)).toEqual(["xiaodian", "taiyuan"]);
  });

  it("inside the Fendong new district (an area) gives it first, then Xiaodian, then Taiyuan", async () => {
    const s = await testServer();
    const zone = await s.gql(`{ place(id: "fendong-new-district") { centroid areaKm2 } }`);
    expect(zone.body.data.place.areaKm2).toBeGreaterThan(0);
    const [lng, lat] = zone.body.data.place.centroid.coordinates;
    const r = await s.gql(`query($lng: Float!, $lat: Float!) { placesAt(lng: $lng, lat: $lat) { id } }`, { lng, lat });
    expect(r.body.data.placesAt.map((p: { id: string }) => p.id)).toEqual([
      "fendong-new-district",
      "xiaodian",
      "taiyuan",
    ]);
  });

  it("lists containing places smallest area first at random points", async () => {
    const s = await testServer();
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 111500, max: 113200 }),
        fc.integer({ min: 37400, max: 38400 }),
        async (x, y) => {
          const r = await s.gql(`query($lng: Float!, $lat: Float!) { placesAt(lng: $lng, lat: $lat) { id areaKm2 } }`, {
            lng: x / 1000,
            lat: y / 1000,
          });
          const areas = r.body.data.placesAt.map((p: { areaKm2: number }) => p.areaKm2);
          for (const a of areas) expect(a).toBeGreaterThan(0);
          expect(areas).toEqual([...areas].sort((a: number, b: number) => a - b));
        },
      ),
      { numRuns: 15 },
    );
  });
});
