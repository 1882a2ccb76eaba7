/**
 * Issue 18, bounded work per request: a `within` polygon is counted against its caps
 * before it is read, and its validity is checked by a sweep line, not edge against
 * edge (a self-crossing polygon of 6 501 positions ran the server out of memory, a valid
 * one of 32 000 blocked it for 28 s). Every door `within` reaches refuses the same way.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Position } from "geojson";
import { POLYGON_LIMITS } from "../../../server/src/modules/spatial/spatial-filter.ts";
import { testServer } from "../../support/server.ts";

const TAIYUAN = { lng: 112.55, lat: 37.87 };

/** A simple star-shaped ring of n corners around Taiyuan (radius 0.3-0.5°), closed. */
function star(n: number): Position[] {
  const ring: Position[] = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    const r = 0.4 + 0.1 * Math.sin(i * 7.3);
    ring.push([TAIYUAN.lng + r * Math.cos(a), TAIYUAN.lat + r * Math.sin(a)]);
  }
  return [...ring, ring[0]];
}

/** A ring that zigzags across itself: every other edge crosses ~n/2 others (n²/8 crossings). */
function zigzag(n: number): Position[] {
  const ring: Position[] = [];
  for (let i = 0; i < n; i++) ring.push([TAIYUAN.lng + (i % 2 === 0 ? -0.2 : 0.2), TAIYUAN.lat - 0.2 + (0.4 * i) / n]);
  return [...ring, ring[0]];
}

const polygon = (...rings: Position[][]) => ({ type: "Polygon", coordinates: rings });

// run alone on the embedded database, the shared server boots (and seeds) here, not inside a test's 60 s
beforeAll(() => testServer(), 300_000);

/** The operations that take a within polygon, as GraphQL. */
const DOORS: { name: string; query: string; variables: (within: unknown) => Record<string, unknown>; where: string }[] =
  [
    {
      name: "tasks",
      query: "query($w: GeoJSON) { tasks(filter: { spatial: { within: $w } }) { totalCount nodes { id } } }",
      variables: (w) => ({ w }),
      where: "spatial.within",
    },
    {
      name: "places",
      query: "query($w: GeoJSON) { places(filter: { within: $w }) { id } }",
      variables: (w) => ({ w }),
      where: "within",
    },
    {
      name: "projects",
      query: "query($w: GeoJSON) { projects(filter: { spatial: { within: $w } }) { totalCount } }",
      variables: (w) => ({ w }),
      where: "spatial.within",
    },
    {
      name: "place.tasks",
      query: 'query($w: GeoJSON) { place(id: "taiyuan") { tasks(filter: { spatial: { within: $w } }) { role } } }',
      variables: (w) => ({ w }),
      where: "spatial.within",
    },
  ];

async function refusal(query: string, variables: Record<string, unknown>) {
  const s = await testServer();
  const r = await s.gql(query, variables);
  expect(r.body.errors, JSON.stringify(r.body).slice(0, 300)).toHaveLength(1);
  expect(r.body.errors![0].extensions?.code).toBe("BAD_USER_INPUT");
  // no answer: null data, or (for a nested field) the nullable field above it null
  expect(Object.values(r.body.data ?? {}).every((v) => v === null)).toBe(true);
  return r.body.errors![0].message;
}

