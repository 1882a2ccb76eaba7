/**
 * All SQL of the projects' vector tiles (project-tiles.service.ts): PostGIS clips, snaps and
 * clusters the projects of one tile, and where it can, encodes the tile itself (ST_AsMVT).
 */
import { sql, type RawBuilder } from "kysely";
import type { Db } from "../../db/database.ts";
import type { ProjectCategory } from "../../core/enums.ts";

export const TILE_EXTENT = 4096;
/** Clip margin in tile units, so lines and areas do not end visibly at tile edges. */
const BUFFER = 64;

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
const CLUSTER_CELL = TILE_EXTENT / 8;
/** Precisions drawn as approximate (hollow) in the client. */
export const LOW_PRECISION = ["ADM2", "ADM3", "APPROXIMATE"] as const;

export interface TileQuery {
  z: number;
  x: number;
  y: number;
  /** only projects of these categories; empty = all */
  categories: readonly ProjectCategory[];
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

/** The tile built by PostGIS (ST_AsMVT); fails on a PostGIS compiled without protobuf-c. Empty bytes for no features. */
export async function findNativeTile(db: Db, q: TileQuery): Promise<Uint8Array> {
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

/** A tile's features as the encoded path needs them (no ST_AsMVT). */
export interface TileFeatureRow {
  id: string;
  category: string;
  precision: string;
  /** points in the cluster; 1 for a single project */
  n: number;
  /** how many of them are known only roughly (LOW_PRECISION) */
  approx: number;
  /** GeoJSON in tile coordinates, clipped and snapped to the grid; null when clipping left nothing */
  g: string | null;
}

/**
 * The same clipped, snapped tile-space geometries ST_AsMVT would encode, as GeoJSON text in
 * project order, for databases whose PostGIS cannot build the tile (project-tiles.service.ts).
 */
export async function findTileFeatureRows(db: Db, q: TileQuery): Promise<TileFeatureRow[]> {
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
  const r = await sql<TileFeatureRow>`
    with ${t.bounds}${t.cluster ? sql`, ${t.cells}` : sql``}
    select * from (${points ? sql`${points} union all ` : sql``}${shapes}) f
    order by f.ordinal, f.id`.execute(db);
  return r.rows;
}
