/**
 * Validation of the API's location filters and the SQL they become. Every
 * condition runs in PostGIS on GiST-indexed geometry; nothing spatial is done
 * by loading rows into JavaScript.
 */
import { sql, type RawBuilder } from "kysely";
import { findSelfIntersection } from "../../../../geo/src/validate-geometry.ts";
import type { Polygon, MultiPolygon } from "geojson";
import { ValidationError } from "../../core/errors.ts";
import type { GeoJsonGeometry } from "../../core/geojson.ts";

const MAX_RADIUS_METERS = 200_000;

export interface SpatialInput {
  placeIds?: string[] | null;
  includeContained?: boolean | null;
  within?: GeoJsonGeometry | null;
  bbox?: number[] | null;
  near?: { lng: number; lat: number; radiusMeters: number } | null;
  excludeCitywide?: boolean | null;
}

/** A validated spatial filter; `within` is GeoJSON text ready for ST_GeomFromGeoJSON. */
export interface Spatial {
  placeIds: string[] | null;
  includeContained: boolean;
  within: string | null;
  /** a bbox filter as [west, south, east, north]: ST_MakeEnvelope, the same area as `within` with that rectangle, without parsing GeoJSON */
  envelope: [number, number, number, number] | null;
  near: { lng: number; lat: number; radiusMeters: number } | null;
  excludeCitywide: boolean;
}

function checkLngLat(lng: unknown, lat: unknown, where: string): void {
  if (typeof lng !== "number" || !Number.isFinite(lng) || lng < -180 || lng > 180) {
    throw new ValidationError(`${where}: longitude must be a number between -180 and 180, got ${JSON.stringify(lng)}`);
  }
  if (typeof lat !== "number" || !Number.isFinite(lat) || lat < -90 || lat > 90) {
    throw new ValidationError(`${where}: latitude must be a number between -90 and 90, got ${JSON.stringify(lat)}`);
  }
}

/**
 * What a `within` polygon may hold, checked before anything else reads it: each
 * check below is linear in what it walks, and these caps bound that walk. The
 * gazetteer's largest boundary has 563 positions; a polygon drawn on the map a few
 * dozen. At the caps the whole validation takes ~15 ms (BENCHMARKS.md).
 */
export const POLYGON_LIMITS = {
  /** positions in all rings together, closing ones included */
  maxPositions: 10_000,
  /** rings in all polygons together (a MultiPolygon's parts and holes) */
  maxRings: 100,
} as const;

function checkRing(ring: unknown[], where: string): [number, number][] {
  if (ring.length < 4)
    throw new ValidationError(
      `${where}: a polygon ring needs at least 4 positions (3 corners and the closing one), got ${ring.length}`,
    );
  const clean: [number, number][] = new Array(ring.length);
  for (const [i, position] of ring.entries()) {
    // [lng, lat] or [lng, lat, altitude] (RFC 7946 §3.1.1); the altitude is dropped
    if (!Array.isArray(position) || position.length < 2 || position.length > 3)
      throw new ValidationError(`${where}: position ${i} must be [lng, lat]`);
    checkLngLat(position[0], position[1], `${where}, position ${i}`);
    clean[i] = [position[0] as number, position[1] as number];
  }
  const first = clean[0];
  const last = clean[clean.length - 1];
  if (first[0] !== last[0] || first[1] !== last[1])
    throw new ValidationError(`${where}: the ring is not closed (first and last positions differ)`);
  return clean;
}

/**
 * The rings of a Polygon or MultiPolygon's coordinates, counted against
 * POLYGON_LIMITS before any position is read (the count walks arrays of rings,
 * never positions), so an oversized polygon is refused in microseconds.
 */