describe("within polygons are bounded before they are read", () => {
  for (const door of DOORS) {
    it(`${door.name}: more positions than the cap is refused, naming the field, the cap and what was sent`, async () => {
      const over = POLYGON_LIMITS.maxPositions + 1;
      const message = await refusal(door.query, door.variables(polygon(star(over - 1))));
      expect(message).toContain("within");
      expect(message).toContain(`at most ${POLYGON_LIMITS.maxPositions} positions`);
      expect(message).toContain(`got ${over}`);
    });

    it(`${door.name}: more rings than the cap is refused`, async () => {
      const small = star(4);
      const rings = Array.from({ length: POLYGON_LIMITS.maxRings + 1 }, () => small);
      const message = await refusal(door.query, door.variables(polygon(...rings)));
      expect(message).toContain(`at most ${POLYGON_LIMITS.maxRings} rings in all, got ${POLYGON_LIMITS.maxRings + 1}`);
    });

    it(`${door.name}: a self-crossing polygon of 3 000 positions is refused by the sweep (pairwise: 1.1 million crossings collected)`, async () => {
      const message = await refusal(door.query, door.variables(polygon(zigzag(3_000))));
      expect(message).toMatch(/within: the polygon intersects itself at \[/);
    });
  }

  it("a valid polygon at the cap is answered", async () => {
    const s = await testServer();
    const r = await s.gql(DOORS[0].query, { w: polygon(star(POLYGON_LIMITS.maxPositions - 1)) });
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.tasks.totalCount).toBeGreaterThan(0);
  });

  it("nested rings that cross each other, and a MultiPolygon whose parts cross, are refused", async () => {
    const outer = star(50);
    const crossingHole = outer.map(([x, y]) => [x + 0.05, y]).reverse();
    expect(await refusal(DOORS[0].query, { w: polygon(outer, crossingHole) })).toMatch(/intersects itself/);
    expect(
      await refusal(DOORS[0].query, { w: { type: "MultiPolygon", coordinates: [[outer], [crossingHole]] } }),
    ).toMatch(/intersects itself/);
  });

  it("positions with more than [lng, lat, altitude] are refused, and members besides type and coordinates never reach SQL", async () => {
    const ring = star(8);
    ring[3] = [...ring[3], 0, ...Array.from({ length: 1000 }, () => 1)];
    expect(await refusal(DOORS[0].query, { w: polygon(ring) })).toContain("position 3 must be [lng, lat]");
    const s = await testServer();
    const r = await s.gql(DOORS[0].query, { w: { ...polygon(star(8)), junk: "x".repeat(100_000) } });
    expect(r.body.errors).toBeUndefined();
  });

  it("the tasks export takes within with the same checks", async () => {
    const s = await testServer();
    const get = (w: unknown) => fetch(`${s.url}/export/tasks.geojson?within=${encodeURIComponent(JSON.stringify(w))}`);
    const ok = await get(polygon(star(200)));
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { features: unknown[] }).features.length).toBeGreaterThan(0);
    const crossing = await get(polygon(zigzag(100)));
    expect(crossing.status).toBe(400);
    expect(((await crossing.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: "BAD_USER_INPUT",
      message: expect.stringContaining("intersects itself"),
    });
    const notJson = await fetch(`${s.url}/export/tasks.geojson?within=%7Bnot`);
    expect(notJson.status).toBe(400);
  });
});

describe("string and list arguments are capped before anything reads them", () => {
  it("a search text over 10 000 characters is refused, naming the argument, in a variable or a literal", async () => {
    const text = "太原".repeat(5_001);
    const viaVariable = await refusal("query($f: TaskFilter) { tasks(filter: $f) { totalCount } }", { f: { text } });
    expect(viaVariable).toBe("tasks.filter.text: at most 10000 characters, got 10002");
    const viaLiteral = await refusal(`{ places(filter: { text: ${JSON.stringify(text)} }) { id } }`, {});
    expect(viaLiteral).toBe("places.filter.text: at most 10000 characters, got 10002");
    expect(await refusal("query($t: String!) { search(text: $t) { __typename } }", { t: text })).toBe(
      "search.text: at most 10000 characters, got 10002",
    );
  });

  it("a list over 1 000 items is refused, naming the argument", async () => {
    const kinds = Array.from({ length: 1_001 }, () => "MATTER");
    expect(await refusal("query($k: [TaskKind!]) { tasks(filter: { kinds: $k }) { totalCount } }", { k: kinds })).toBe(
      "tasks.filter.kinds: at most 1000 items, got 1001",
    );
    const ids = Array.from({ length: 1_001 }, (_, i) => `t${i}`);
    expect(
      await refusal("query($f: ProjectFilter) { projects(filter: $f) { totalCount } }", { f: { taskIds: ids } }),
    ).toBe("projects.filter.taskIds: at most 1000 items, got 1001");
  });

  it("GeoJSON given as text is capped too", async () => {
    const text = JSON.stringify(polygon(star(POLYGON_LIMITS.maxPositions + 10)));
    expect(await refusal(DOORS[0].query, { w: text })).toContain(`at most ${POLYGON_LIMITS.maxPositions} positions`);
  });
});

describe("the tasks export caps its lists and text like GraphQL", () => {
  it("refuses more than 1 000 values in a list parameter, and a text over 10 000 characters", async () => {
    const s = await testServer();
    const many = await fetch(
      `${s.url}/export/tasks.geojson?sectionIds=${Array.from({ length: 1_001 }, (_, i) => `s${i}`).join(",")}`,
    );
    expect(many.status).toBe(400);
    expect(((await many.json()) as { error: { message: string } }).error.message).toBe(
      "sectionIds: at most 1000 values, got 1001",
    );
    const long = await fetch(`${s.url}/export/tasks.geojson?text=${"a".repeat(10_001)}`);
    expect(long.status).toBe(400);
    expect(((await long.json()) as { error: { code: string; message: string } }).error).toEqual({
      code: "BAD_USER_INPUT",
      message: "text: at most 10000 characters, got 10001",
    });
  });
});
