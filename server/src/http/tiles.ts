/**
 * Vector tiles of the projects, for maps that hold more projects than a
 * GeoJSON download can carry: GET /tiles/projects/{z}/{x}/{y}.mvt, one layer
 * "projects" with the properties id, category and precision (no status: tiles
 * are cacheable; the client asks GraphQL for the rest).
 *
 * PostgreSQL/PostGIS builds the tile with ST_AsMVT. The embedded PGlite's
 * PostGIS is compiled without protobuf-c, so there the same clipped, snapped
 * tile-space geometries are computed in SQL and encoded by encodeTile below;
 * which path a database takes is learnt on its first tile.
 */
import { Router, type Response } from "express";
import { sql } from "kysely";
import { pino } from "pino";
import type { Db } from "../db/database.ts";
import { AppError, ValidationError, httpStatusFor } from "../errors.ts";

export const TILE_EXTENT = 4096;
/** Clip margin in tile units, so lines and areas do not end visibly at tile edges. */
const BUFFER = 64;
export const MAX_ZOOM = 20;
export const MVT_CONTENT_TYPE = "application/vnd.mapbox-vector-tile";

/** z/x/y from path segments; ValidationError naming the first bad one. */
export function parseTile(zs: string, xs: string, ys: string): { z: number; x: number; y: number } {
  const int = (s: string, name: string) => {
    if (!/^\d{1,8}$/.test(s)) throw new ValidationError(`${name}: expected a non-negative integer, got ${JSON.stringify(s.slice(0, 20))}`);
    return Number(s);
  };
  const z = int(zs, "z");
  if (z > MAX_ZOOM) throw new ValidationError(`z: expected 0-${MAX_ZOOM}, got ${z}`);
  const max = 2 ** z - 1;
  const x = int(xs, "x");
  if (x > max) throw new ValidationError(`x: expected 0-${max} at zoom ${z}, got ${x}`);
  const y = int(ys, "y");
  if (y > max) throw new ValidationError(`y: expected 0-${max} at zoom ${z}, got ${y}`);
  return { z, x, y };
}

// ---------------------------------------------------------------- protobuf (MVT 2.1) encoding

