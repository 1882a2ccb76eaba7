/** GET /tiles/projects/{z}/{x}/{y}.mvt: a vector tile of the projects, decoded here with a hand-written protobuf reader. */
import { describe, expect, it } from "vitest";
import { parseTile } from "../../server/src/http/tiles.ts";
import { encodeGeometry, encodeTile } from "../../server/src/modules/project/project-tiles.service.ts";
import { sql } from "kysely";
import { testDatabase } from "../support/db.ts";
import { testServer } from "../support/server.ts";
import type { MapProject } from "../../client/src/api/types.ts";
import { projectFeatures } from "../../client/src/map/layers/projects.ts";

interface Field {
  field: number;
  wire: number;
  value: number | Uint8Array;
}

/** Top-level fields of one protobuf message; throws on anything malformed. */
function readMessage(buf: Uint8Array): Field[] {
  let pos = 0;
  const varint = () => {
    let result = 0;
    let shift = 1;
    for (;;) {
      if (pos >= buf.length) throw new Error("truncated varint");
      const b = buf[pos++];
      result += (b & 0x7f) * shift;
      if (b < 0x80) return result;
      shift *= 128;
    }
  };
  const out: Field[] = [];
  while (pos < buf.length) {
    const key = varint();
    const field = key >>> 3;
    const wire = key & 7;
    if (field === 0) throw new Error("field number 0");
    if (wire === 0) out.push({ field, wire, value: varint() });
    else if (wire === 2) {
      const len = varint();
      if (pos + len > buf.length) throw new Error("length past the end");
      out.push({ field, wire, value: buf.subarray(pos, pos + len) });
      pos += len;
    } else throw new Error(`unexpected wire type ${wire}`);
  }
  return out;
}

type Props = Record<string, string | number>;

/** Packed varints. */
function readPacked(bytes: Uint8Array): number[] {
  const out: number[] = [];
  let p = 0;
  while (p < bytes.length) {
    let v = 0;
    let s = 1;
    for (;;) {
      const b = bytes[p++];
      v += (b & 0x7f) * s;
      if (b < 0x80) break;
      s *= 128;
    }
    out.push(v);
  }
  return out;
}

/** A Value message: string, double or uint (what the server writes); anything else fails the test. */
function readValue(bytes: Uint8Array): string | number {
  const [f] = readMessageWithDoubles(bytes);
  if (f.field === 1) return new TextDecoder().decode(f.value as Uint8Array);
  if (f.field === 3 || f.field === 5 || f.field === 4) return f.value as number;
  throw new Error(`unexpected value field ${f.field}`);
}

/** readMessage, plus 64-bit fixed (wire 1) read as a double. */
function readMessageWithDoubles(buf: Uint8Array): Field[] {
  if ((buf[0] & 7) === 1)
    return [
      { field: buf[0] >>> 3, wire: 1, value: new DataView(buf.buffer, buf.byteOffset + 1, 8).getFloat64(0, true) },
    ];
  return readMessage(buf);
}

/** The points of a point feature's geometry commands, in tile coordinates. */
function pointsOf(commands: number[]): [number, number][] {
  const zz = (n: number) => (n >>> 1) ^ -(n & 1);
  const out: [number, number][] = [];
  let x = 0;
  let y = 0;
  const count = commands[0] >>> 3;
  expect(commands[0] & 7).toBe(1);
  for (let i = 0; i < count; i++) {
    x += zz(commands[1 + 2 * i]);
    y += zz(commands[2 + 2 * i]);
    out.push([x, y]);
  }
  return out;
}

interface DecodedFeature {
  props: Props;
  type: number;
  commands: number[];
}

function decodeLayers(
  tile: Uint8Array,
): { name: string; extent: number; version: number; features: Props[]; types: number[]; decoded: DecodedFeature[] }[] {
  return readMessage(tile).map((layerField) => {
    expect(layerField.field).toBe(3);
    const fields = readMessage(layerField.value as Uint8Array);
    const text = (b: number | Uint8Array) => new TextDecoder().decode(b as Uint8Array);
    const keys = fields.filter((f) => f.field === 3).map((f) => text(f.value));
    const values = fields.filter((f) => f.field === 4).map((f) => readValue(f.value as Uint8Array));
    const decoded = fields
      .filter((f) => f.field === 2)
      .map((f): DecodedFeature => {
        const ff = readMessage(f.value as Uint8Array);
        const tags = readPacked(ff.find((x) => x.field === 2)!.value as Uint8Array);
        const props: Props = {};
        for (let i = 0; i < tags.length; i += 2) props[keys[tags[i]]] = values[tags[i + 1]];
        return {
          props,
          type: Number(ff.find((x) => x.field === 3)?.value),
          commands: readPacked(ff.find((x) => x.field === 4)!.value as Uint8Array),
        };
      });
    return {
      name: text(fields.find((f) => f.field === 1)!.value),
      extent: Number(fields.find((f) => f.field === 5)?.value ?? 4096),
      version: Number(fields.find((f) => f.field === 15)?.value),
      features: decoded.map((d) => d.props),
      types: decoded.map((d) => d.type),
      decoded,
    };
  });
}

