/**
 * Vector tiles of the projects, for maps that hold more projects than a
 * GeoJSON download can carry: GET /tiles/projects/{z}/{x}/{y}.mvt, one layer
 * "projects" with the properties id, category and precision (no status: tiles
 * are cacheable; the client asks GraphQL for the rest). Areas that only stand
 * in for a county or the city (ADM3, ADM2) come as a point (the mean of their
 * vertices), where the client's GeoJSON mode draws them. Up to zoom 13 points
 * are clustered per grid cell (point_count, approx); `?categories=A,B` keeps
 * only those categories, before clustering.
 *
 * PostgreSQL/PostGIS builds the tile with ST_AsMVT. The embedded PGlite's
 * PostGIS is compiled without protobuf-c, so there the same clipped, snapped
 * tile-space geometries are computed in SQL and encoded by encodeTile below
 * (@maplibre/vt-pbf writes the protobuf; encodeGeometry orients the rings);
 * which path a database takes is learnt on its first tile.
 */
import { fromGeojsonVt } from "@maplibre/vt-pbf";
import { Router, type Response } from "express";
import { sql, type RawBuilder } from "kysely";
import { pino } from "pino";
import type { Db } from "../db/database.ts";
import { AppError, ValidationError, httpStatusFor } from "../core/errors.ts";
import { ProjectCategory } from "../core/enums.ts";

export const TILE_EXTENT = 4096;
/** Clip margin in tile units, so lines and areas do not end visibly at tile edges. */
const BUFFER = 64;
export const MAX_ZOOM = 20;
export const MVT_CONTENT_TYPE = "application/vnd.mapbox-vector-tile";

/** z/x/y from path segments; ValidationError naming the first bad one. */
export function parseTile(zs: string, xs: string, ys: string): { z: number; x: number; y: number } {
  const int = (s: string, name: string) => {
    if (!/^\d{1,8}$/.test(s))
      throw new ValidationError(`${name}: expected a non-negative integer, got ${JSON.stringify(s.slice(0, 20))}`);
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

// ---------------------------------------------------------------- MVT encoding (@maplibre/vt-pbf)

type Ring = number[][];
/** Twice the signed area in tile space (y down): positive = exterior, as MVT 2.1 requires. */
function area2(ring: Ring): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
  return a;
}

/** A feature's geometry in tile coordinates, as geojson-vt gives it to vt-pbf: points, or lines and rings. */
interface TileGeometry {
  type: 1 | 2 | 3;
  /** type 1: the points; 2: the lines; 3: the rings, exteriors positive and holes negative */
  geometry: number[][] | number[][][];
}

/** GeoJSON in tile coordinates → a tile geometry with rings wound as MVT 2.1 wants; null when nothing drawable is left. */
export function encodeGeometry(g: {
  type: string;
  coordinates?: unknown;
  geometries?: unknown[];
}): TileGeometry | null {
  const dedupe = (pts: number[][]) => pts.filter((p, i) => i === 0 || p[0] !== pts[i - 1][0] || p[1] !== pts[i - 1][1]);
  const points = (pts: number[][]): TileGeometry | null => (pts.length ? { type: 1, geometry: pts } : null);
  const lines = (ls: number[][][]): TileGeometry | null => {
    const kept = ls.map(dedupe).filter((l) => l.length >= 2);
    return kept.length ? { type: 2, geometry: kept } : null;
  };
  const polygons = (ps: Ring[][]): TileGeometry | null => {
    const rings: Ring[] = [];
    for (const poly of ps) {
      poly.forEach((raw, i) => {
        const ring = dedupe(raw);
        if (ring.length > 1 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1])
          ring.pop();
        if (ring.length < 3) return;
        const a = area2(ring);
        if (a === 0) return;
        rings.push((i === 0) === a > 0 ? ring : [...ring].reverse());
      });
    }
    return rings.length ? { type: 3, geometry: rings } : null;
  };
  const c = g.coordinates as never;
  switch (g.type) {
    case "Point":
      return points([c]);
    case "MultiPoint":
      return points(c);
    case "LineString":
      return lines([c]);
    case "MultiLineString":
      return lines(c);
    case "Polygon":
      return polygons([c]);
    case "MultiPolygon":
      return polygons(c);
    case "GeometryCollection": {
      // clipping can leave a mix; keep the highest dimension, as ST_AsMVTGeom does
      const parts = (g.geometries ?? []) as { type: string }[];
      const rank = (t: string) => (t.includes("Polygon") ? 3 : t.includes("LineString") ? 2 : 1);
      const top = Math.max(0, ...parts.map((p) => rank(p.type)));
      const kept = parts.filter((p) => rank(p.type) === top) as { type: string; coordinates: unknown[] }[];
      if (!kept.length) return null;
      const flat = kept.flatMap((p): unknown[] => (p.type.startsWith("Multi") ? p.coordinates : [p.coordinates]));
      return encodeGeometry({
        type: top === 3 ? "MultiPolygon" : top === 2 ? "MultiLineString" : "MultiPoint",
        coordinates: flat,
      });
    }
    default:
      return null;
  }
}