class Writer {
  bytes: number[] = [];
  varint(n: number): this {
    let v = n;
    while (v > 0x7f) {
      this.bytes.push((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    this.bytes.push(v);
    return this;
  }
  tag(field: number, wire: number): this {
    return this.varint((field << 3) | wire);
  }
  message(field: number, body: Writer): this {
    this.tag(field, 2).varint(body.bytes.length);
    for (const b of body.bytes) this.bytes.push(b);
    return this;
  }
  string(field: number, s: string): this {
    const enc = new TextEncoder().encode(s);
    this.tag(field, 2).varint(enc.length);
    for (const b of enc) this.bytes.push(b);
    return this;
  }
  packed(field: number, values: number[]): this {
    const body = new Writer();
    for (const v of values) body.varint(v);
    return this.message(field, body);
  }
}

const zigzag = (n: number) => (n << 1) ^ (n >> 31);
const command = (id: number, count: number) => (id & 0x7) | (count << 3);

type Ring = number[][];
/** Twice the signed area in tile space (y down): positive = exterior, as MVT 2.1 requires. */
function area2(ring: Ring): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
  return a;
}

interface TileGeometry {
  type: 1 | 2 | 3;
  commands: number[];
}

/** GeoJSON in tile coordinates → MVT geometry commands; null when nothing drawable is left. */
export function encodeGeometry(g: { type: string; coordinates?: unknown; geometries?: unknown[] }): TileGeometry | null {
  const cmds: number[] = [];
  let cx = 0;
  let cy = 0;
  const moveTo = (p: number[]) => {
    cmds.push(command(1, 1), zigzag(p[0] - cx), zigzag(p[1] - cy));
    [cx, cy] = p;
  };
  const lineTo = (pts: number[][]) => {
    cmds.push(command(2, pts.length));
    for (const p of pts) {
      cmds.push(zigzag(p[0] - cx), zigzag(p[1] - cy));
      [cx, cy] = p;
    }
  };
  const dedupe = (pts: number[][]) => pts.filter((p, i) => i === 0 || p[0] !== pts[i - 1][0] || p[1] !== pts[i - 1][1]);
  const points = (pts: number[][]): TileGeometry | null => {
    if (!pts.length) return null;
    cmds.push(command(1, pts.length));
    for (const p of pts) {
      cmds.push(zigzag(p[0] - cx), zigzag(p[1] - cy));
      [cx, cy] = p;
    }
    return { type: 1, commands: cmds };
  };
  const lines = (ls: number[][][]): TileGeometry | null => {
    for (const l of ls.map(dedupe).filter((l) => l.length >= 2)) {
      moveTo(l[0]);
      lineTo(l.slice(1));
    }
    return cmds.length ? { type: 2, commands: cmds } : null;
  };
  const polygons = (ps: Ring[][]): TileGeometry | null => {
    for (const poly of ps) {
      poly.forEach((raw, i) => {
        const ring = dedupe(raw);
        if (ring.length > 1 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1]) ring.pop();
        if (ring.length < 3) return;
        const a = area2(ring);
        if (a === 0) return;
        const oriented = (i === 0) === a > 0 ? ring : [...ring].reverse();
        moveTo(oriented[0]);
        lineTo(oriented.slice(1));
        cmds.push(command(7, 1));
      });
    }
    return cmds.length ? { type: 3, commands: cmds } : null;
  };
  const c = g.coordinates as never;
  switch (g.type) {
    case "Point": return points([c]);
    case "MultiPoint": return points(c);
    case "LineString": return lines([c]);
    case "MultiLineString": return lines(c);
    case "Polygon": return polygons([c]);
    case "MultiPolygon": return polygons(c);
    case "GeometryCollection": {
      // clipping can leave a mix; keep the highest dimension, as ST_AsMVTGeom does
      const parts = (g.geometries ?? []) as { type: string }[];
      const rank = (t: string) => (t.includes("Polygon") ? 3 : t.includes("LineString") ? 2 : 1);
      const top = Math.max(0, ...parts.map((p) => rank(p.type)));
      const kept = parts.filter((p) => rank(p.type) === top) as { type: string; coordinates: unknown[] }[];
      if (!kept.length) return null;
      const flat = kept.flatMap((p): unknown[] => (p.type.startsWith("Multi") ? p.coordinates : [p.coordinates]));
      return encodeGeometry({ type: top === 3 ? "MultiPolygon" : top === 2 ? "MultiLineString" : "MultiPoint", coordinates: flat });
    }
    default: return null;
  }
}

export interface TileFeature {
  geometry: TileGeometry;
  properties: Record<string, string>;
}

/** One MVT layer of string-valued features, as a protobuf Tile. */
export function encodeTile(layerName: string, features: TileFeature[], extent = TILE_EXTENT): Uint8Array {
  const keys: string[] = [];
  const values: string[] = [];
  const index = (list: string[], v: string) => {
    const i = list.indexOf(v);
    return i >= 0 ? i : list.push(v) - 1;
  };
  const layer = new Writer().tag(15, 0).varint(2).string(1, layerName);
  features.forEach((f, n) => {
    const tags: number[] = [];
    for (const [k, v] of Object.entries(f.properties)) tags.push(index(keys, k), index(values, v));
    const feature = new Writer().tag(1, 0).varint(n + 1).packed(2, tags).tag(3, 0).varint(f.geometry.type).packed(4, f.geometry.commands);
    layer.message(2, feature);
  });
  for (const k of keys) layer.string(3, k);
  for (const v of values) layer.message(4, new Writer().string(1, v));
  layer.tag(5, 0).varint(extent);
  return features.length ? Uint8Array.from(new Writer().message(3, layer).bytes) : new Uint8Array(0);
}

// ---------------------------------------------------------------- queries

async function nativeTile(db: Db, z: number, x: number, y: number): Promise<Uint8Array> {
  const r = await sql<{ mvt: Uint8Array | null }>`
    with bounds as (select ST_TileEnvelope(${z}::int, ${x}::int, ${y}::int) as env),
    feats as (
      select ST_AsMVTGeom(ST_Transform(p.geom, 3857), b.env, ${TILE_EXTENT}::int, ${BUFFER}::int, true) as geom,
        p.id, coalesce(p.category, '') as category, p.precision
      from project p, bounds b
      where p.geom is not null
        and p.geom && ST_Transform(ST_Expand(b.env, (ST_XMax(b.env) - ST_XMin(b.env)) * ${BUFFER / TILE_EXTENT}::float8), 4326)
    )
    select ST_AsMVT(feats.*, 'projects', ${TILE_EXTENT}::int, 'geom') as mvt from feats where geom is not null`.execute(db);
  const mvt = r.rows[0]?.mvt;
  return mvt ? new Uint8Array(mvt) : new Uint8Array(0);
}

async function encodedTile(db: Db, z: number, x: number, y: number): Promise<Uint8Array> {
  const r = await sql<{ id: string; category: string; precision: string; g: string | null }>`
    with bounds as (select ST_TileEnvelope(${z}::int, ${x}::int, ${y}::int) as env),
    m as (select env, ST_Expand(env, (ST_XMax(env) - ST_XMin(env)) * ${BUFFER / TILE_EXTENT}::float8) as clip from bounds)
    select p.id, coalesce(p.category, '') as category, p.precision,
      ST_AsGeoJSON(ST_SnapToGrid(ST_TransScale(ST_ClipByBox2D(ST_Transform(p.geom, 3857), m.clip),
        -ST_XMin(m.env), -ST_YMax(m.env),
        ${TILE_EXTENT}::float8 / (ST_XMax(m.env) - ST_XMin(m.env)), -${TILE_EXTENT}::float8 / (ST_YMax(m.env) - ST_YMin(m.env))), 1)) as g
    from project p, m
    where p.geom is not null and p.geom && ST_Transform(m.clip, 4326)
    order by p.ordinal, p.id`.execute(db);
  const features: TileFeature[] = [];
  for (const row of r.rows) {
    const geometry = row.g ? encodeGeometry(JSON.parse(row.g)) : null;
    if (geometry) features.push({ geometry, properties: { id: row.id, category: row.category, precision: row.precision } });
  }
  return encodeTile("projects", features);
}

/** Whether this database's PostGIS can build tiles itself; learnt on the first tile. */
const nativeSupport = new WeakMap<Db, boolean>();

export async function projectTile(db: Db, z: number, x: number, y: number): Promise<Uint8Array> {
  if (nativeSupport.get(db) !== false) {
    try {
      const tile = await nativeTile(db, z, x, y);
      nativeSupport.set(db, true);
      return tile;
    } catch (error) {
      if (!/protobuf/i.test((error as Error).message)) throw error;
      nativeSupport.set(db, false);
    }
  }
  return encodedTile(db, z, x, y);
}

function send(res: Response, error: unknown, log: pino.Logger): void {
  if (error instanceof AppError) {
    res.status(httpStatusFor(error.code)).json({ error: { code: error.code, message: error.message } });
    return;
  }
  log.error({ err: error }, "tile failed");
  res.status(500).json({ error: { code: "INTERNAL_SERVER_ERROR", message: "internal server error" } });
}

export function tilesRouter(getDb: () => Db): Router {
  const router = Router();
  const log = pino({ level: "error" });
  router.get("/projects/:z/:x/:file", async (req, res) => {
    try {
      const m = /^(\d+)\.mvt$/.exec(req.params.file);
      if (!m) throw new ValidationError("expected /tiles/projects/{z}/{x}/{y}.mvt");
      const { z, x, y } = parseTile(req.params.z, req.params.x, m[1]);
      const tile = await projectTile(getDb(), z, x, y);
      res.setHeader("content-type", MVT_CONTENT_TYPE);
      res.setHeader("cache-control", "public, max-age=60");
      res.status(200).end(Buffer.from(tile.buffer, tile.byteOffset, tile.byteLength));
    } catch (error) {
      send(res, error, log);
    }
  });
  return router;
}
