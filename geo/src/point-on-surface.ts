import type { Feature, Geometry, Point } from "geojson";
import { booleanPointInPolygon, centroid, pointOnFeature } from "@turf/turf";

/**
 * A label point guaranteed to lie on the geometry: the point itself, the
 * centroid when it falls inside the (multi)polygon, else Turf's
 * pointOnFeature (which picks a vertex-derived point inside a concave shape).
 *
 * @example
 * pointOnSurface({ type: "Point", coordinates: [112.44, 37.71] }) // { type: "Point", coordinates: [112.44, 37.71] }
 */
export function pointOnSurface(geometry: Geometry): Point {
  if (geometry.type === "Point") return { type: "Point", coordinates: [...geometry.coordinates] };
  const feature: Feature<Geometry> = { type: "Feature", properties: {}, geometry };
  if (geometry.type === "Polygon" || geometry.type === "MultiPolygon") {
    const c = centroid(feature).geometry;
    if (booleanPointInPolygon(c, geometry)) return c;
  }
  return pointOnFeature(feature).geometry;
}