function ringsWithinLimits(type: "Polygon" | "MultiPolygon", coordinates: unknown, where: string): unknown[][][] {
  if (!Array.isArray(coordinates) || coordinates.length === 0)
    throw new ValidationError(`${where}: the geometry has no coordinates`);
  const polygons = (type === "Polygon" ? [coordinates] : coordinates) as unknown[];
  if (polygons.length > POLYGON_LIMITS.maxRings) {
    throw new ValidationError(
      `${where}: at most ${POLYGON_LIMITS.maxRings} rings in all, got ${polygons.length} polygons`,
      { limit: POLYGON_LIMITS.maxRings, got: polygons.length },
    );
  }
  let rings = 0;
  for (const [p, polygon] of polygons.entries()) {
    if (!Array.isArray(polygon) || polygon.length === 0)
      throw new ValidationError(`${where}: polygon ${p} has no rings`);
    rings += polygon.length;
  }
  if (rings > POLYGON_LIMITS.maxRings) {
    throw new ValidationError(`${where}: at most ${POLYGON_LIMITS.maxRings} rings in all, got ${rings}`, {
      limit: POLYGON_LIMITS.maxRings,
      got: rings,
    });
  }
  let positions = 0;
  for (const [p, polygon] of (polygons as unknown[][]).entries()) {
    for (const [r, ring] of polygon.entries()) {
      if (!Array.isArray(ring))
        throw new ValidationError(`${where}: polygon ${p}, ring ${r}: expected an array of positions`);
      positions += ring.length;
    }
  }
  if (positions > POLYGON_LIMITS.maxPositions) {
    throw new ValidationError(
      `${where}: at most ${POLYGON_LIMITS.maxPositions} positions in all rings, got ${positions}; simplify the polygon`,
      {
        limit: POLYGON_LIMITS.maxPositions,
        got: positions,
      },
    );
  }
  return polygons as unknown[][][];
}

/**
 * Checks a within-polygon: size (POLYGON_LIMITS), type, ring shape, coordinate
 * ranges, no self-intersection (a sweep line, findSelfIntersection). Returns the
 * polygon rebuilt from its [lng, lat] pairs only: nothing else the client sent
 * (members, altitudes) reaches SQL or a cache.
 */
export function validatePolygon(geometry: GeoJsonGeometry, where = "within"): Polygon | MultiPolygon {
  if (geometry.type !== "Polygon" && geometry.type !== "MultiPolygon") {
    throw new ValidationError(
      `${where}: expected a GeoJSON Polygon or MultiPolygon, got ${String(geometry.type).slice(0, 40)}`,
    );
  }
  const polygons = ringsWithinLimits(geometry.type, geometry.coordinates, where).map((rings, p) =>
    rings.map((ring, r) => checkRing(ring, `${where}: polygon ${p}, ring ${r}`)),
  );
  const crossing = findSelfIntersection(polygons.flat());
  if (crossing)
    throw new ValidationError(`${where}: the polygon intersects itself at [${crossing[0]}, ${crossing[1]}]`);
  return geometry.type === "Polygon"
    ? { type: "Polygon", coordinates: polygons[0] }
    : { type: "MultiPolygon", coordinates: polygons };
}