async function tileAt(url: string, z: number, x: number, y: number, query = ""): Promise<DecodedFeature[]> {
  const res = await fetch(`${url}/tiles/projects/${z}/${x}/${y}.mvt${query}`);
  expect(res.status).toBe(200);
  const bytes = new Uint8Array(await res.arrayBuffer());
  return bytes.length ? decodeLayers(bytes)[0].decoded : [];
}

/** The z/x/y of the tile holding a lng/lat. */
function tileOf(lng: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  return [
    Math.floor(((lng + 180) / 360) * n),
    Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n),
  ];
}

describe("GET /tiles/projects/{z}/{x}/{y}.mvt", () => {
  it("serves a non-empty vector tile over central Taiyuan at zoom 10: projects with id, category and precision, clusters with counts", async () => {
    const { url } = await testServer();
    const [x, y] = tileOf(112.55, 37.87, 10);
    const res = await fetch(`${url}/tiles/projects/10/${x}/${y}.mvt`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.mapbox-vector-tile");
    const tile = new Uint8Array(await res.arrayBuffer());
    expect(tile.length).toBeGreaterThan(100);
    expect(tile[0]).toBe(0x1a); // field 3 (layers), length-delimited
    const [layer] = decodeLayers(tile);
    expect(layer.name).toBe("projects");
    expect(layer.version).toBe(2);
    expect(layer.extent).toBe(4096);
    expect(layer.features.length).toBeGreaterThan(5);
    // every line and area in the tile is there by id; the points may be in clusters
    const { db } = await testDatabase();
    const shapes = await sql<{ id: string }>`select id from project
      where GeometryType(geom) not in ('POINT', 'MULTIPOINT') and precision not in ('ADM2', 'ADM3') and ST_Intersects(ST_Transform(geom, 3857), ST_TileEnvelope(10, ${x}::int, ${y}::int))`.execute(
      db,
    );
    expect(shapes.rows.length).toBeGreaterThan(0);
    expect(layer.features.map((f) => f.id)).toEqual(expect.arrayContaining(shapes.rows.map((r) => r.id)));
    for (const f of layer.features) {
      if ("point_count" in f) {
        // a cluster of points: how many, and how many of them are approximate
        expect(Object.keys(f).sort()).toEqual(["approx", "point_count"]);
        expect(f.point_count).toBeGreaterThanOrEqual(2);
        expect(f.approx).toBeLessThanOrEqual(Number(f.point_count));
      } else {
        expect(Object.keys(f).sort()).toEqual(["category", "id", "precision"]);
        expect(["NEAR", "ADM3", "ADM2", "APPROXIMATE", "EXACT"]).toContain(f.precision);
      }
    }
    expect(new Set(layer.types)).toEqual(new Set([1, 3]));
  });

  /**
   * Points per tile at zoom z over Taiyuan, straight from the database: MultiPoint members one by one,
   * and an area standing in for a county or the city (ADM3, ADM2) as the mean of its vertices.
   */
  async function pointsPerTile(z: number, categories: string[] | null) {
    const { db } = await testDatabase();
    const [x0, y0] = tileOf(111.5, 38.42, z);
    const [x1, y1] = tileOf(113.16, 37.45, z);
    const r = await sql<{ x: number; y: number; n: number }>`
      with t as (select x, y, ST_TileEnvelope(${z}::int, x, y) as env
        from generate_series(${x0}::int, ${x1}::int) x, generate_series(${y0}::int, ${y1}::int) y),
      drawn as (select case when precision in ('ADM2', 'ADM3') and GeometryType(geom) in ('POLYGON', 'MULTIPOLYGON')
          then ST_Centroid(ST_Points(geom)) else geom end as geom
        from project where true ${categories ? sql`and category = any(${categories}::text[])` : sql``}),
      pts as (select ST_Transform((ST_Dump(geom)).geom, 3857) as g from drawn where GeometryType(geom) in ('POINT', 'MULTIPOINT'))
      select t.x, t.y, count(pts.g)::int as n from t left join pts on ST_Intersects(pts.g, t.env) group by t.x, t.y`.execute(
      db,
    );
    return r.rows;
  }

  /** Points a tile draws inside itself (not in its margin): clusters by their point_count, single points as 1. */
  function drawnInside(features: DecodedFeature[]): number {
    let n = 0;
    for (const f of features.filter((f) => f.type === 1)) {
      for (const [x, y] of pointsOf(f.commands)) {
        if (x >= 0 && x < 4096 && y >= 0 && y < 4096) n += "point_count" in f.props ? Number(f.props.point_count) : 1;
      }
    }
    return n;
  }

  it("clusters points up to zoom 13 and counts every point exactly once across tiles", async () => {
    const { url } = await testServer();
    const tiles = await pointsPerTile(9, null);
    expect(tiles.reduce((s, t) => s + t.n, 0)).toBeGreaterThanOrEqual(20);
    let clusters = 0;
    for (const t of tiles) {
      const features = await tileAt(url, 9, t.x, t.y);
      clusters += features.filter((f) => "point_count" in f.props).length;
      expect({ tile: [9, t.x, t.y], points: drawnInside(features) }).toEqual({ tile: [9, t.x, t.y], points: t.n });
    }
    expect(clusters).toBeGreaterThan(0);
  });

  it("draws an area that only stands in for a county or the city as a point where the GeoJSON mode puts it, not as an area", async () => {
    const { url } = await testServer();
    const { db } = await testDatabase();
    const { rows } = await sql<{ id: string; geojson: string }>`select id, ST_AsGeoJSON(geom) as geojson
      from project where precision = 'ADM3' and GeometryType(geom) in ('POLYGON', 'MULTIPOLYGON') order by id limit 1`.execute(
      db,
    );
    expect(rows).toHaveLength(1);
    // the client's own stand-in position for it (the mean of the vertices)
    const { points } = projectFeatures(
      [{ id: rows[0].id, precision: "ADM3", geometry: JSON.parse(rows[0].geojson) } as unknown as MapProject],
      () => "",
    );
    const [lng, lat] = points.features[0].geometry.coordinates;
    const [x, y] = tileOf(lng, lat, 14);
    const mine = (await tileAt(url, 14, x, y)).filter((f) => f.props.id === rows[0].id);
    expect(mine.map((f) => f.type)).toEqual([1]);
    expect(mine[0].props.precision).toBe("ADM3");
  });

  it("draws every point on its own from zoom 14", async () => {
    const { url } = await testServer();
    const [x, y] = tileOf(112.55, 37.87, 14);
    const around = [-1, 0, 1].flatMap((dx) => [-1, 0, 1].map((dy) => [x + dx, y + dy]));
    let features: DecodedFeature[] = [];
    for (const [tx, ty] of around) features = features.concat(await tileAt(url, 14, tx, ty));
    expect(features.length).toBeGreaterThan(0);
    for (const f of features) expect(Object.keys(f.props).sort()).toEqual(["category", "id", "precision"]);
  });

  it("keeps only the asked categories, before clustering", async () => {
    const { url } = await testServer();
    const { db } = await testDatabase();
    const { rows } = await sql<{ category: string }>`select category from project
      where GeometryType(geom) in ('POINT', 'MULTIPOINT') and category is not null group by category order by count(*) desc, category limit 1`.execute(
      db,
    );
    const category = rows[0].category;
    const tiles = await pointsPerTile(9, [category]);
    const total = tiles.reduce((s, t) => s + t.n, 0);
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThan((await pointsPerTile(9, null)).reduce((s, t) => s + t.n, 0));
    for (const t of tiles) {
      const features = await tileAt(url, 9, t.x, t.y, `?categories=${category}`);
      for (const f of features.filter((f) => "category" in f.props)) expect(f.props.category).toBe(category);
      expect(drawnInside(features)).toBe(t.n);
    }
  });

  it.each([
    ["?categories=PARKS", /^categories: unknown category "PARKS"/],
    ["?categories=LIVELIHOOD,", /^categories: unknown category ""/],
    ["?categories=A&categories=B", /^categories: expected one comma-separated list/],
  ])("refuses %s with a 400 naming it", async (query, message) => {
    const { url } = await testServer();
    const res = await fetch(`${url}/tiles/projects/9/419/194.mvt${query}`);
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(message);
  });

  it("answers a tile far from Taiyuan with an empty body", async () => {
    const { url } = await testServer();
    const res = await fetch(`${url}/tiles/projects/10/0/0.mvt`);
    expect(res.status).toBe(200);
    expect((await res.arrayBuffer()).byteLength).toBe(0);
  });

  it.each([
    ["21/0/0", "z"],
    ["-1/0/0", "z"],
    ["10/1024/395", "x"],
    ["10/832/1024", "y"],
    ["0/0/1", "y"],
    ["a/0/0", "z"],
  ])("refuses %s with a 400 naming %s", async (zxy, name) => {
    const { url } = await testServer();
    const res = await fetch(`${url}/tiles/projects/${zxy}.mvt`);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.message).toMatch(new RegExp(`^${name}:`));
  });

  it("refuses a path without .mvt", async () => {
    const { url } = await testServer();
    const res = await fetch(`${url}/tiles/projects/10/832/395.png`);
    expect(res.status).toBe(400);
  });
});

