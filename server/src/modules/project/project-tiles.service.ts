/**
 * Vector tiles of the projects, for maps that hold more projects than a GeoJSON download can
 * carry (GET /tiles/projects/{z}/{x}/{y}.mvt, http/tiles.ts): one layer "projects" with the
 * properties id, category and precision (no status: tiles are cacheable; the client asks
 * GraphQL for the rest). Areas that only stand in for a county or the city (ADM3, ADM2) come as
 * a point (the mean of their vertices), where the client's GeoJSON mode draws them. Up to zoom
 * 13 points are clustered per grid cell (point_count, approx); a category filter applies
 * before clustering.
 *
 * PostgreSQL/PostGIS builds the tile with ST_AsMVT. The embedded PGlite's PostGIS is compiled
 * without protobuf-c, so there the same clipped, snapped tile-space geometries are computed in
 * SQL (project-tiles.repository.ts) and encoded by encodeTile below (@maplibre/vt-pbf writes
 * the protobuf; encodeGeometry orients the rings); which path a database takes is learnt on
 * its first tile.
 */
import { fromGeojsonVt } from "@maplibre/vt-pbf";
import { unscopedDb, type Db } from "../../db/database.ts";
import { TILE_EXTENT, findNativeTile, findTileFeatureRows, type TileQuery } from "./project-tiles.repository.ts";

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

async function encodedTile(db: Db, q: TileQuery): Promise<Uint8Array> {
  const rows = await findTileFeatureRows(db, q);
  const features: TileFeature[] = [];
  for (const row of rows) {
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
  // learnt for the database, not for one request's handle of it
  const database = unscopedDb(db);
  if (nativeSupport.get(database) !== false) {
    try {
      const tile = await findNativeTile(db, q);
      nativeSupport.set(database, true);
      return tile;
    } catch (error) {
      if (!/protobuf/i.test((error as Error).message)) throw error;
      nativeSupport.set(database, false);
    }
  }
  return encodedTile(db, q);
}