/** Turns [west, south, east, north] into the equivalent polygon. */
export function bboxToPolygon(bbox: number[], where = "bbox"): Polygon {
  if (!Array.isArray(bbox) || bbox.length !== 4 || bbox.some((n) => typeof n !== "number" || !Number.isFinite(n))) {
    throw new ValidationError(`${where}: expected four numbers [west, south, east, north]`);
  }
  const [w, s, e, n] = bbox;
  checkLngLat(w, s, `${where} (west, south)`);
  checkLngLat(e, n, `${where} (east, north)`);
  if (w >= e || s >= n) throw new ValidationError(`${where}: west must be less than east and south less than north`);
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

/** Validates a SpatialFilter input; throws ValidationError naming what is wrong. */
export function validateSpatial(input: SpatialInput | null | undefined): Spatial | null {
  if (!input) return null;
  let within: string | null = null;
  if (input.within && input.bbox) throw new ValidationError("spatial: give either within or bbox, not both");
  if (input.within) within = JSON.stringify(validatePolygon(input.within, "spatial.within"));
  let envelope: Spatial["envelope"] = null;
  if (input.bbox) {
    bboxToPolygon(input.bbox, "spatial.bbox"); // validates
    envelope = [input.bbox[0], input.bbox[1], input.bbox[2], input.bbox[3]];
  }
  let near: Spatial["near"] = null;
  if (input.near) {
    checkLngLat(input.near.lng, input.near.lat, "spatial.near");
    const r = input.near.radiusMeters;
    if (!(r > 0) || r > MAX_RADIUS_METERS) {
      throw new ValidationError(
        `spatial.near.radiusMeters must be greater than 0 and at most ${MAX_RADIUS_METERS} (200 km), got ${r}`,
      );
    }
    near = { ...input.near };
  }
  if (input.placeIds && input.placeIds.length > 100) throw new ValidationError("spatial.placeIds: at most 100 places");
  return {
    placeIds: input.placeIds && input.placeIds.length > 0 ? [...new Set(input.placeIds)] : null,
    includeContained: input.includeContained ?? true,
    within,
    envelope,
    near,
    excludeCitywide: input.excludeCitywide ?? false,
  };
}

/** True when the filter has a geometric condition (within, bbox or near). */
export function isGeometric(s: Spatial): boolean {
  return s.within !== null || s.envelope !== null || s.near !== null;
}

/**
 * The condition a linked place `p` (joined through link `tp` with a role) must meet.
 * Geometric conditions only count named places, not the city or every-county links.
 */
export function linkCondition(s: Spatial, p: string, role: RawBuilder<unknown> | null): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [];
  const placeId = sql.ref(`${p}.id`);
  if (s.placeIds) {
    parts.push(
      s.includeContained
        ? sql`(${placeId} = any(${s.placeIds}::text[]) or ${placeId} in (select inner_id from place_containment where outer_id = any(${s.placeIds}::text[])))`
        : sql`${placeId} = any(${s.placeIds}::text[])`,
    );
  }
  if (isGeometric(s)) {
    parts.push(sql`${sql.ref(`${p}.kind`)} <> 'CITY'`);
    if (role) parts.push(sql`${role} <> 'APPLIES'`);
  }
  const area = intersectsArea(s, `${p}.geom`);
  if (area) parts.push(area);
  if (s.near) {
    parts.push(
      sql`ST_DWithin(${sql.ref(`${p}.geom`)}::geography, ST_SetSRID(ST_MakePoint(${s.near.lng}::float8, ${s.near.lat}::float8), 4326)::geography, ${s.near.radiusMeters}::float8)`,
    );
  }
  if (s.excludeCitywide) parts.push(sql`${sql.ref(`${p}.kind`)} <> 'CITY'`);
  return parts.length === 0 ? sql`true` : sql.join(parts, sql` and `);
}

/** The within or bbox condition on a geometry column; null when the filter has neither. */
export function intersectsArea(s: Spatial, geom: string): RawBuilder<unknown> | null {
  // the polygon in a subquery of its own: PostgreSQL parses it once per statement (an InitPlan),
  // not once per row it tests (a 10 000-position polygon: 770 ms a request that way)
  if (s.within) return sql`ST_Intersects(${sql.ref(geom)}, (select ST_SetSRID(ST_GeomFromGeoJSON(${s.within}), 4326)))`;
  if (s.envelope) {
    const [w, so, e, n] = s.envelope;
    return sql`ST_Intersects(${sql.ref(geom)}, ST_MakeEnvelope(${w}::float8, ${so}::float8, ${e}::float8, ${n}::float8, 4326))`;
  }
  return null;
}

/** Geography distance in metres from the near point to a place geometry. */
export function distanceTo(near: { lng: number; lat: number }, geom: string): RawBuilder<number> {
  return sql<number>`ST_Distance(${sql.ref(geom)}::geography, ST_SetSRID(ST_MakePoint(${near.lng}::float8, ${near.lat}::float8), 4326)::geography)`;
}
