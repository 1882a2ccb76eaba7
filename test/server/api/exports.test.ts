/** GeoJSON and CSV exports over plain HTTP. */
import { describe, expect, it } from "vitest";
import { testServer } from "../../support/server.ts";

async function get(path: string): Promise<Response> {
  const s = await testServer();
  return fetch(`${s.url}${path}`);
}

describe("exports", () => {
  it("tasks.geojson?kinds=MATTER is a FeatureCollection of matter tasks only", async () => {
    const res = await get("/export/tasks.geojson?kinds=MATTER");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/geo\+json/);
    const body = await res.json();
    expect(body.type).toBe("FeatureCollection");
    expect(body.features.length).toBeGreaterThan(0);
    for (const f of body.features) {
      expect(f.type).toBe("Feature");
      expect(f.properties.kind).toBe("MATTER");
      expect(typeof f.geometry.type).toBe("string");
    }
    const ids = new Set(body.features.map((f: { properties: { taskId: string } }) => f.properties.taskId));
    expect(ids.has("matter-6")).toBe(true);
    expect(ids.has("reform-15")).toBe(false);
  });

  it("places.geojson has a feature for every place", async () => {
    const s = await testServer();
    const places = await s.gql(`{ places { id } }`);
    const expected = places.body.data.places.map((p: { id: string }) => p.id).sort();
    const res = await get("/export/places.geojson");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.type).toBe("FeatureCollection");
    expect(body.features.map((f: { id: string }) => f.id).sort()).toEqual(expected);
    for (const f of body.features) expect(f.geometry?.type, f.id).toMatch(/Point|Polygon/);
  });

  it("obligations/gujiao.csv starts with a UTF-8 BOM and lists reform-15", async () => {
    const res = await get("/export/obligations/gujiao.csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = new TextDecoder().decode(bytes.slice(3)).split("\r\n");
    expect(rows[0].split(",")[0]).toBe("task_id");
    expect(rows.some((r) => r.startsWith("reform-15,"))).toBe(true);
  });

  it("an unknown place answers 400 or 404 with a JSON error", async () => {
    const res = await get("/export/obligations/atlantis.csv");
    expect([400, 404]).toContain(res.status);
    const body = await res.json();
    expect(body.error.code).toMatch(/^(BAD_USER_INPUT|NOT_FOUND)$/);
    expect(body.error.message).toContain("atlantis");
  });

  it("a bbox with three numbers answers 400", async () => {
    const res = await get("/export/tasks.geojson?bbox=112,37,113");
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("BAD_USER_INPUT");
  });

  it("an inverted or non-numeric bbox answers 400", async () => {
    for (const bbox of ["113,38,112,37", "a,b,c,d", "112,37,113,NaN"]) {
      const res = await get(`/export/tasks.geojson?bbox=${bbox}`);
      expect(res.status, bbox).toBe(400);
    }
  });
});

describe("exports refuse NUL characters", () => {
  it("answers 400 BAD_USER_INPUT for a NUL in a query parameter", async () => {
    const { url } = await testServer();
    const res = await fetch(`${url}/export/tasks.geojson?text=%00`);
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("BAD_USER_INPUT");
  });
});
