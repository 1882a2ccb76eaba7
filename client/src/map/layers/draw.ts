/**
 * The drawn spatial filter: a rectangle dragged or a polygon clicked on the
 * map, shown while drawing and once applied. Pure geometry helpers + layers.
 */
import type { LayerSpecification } from "maplibre-gl";
import type { FeatureCollection, Polygon, Position } from "geojson";
import { ACCENT } from "./places.ts";

export const DRAW_SOURCE = "draw";
export const DRAW_LAYERS = { fill: "draw-fill", line: "draw-line", vertex: "draw-vertex" } as const;

export type LngLat = [number, number];

/** The closed polygon spanned by two opposite corners. */
export function rectangleFromCorners(a: LngLat, b: LngLat): Polygon {
  const [w, e] = [Math.min(a[0], b[0]), Math.max(a[0], b[0])];
  const [s, n] = [Math.min(a[1], b[1]), Math.max(a[1], b[1])];
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

/** Close an open ring into a GeoJSON Polygon, counter-clockwise (RFC 7946); null below three distinct vertices. */
export function polygonFromRing(ring: LngLat[]): Polygon | null {
  const pts = ring.filter((p, i) => i === 0 || p[0] !== ring[i - 1][0] || p[1] !== ring[i - 1][1]);
  if (pts.length > 1 && pts[0][0] === pts[pts.length - 1][0] && pts[0][1] === pts[pts.length - 1][1]) pts.pop();
  if (pts.length < 3) return null;
  let area2 = 0;
  for (let i = 0; i < pts.length; i++) {
    const [x1, y1] = pts[i];
    const [x2, y2] = pts[(i + 1) % pts.length];
    area2 += x1 * y2 - x2 * y1;
  }
  if (area2 === 0) return null;
  const ccw = area2 > 0 ? pts : [...pts].reverse();
  return { type: "Polygon", coordinates: [[...ccw, ccw[0]] as Position[]] };
}

/** The open ring of a polygon's exterior (what the URL stores). */
export function ringOf(polygon: Polygon): LngLat[] {
  const ring = polygon.coordinates[0].map((p) => [p[0], p[1]] as LngLat);
  if (ring.length > 1) ring.pop();
  return ring;
}

/** [west, south, east, north] of a ring. */
export function ringBounds(ring: LngLat[]): [number, number, number, number] {
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** Features for the draw source: the shape (closed or in progress) and its vertices. */
export function drawFeatures(ring: LngLat[], closed: boolean, cursor?: LngLat): FeatureCollection {
  const pts = cursor ? [...ring, cursor] : ring;
  const features: FeatureCollection["features"] = [];
  if (pts.length >= 3) {
    features.push({
      type: "Feature",
      properties: { closed },
      geometry: { type: "Polygon", coordinates: [[...pts, pts[0]]] },
    });
  } else if (pts.length === 2) {
    features.push({ type: "Feature", properties: { closed }, geometry: { type: "LineString", coordinates: pts } });
  }
  if (!closed) {
    ring.forEach((p, i) =>
      features.push({ type: "Feature", properties: { first: i === 0 }, geometry: { type: "Point", coordinates: p } }),
    );
  }
  return { type: "FeatureCollection", features };
}

export function drawLayers(): LayerSpecification[] {
  return [
    {
      id: DRAW_LAYERS.fill,
      type: "fill",
      source: DRAW_SOURCE,
      filter: ["==", ["geometry-type"], "Polygon"],
      paint: { "fill-color": ACCENT, "fill-opacity": 0.07 },
    },
    {
      id: DRAW_LAYERS.line,
      type: "line",
      source: DRAW_SOURCE,
      filter: ["!=", ["geometry-type"], "Point"],
      paint: { "line-color": ACCENT, "line-width": 2, "line-dasharray": [3, 2] },
    },
    {
      id: DRAW_LAYERS.vertex,
      type: "circle",
      source: DRAW_SOURCE,
      filter: ["==", ["geometry-type"], "Point"],
      paint: {
        "circle-radius": ["case", ["get", "first"], 6, 4],
        "circle-color": "#ffffff",
        "circle-stroke-color": ACCENT,
        "circle-stroke-width": 2,
      },
    },
  ];
}
