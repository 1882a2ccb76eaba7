import type { Feature, Geometry, Position } from "geojson";
import { kinks } from "@turf/turf";

export type GeometryProblemCode =
  | "MISSING_GEOMETRY"
  | "UNSUPPORTED_TYPE"
  | "BAD_COORDINATE"
  | "OUTSIDE_CHINA"
  | "SHORT_RING"
  | "OPEN_RING"
  | "RING_ORIENTATION"
  | "SELF_INTERSECTION";

export interface GeometryProblem {
  featureId: string;
  code: GeometryProblemCode;
  message: string;
}

/** China's bounding box as the product accepts it: 73–135 °E, 18–54 °N. */
export const CHINA_BBOX = { minLng: 73, minLat: 18, maxLng: 135, maxLat: 54 } as const;

/** Twice the signed area of a ring (shoelace); positive when counter-clockwise. */
function signedArea2(ring: Position[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return sum;
}

function checkPosition(id: string, p: Position, where: string, problems: GeometryProblem[]): boolean {
  if (!Array.isArray(p) || p.length < 2 || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
    problems.push({ featureId: id, code: "BAD_COORDINATE", message: `feature ${id}: ${where} is not a [lng, lat] pair of finite numbers` });
    return false;
  }
  const [lng, lat] = p;
  if (lng < CHINA_BBOX.minLng || lng > CHINA_BBOX.maxLng || lat < CHINA_BBOX.minLat || lat > CHINA_BBOX.maxLat) {
    problems.push({
      featureId: id,
      code: "OUTSIDE_CHINA",
      message: `feature ${id}: ${where} [${lng}, ${lat}] lies outside China's bounding box (73–135 E, 18–54 N)`,
    });
    return false;
  }
  return true;
}

function checkPolygon(id: string, rings: Position[][], label: string, problems: GeometryProblem[]): void {
  let ringsOk = true;
  rings.forEach((ring, r) => {
    const where = `${label} ring ${r}`;
    if (!Array.isArray(ring) || ring.length < 4) {
      problems.push({ featureId: id, code: "SHORT_RING", message: `feature ${id}: ${where} has fewer than 4 positions` });
      ringsOk = false;
      return;
    }
    if (!ring.every((p, i) => checkPosition(id, p, `${where} position ${i}`, problems))) {
      ringsOk = false;
      return;
    }
    const first = ring[0];
    const last = ring[ring.length - 1];
    if (first[0] !== last[0] || first[1] !== last[1]) {
      problems.push({ featureId: id, code: "OPEN_RING", message: `feature ${id}: ${where} is not closed (first and last positions differ)` });
      ringsOk = false;
      return;
    }
  });
  if (!ringsOk) return;
  const found = kinks({ type: "Polygon", coordinates: rings });
  if (found.features.length === 0) {
    // RFC 7946 §3.1.6: exterior rings counter-clockwise, holes clockwise. Only
    // meaningful for simple rings (a bow-tie has no winding). Refused rather
    // than fixed here; build-boundaries.ts rewinds the source once, on purpose.
    rings.forEach((ring, r) => {
      const ccw = signedArea2(ring) > 0;
      if (ccw !== (r === 0)) {
        problems.push({
          featureId: id,
          code: "RING_ORIENTATION",
          message: `feature ${id}: ${label} ring ${r} winds ${ccw ? "counter-clockwise" : "clockwise"}; RFC 7946 wants exterior rings counter-clockwise and holes clockwise`,
        });
      }
    });
  } else {
    const [lng, lat] = found.features[0].geometry.coordinates;
    problems.push({
      featureId: id,
      code: "SELF_INTERSECTION",
      message: `feature ${id}: ${label} intersects itself at [${lng}, ${lat}] (${found.features.length} crossing${found.features.length > 1 ? "s" : ""})`,
    });
  }
}

/**
 * Checks a feature's geometry for what the gazetteer refuses: open or short
 * rings, wrong ring orientation, self-intersections, coordinates outside
 * China. Returns every problem found, each naming the feature; [] means valid.
 *
 * @example
 * validateGeometry({ type: "Feature", properties: { id: "x" }, geometry: { type: "Point", coordinates: [0, 0] } })
 * // [{ featureId: "x", code: "OUTSIDE_CHINA", message: "feature x: point [0, 0] lies outside ..." }]
 */
export function validateGeometry(feature: Feature<Geometry | null, { id?: string } | null>): GeometryProblem[] {
  const id = String(feature.properties?.id ?? feature.id ?? "(no id)");
  const problems: GeometryProblem[] = [];
  const g = feature.geometry;
  if (!g || typeof g !== "object" || !("type" in g)) {
    return [{ featureId: id, code: "MISSING_GEOMETRY", message: `feature ${id}: has no geometry` }];
  }
  switch (g.type) {
    case "Point":
      checkPosition(id, g.coordinates, "point", problems);
      break;
    case "MultiPoint":
    case "LineString":
      g.coordinates.forEach((p, i) => checkPosition(id, p, `position ${i}`, problems));
      break;
    case "Polygon":
      checkPolygon(id, g.coordinates, "polygon", problems);
      break;
    case "MultiPolygon":
      g.coordinates.forEach((rings, i) => checkPolygon(id, rings, `polygon ${i}`, problems));
      break;
    default:
      problems.push({ featureId: id, code: "UNSUPPORTED_TYPE", message: `feature ${id}: geometry type ${g.type} is not accepted` });
  }
  return problems;
}