export interface TileFeature {
  geometry: TileGeometry;
  /** strings, or numbers (vt-pbf: non-negative integers as uint, negative as sint, others as double) */
  properties: Record<string, string | number>;
}

/** One MVT layer of features, as a protobuf Tile (version 2); empty bytes for no features. */
export function encodeTile(layerName: string, features: TileFeature[], extent = TILE_EXTENT): Uint8Array {
  if (!features.length) return new Uint8Array(0);
  const layer = {
    features: features.map((f, n) => ({
      id: n + 1,
      type: f.geometry.type,
      geometry: f.geometry.geometry,
      tags: f.properties,
    })),
  };
  return fromGeojsonVt({ [layerName]: layer } as Parameters<typeof fromGeojsonVt>[0], { version: 2, extent });
}

// ---------------------------------------------------------------- queries

/**
 * Below this zoom, points are clustered in the tile: one feature per grid cell
 * of CLUSTER_CELL tile units (64 px of a 512 px tile) holding two or more
 * points, at the mean of its points, with `point_count` and `approx` (how many
 * are known only to a county, the city or an estimate: ADM3, ADM2, APPROXIMATE)
 * instead of id, category and precision. From this zoom on every point is its
 * own feature. It matches the browser clustering of the GeoJSON mode
 * (clusterMaxZoom 13): at most 8 × 8 clusters per tile, however many projects.
 */
export const CLUSTER_MAX_ZOOM = 13;
export const CLUSTER_CELL = TILE_EXTENT / 8;
/** Precisions drawn as approximate (hollow) in the client. */
export const LOW_PRECISION = ["ADM2", "ADM3", "APPROXIMATE"] as const;

export interface TileQuery {
  z: number;
  x: number;
  y: number;
  /** only projects of these categories; empty = all */
  categories: readonly ProjectCategory[];
}

/** `?categories=A,B` → the categories, checked against the enum; ValidationError naming the first unknown one. */
export function parseCategories(raw: unknown): ProjectCategory[] {
  if (raw === undefined || raw === "") return [];
  if (typeof raw !== "string")
    throw new ValidationError(
      "categories: expected one comma-separated list, e.g. ?categories=LIVELIHOOD,ECOLOGICAL_RESTORATION",
    );
  const known = Object.values(ProjectCategory) as string[];
  const out: ProjectCategory[] = [];
  for (const c of raw.split(",")) {
    if (!known.includes(c))
      throw new ValidationError(
        `categories: unknown category ${JSON.stringify(c.slice(0, 40))}; expected ${known.join(", ")}`,
      );
    if (!out.includes(c as ProjectCategory)) out.push(c as ProjectCategory);
  }
  return out;
}