describe("tile encoding", () => {
  it("validates ranges per zoom", () => {
    expect(parseTile("0", "0", "0")).toEqual({ z: 0, x: 0, y: 0 });
    expect(parseTile("20", String(2 ** 20 - 1), "0").x).toBe(2 ** 20 - 1);
    expect(() => parseTile("3", "8", "0")).toThrow(/x: expected 0-7/);
  });

  it("winds exteriors positive and holes negative, in tile space", () => {
    const ccw = [
      [0, 0],
      [0, 10],
      [10, 10],
      [10, 0],
      [0, 0],
    ];
    const g = encodeGeometry({
      type: "Polygon",
      coordinates: [
        ccw,
        [
          [2, 2],
          [2, 4],
          [4, 4],
          [4, 2],
          [2, 2],
        ],
      ],
    })!;
    expect(g.type).toBe(3);
    const [
      {
        decoded: [feature],
      },
    ] = decodeLayers(encodeTile("t", [{ geometry: g, properties: {} }]));
    const commands = feature.commands;
    expect(feature.type).toBe(3);
    // MoveTo(1), 2 params, LineTo(3), 6 params, ClosePath, twice
    expect(commands.length).toBe(2 * (1 + 2 + 1 + 6 + 1));
    expect(commands[0]).toBe(9);
    expect(commands[3]).toBe((2 & 7) | (3 << 3));
    // the shoelace sum of each ring, in tile space (y down): exterior positive, hole negative
    const zz = (n: number) => (n >> 1) ^ -(n & 1);
    const rings: number[][][] = [];
    let x = 0;
    let y = 0;
    for (let i = 0; i < commands.length;) {
      const id = commands[i] & 7;
      const count = commands[i] >> 3;
      i += 1;
      if (id === 7) continue;
      if (id === 1) rings.push([]);
      for (let k = 0; k < count; k++, i += 2) {
        x += zz(commands[i]);
        y += zz(commands[i + 1]);
        rings[rings.length - 1].push([x, y]);
      }
    }
    const area = (r: number[][]) =>
      r.reduce(
        (a, p, i) => a + r[(i + r.length - 1) % r.length][0] * p[1] - p[0] * r[(i + r.length - 1) % r.length][1],
        0,
      );
    expect(rings.map((r) => Math.sign(area(r)))).toEqual([1, -1]);
  });

  it("writes numbers as uint or double values, strings as strings", () => {
    const point = encodeGeometry({ type: "Point", coordinates: [10, 20] })!;
    const tile = encodeTile("t", [
      { geometry: point, properties: { point_count: 300, approx: 0, share: 0.25, id: "a" } },
      { geometry: point, properties: { point_count: 300, id: "300" } },
    ]);
    const [layer] = decodeLayers(tile);
    expect(layer.features).toEqual([
      { point_count: 300, approx: 0, share: 0.25, id: "a" },
      { point_count: 300, id: "300" },
    ]);
    expect(pointsOf(layer.decoded[0].commands)).toEqual([[10, 20]]);
  });

  it("encodes no layer for no features", () => {
    expect(encodeTile("projects", []).length).toBe(0);
  });
});
