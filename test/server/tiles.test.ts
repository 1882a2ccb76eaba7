/** GET /tiles/projects/{z}/{x}/{y}.mvt: a vector tile of the projects, decoded here with a hand-written protobuf reader. */
import { describe, expect, it } from "vitest";
import { encodeGeometry, encodeTile, parseTile } from "../../server/src/http/tiles.ts";
import { testServer } from "../support/server.ts";

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

function decodeLayers(tile: Uint8Array): { name: string; extent: number; version: number; features: Record<string, string>[]; types: number[] }[] {
  return readMessage(tile).map((layerField) => {
    expect(layerField.field).toBe(3);
    const fields = readMessage(layerField.value as Uint8Array);
    const text = (b: number | Uint8Array) => new TextDecoder().decode(b as Uint8Array);
    const keys = fields.filter((f) => f.field === 3).map((f) => text(f.value));
    const values = fields.filter((f) => f.field === 4).map((f) => text(readMessage(f.value as Uint8Array)[0].value));
    const types: number[] = [];
    const features = fields.filter((f) => f.field === 2).map((f) => {
      const ff = readMessage(f.value as Uint8Array);
      types.push(Number(ff.find((x) => x.field === 3)?.value));
      const tagBytes = ff.find((x) => x.field === 2)!.value as Uint8Array;
      const tags: number[] = [];
      let p = 0;
      while (p < tagBytes.length) {
        let v = 0;
        let s = 1;
        for (;;) {
          const b = tagBytes[p++];
          v += (b & 0x7f) * s;
          if (b < 0x80) break;
          s *= 128;
        }
        tags.push(v);
      }
      const props: Record<string, string> = {};
      for (let i = 0; i < tags.length; i += 2) props[keys[tags[i]]] = values[tags[i + 1]];
      return props;
    });
    return {
      name: text(fields.find((f) => f.field === 1)!.value),
      extent: Number(fields.find((f) => f.field === 5)?.value ?? 4096),
      version: Number(fields.find((f) => f.field === 15)?.value),
      features,
      types,
    };
  });
}

/** The z/x/y of the tile holding a lng/lat. */
function tileOf(lng: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  return [Math.floor(((lng + 180) / 360) * n), Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)];
}

describe("GET /tiles/projects/{z}/{x}/{y}.mvt", () => {
  it("serves a non-empty vector tile over central Taiyuan at zoom 10, with id, category and precision", async () => {
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
    expect(layer.features.map((f) => f.id)).toContain("fendong-finance-district");
    for (const f of layer.features) {
      expect(Object.keys(f).sort()).toEqual(["category", "id", "precision"]);
      expect(["NEAR", "ADM3", "ADM2", "APPROXIMATE", "EXACT"]).toContain(f.precision);
    }
    expect(new Set(layer.types)).toEqual(new Set([1, 3]));
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
    const ccw = [[0, 0], [0, 10], [10, 10], [10, 0], [0, 0]];
    const g = encodeGeometry({ type: "Polygon", coordinates: [ccw, [[2, 2], [2, 4], [4, 4], [4, 2], [2, 2]]] })!;
    expect(g.type).toBe(3);
    // MoveTo(1), 2 params, LineTo(3), 6 params, ClosePath, twice
    expect(g.commands.length).toBe(2 * (1 + 2 + 1 + 6 + 1));
    expect(g.commands[0]).toBe(9);
    expect(g.commands[3]).toBe((2 & 7) | (3 << 3));
  });

  it("encodes no layer for no features", () => {
    expect(encodeTile("projects", []).length).toBe(0);
  });
});