/**
 * The CTEs of a tile's statement: `m` (the tile `env` in EPSG:3857, `clip` =
 * env grown by the margin, `unit` = one tile unit in metres), `src` (the
 * projects there), and when clustering `cells` (clusters, n > 1, and single
 * points, n = 1). Clustering grows the tile by one cell, so that a cell
 * straddling the tile's edge is counted whole in both tiles and drawn at the
 * same place by each.
 */
function tileSources(q: TileQuery) {
  const cluster = q.z <= CLUSTER_MAX_ZOOM;
  const margin = cluster ? CLUSTER_CELL : BUFFER;
  const categoryCondition = q.categories.length ? sql`and p.category = any(${[...q.categories]}::text[])` : sql``;
  const pointTypes = sql`GeometryType(p.geom) in ('POINT', 'MULTIPOINT')`;
  return {
    cluster,
    margin,
    bounds: sql`bounds as (select ST_TileEnvelope(${q.z}::int, ${q.x}::int, ${q.y}::int) as env),
      m as (select env, ST_Expand(env, (ST_XMax(env) - ST_XMin(env)) * ${margin / TILE_EXTENT}::float8) as clip,
        (ST_XMax(env) - ST_XMin(env)) / ${TILE_EXTENT}::float8 as unit from bounds),
      src as (
        -- an area that only stands in for the county or the city it lies in (ADM3, ADM2) is drawn as a
        -- point at the mean of its vertices, where the GeoJSON mode draws it (projects.ts centroidOf),
        -- so that it clusters with the other points
        select p.id, p.ordinal, coalesce(p.category, '') as category, p.precision,
          case when p.precision in ('ADM2', 'ADM3') and GeometryType(p.geom) in ('POLYGON', 'MULTIPOLYGON')
            then ST_Centroid(ST_Points(p.geom)) else p.geom end as geom
        from project p, m
        where p.geom is not null and p.geom && ST_Transform(m.clip, 4326) ${categoryCondition}
      )`,
    /** clusters and single points: cell, n, approx, x/y (EPSG:3857) and, for n = 1, the project's properties */
    cells: sql`pts as (
        select p.id, p.ordinal, p.category, p.precision, ST_Transform((ST_Dump(p.geom)).geom, 3857) as g
        from src p
        where ${pointTypes}
      ),
      cells as (
        select floor((ST_X(pts.g) - ST_XMin(m.env)) / (m.unit * ${CLUSTER_CELL}::float8)) as cx,
          floor((ST_YMax(m.env) - ST_Y(pts.g)) / (m.unit * ${CLUSTER_CELL}::float8)) as cy,
          count(*)::int as n,
          count(*) filter (where pts.precision = any(${[...LOW_PRECISION]}::text[]))::int as approx,
          avg(ST_X(pts.g)) as x, avg(ST_Y(pts.g)) as y,
          min(pts.id) as id, min(pts.category) as category, min(pts.precision) as precision, min(pts.ordinal) as ordinal
        from pts, m
        where pts.g && m.clip
        group by 1, 2
      )`,
    pointTypes,
  };
}

async function nativeTile(db: Db, q: TileQuery): Promise<Uint8Array> {
  const t = tileSources(q);
  const feats = t.cluster
    ? sql`select ST_AsMVTGeom(ST_SetSRID(ST_MakePoint(c.x, c.y), 3857), m.env, ${TILE_EXTENT}::int, ${t.margin}::int, true) as geom,
          case when c.n = 1 then c.id end as id, case when c.n = 1 then c.category end as category,
          case when c.n = 1 then c.precision end as precision,
          case when c.n > 1 then c.n end as point_count, case when c.n > 1 then c.approx end as approx
        from cells c, m
        union all
        select ST_AsMVTGeom(ST_Transform(p.geom, 3857), m.env, ${TILE_EXTENT}::int, ${BUFFER}::int, true),
          p.id, p.category, p.precision, null, null
        from src p, m
        where not (${t.pointTypes})`
    : sql`select ST_AsMVTGeom(ST_Transform(p.geom, 3857), m.env, ${TILE_EXTENT}::int, ${BUFFER}::int, true) as geom,
          p.id, p.category, p.precision
        from src p, m`;
  const r = await sql<{ mvt: Uint8Array | null }>`
    with ${t.bounds}${t.cluster ? sql`, ${t.cells}` : sql``},
    feats as (${feats})
    select ST_AsMVT(feats.*, 'projects', ${TILE_EXTENT}::int, 'geom') as mvt from feats where geom is not null`.execute(
    db,
  );
  const mvt = r.rows[0]?.mvt;
  return mvt ? new Uint8Array(mvt) : new Uint8Array(0);
}

async function encodedTile(db: Db, q: TileQuery): Promise<Uint8Array> {
  const t = tileSources(q);
  // tile coordinates: x right, y down, TILE_EXTENT across the tile
  const toTile = (g: RawBuilder<unknown>) =>
    sql`ST_TransScale(${g}, -ST_XMin(m.env), -ST_YMax(m.env), 1 / m.unit, -1 / m.unit)`;
  const points = t.cluster
    ? sql`select c.id, c.category, c.precision, c.n, c.approx, c.ordinal,
          ST_AsGeoJSON(ST_SnapToGrid(${toTile(sql`ST_SetSRID(ST_MakePoint(c.x, c.y), 3857)`)}, 1)) as g
        from cells c, m`
    : null;
  const shapes = sql`select p.id, p.category, p.precision, 1 as n, 0 as approx, p.ordinal,
      ST_AsGeoJSON(ST_SnapToGrid(${toTile(sql`ST_ClipByBox2D(ST_Transform(p.geom, 3857), ST_Expand(m.env, m.unit * ${BUFFER}::float8))`)}, 1)) as g
    from src p, m
    where ${t.cluster ? sql`not (${t.pointTypes}) and ` : sql``}p.geom && ST_Transform(ST_Expand(m.env, m.unit * ${BUFFER}::float8), 4326)`;
  const r = await sql<{ id: string; category: string; precision: string; n: number; approx: number; g: string | null }>`
    with ${t.bounds}${t.cluster ? sql`, ${t.cells}` : sql``}
    select * from (${points ? sql`${points} union all ` : sql``}${shapes}) f
    order by f.ordinal, f.id`.execute(db);
  const features: TileFeature[] = [];
  for (const row of r.rows) {
    const geometry = row.g ? encodeGeometry(JSON.parse(row.g)) : null;
    if (!geometry) continue;
    const properties: TileFeature["properties"] =
      row.n > 1
        ? { point_count: row.n, approx: row.approx }
        : { id: row.id, category: row.category, precision: row.precision };
    features.push({ geometry, properties });
  }
  return encodeTile("projects", features);
}

/** Whether this database's PostGIS can build tiles itself; learnt on the first tile. */
const nativeSupport = new WeakMap<Db, boolean>();

export async function projectTile(db: Db, q: TileQuery): Promise<Uint8Array> {
  if (nativeSupport.get(db) !== false) {
    try {
      const tile = await nativeTile(db, q);
      nativeSupport.set(db, true);
      return tile;
    } catch (error) {
      if (!/protobuf/i.test((error as Error).message)) throw error;
      nativeSupport.set(db, false);
    }
  }
  return encodedTile(db, q);
}

function send(res: Response, error: unknown, log: pino.Logger): void {
  if (error instanceof AppError) {
    // the database down: a client or load balancer may try again in a second
    if (error.code === "UNAVAILABLE") res.setHeader("retry-after", "1");
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
      const categories = parseCategories(req.query.categories);
      const tile = await projectTile(getDb(), { z, x, y, categories });
      res.setHeader("content-type", MVT_CONTENT_TYPE);
      res.setHeader("cache-control", "public, max-age=60");
      res.status(200).end(Buffer.from(tile.buffer, tile.byteOffset, tile.byteLength));
    } catch (error) {
      send(res, error, log);
    }
  });
  return router;
}
