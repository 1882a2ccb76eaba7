/**
 * The map's interactions as pure functions, apart from React and MapLibre (test/client/interactions.test.ts):
 * which rendered feature a pointer picks, the highlight filters and dimming for a selection, the camera
 * fit for a box, and the polygon/rectangle drawing state machine. map-view.tsx and app.tsx apply them.
 */
import type { ExpressionSpecification, FilterSpecification } from "maplibre-gl";
import { polygonFromRing, rectangleFromCorners, ringOf, type LngLat } from "./layers/draw.ts";
import { LAYER, idFilter } from "./layers/places.ts";

// ---------------------------------------------------------------- pick

/**
 * The order in which layers win a pick: a place's own point first (the place panel lists the projects
 * geocoded onto it), then the projects (smaller, on top), then the places' other layers.
 */
export function pickOrder(
  placePoints: readonly string[],
  projectLayers: readonly string[],
  placeLayers: readonly string[],
): string[] {
  return [...placePoints, ...projectLayers, ...placeLayers.filter((l) => !placePoints.includes(l))];
}

/** The feature a pointer picks among those rendered under it: the one of the first layer in `order`. */
export function pickFeature<F extends { layer: { id: string } }>(
  hits: readonly F[],
  order: readonly string[],
): F | undefined {
  let best: F | undefined;
  let bestRank = Infinity;
  for (const f of hits) {
    const rank = order.indexOf(f.layer.id);
    const r = rank < 0 ? Infinity : rank;
    if (best === undefined || r < bestRank) {
      best = f;
      bestRank = r;
    }
  }
  return best;
}

// ---------------------------------------------------------------- highlight

const notPoint: ExpressionSpecification = ["!=", ["geometry-type"], "Point"];
const isPoint: ExpressionSpecification = ["==", ["geometry-type"], "Point"];

/** The filter of each highlight layer: the focused places, the selected one, the places a task filter matches. */
export function highlightFilters(
  focusIds: readonly string[],
  selectedId: string | null,
  matchIds: readonly string[] | null,
): Record<string, FilterSpecification> {
  const focus = idFilter(focusIds);
  return {
    [LAYER.focusFill]: ["all", notPoint, focus],
    [LAYER.focusLine]: ["all", notPoint, focus],
    [LAYER.focusCasing]: ["all", notPoint, focus],
    [LAYER.pointFocus]: ["all", isPoint, focus],
    [LAYER.selectedLine]: ["all", notPoint, idFilter(selectedId ? [selectedId] : [])],
    [LAYER.matchLine]: ["all", notPoint, ["!=", ["get", "group"], "city"], idFilter(matchIds ?? [])],
  };
}

/** The hover outline's filter: the hovered place's boundary, or nothing. */
export function hoverLineFilter(placeId: string | null): FilterSpecification {
  return ["all", notPoint, idFilter(placeId ? [placeId] : [])];
}

/** Paint properties that dim the places a task filter does not match; every place at full strength without a filter. */
export function dimPaint(
  matchIds: readonly string[] | null,
): { layer: string; property: string; value: number | ExpressionSpecification }[] {
  const dim = (on: number, off: number): number | ExpressionSpecification =>
    matchIds ? ["case", ["in", ["get", "id"], ["literal", [...matchIds]]], on, off] : on;
  return [
    { layer: LAYER.pointLow, property: "circle-stroke-opacity", value: dim(1, 0.3) },
    { layer: LAYER.pointLow, property: "circle-opacity", value: dim(0.85, 0.3) },
    { layer: LAYER.pointSurveyed, property: "circle-opacity", value: dim(1, 0.3) },
    { layer: LAYER.pointSurveyed, property: "circle-stroke-opacity", value: dim(1, 0.3) },
    { layer: LAYER.pointHalo, property: "circle-opacity", value: dim(0.13, 0.04) },
    { layer: LAYER.areaFill, property: "fill-opacity", value: dim(0.16, 0.05) },
    { layer: LAYER.areaLine, property: "line-opacity", value: dim(1, 0.35) },
  ];
}

/** The places to highlight: the hovered place, else the hovered task's places, else the open task's (not the city: it is everything). */
export function focusPlaceIds(o: {
  hoverPlace: string | null;
  hoverTask: string | null;
  taskPlaces: ReadonlyMap<string, string[]>;
  currentTask: { places: { place: { id: string } }[] } | null;
  kindOf: (id: string) => string | undefined;
}): string[] {
  if (o.hoverPlace) return [o.hoverPlace];
  if (o.hoverTask) return o.taskPlaces.get(o.hoverTask) ?? [];
  if (o.currentTask) return o.currentTask.places.map((p) => p.place.id).filter((id) => o.kindOf(id) !== "CITY");
  return [];
}

// ---------------------------------------------------------------- fit

export type Bbox = [number, number, number, number];

/** The union of boxes ([w, s, e, n]), skipping malformed ones; null when none is left. */
export function unionBbox(boxes: readonly (readonly number[])[]): Bbox | null {
  const ok = boxes.filter((b) => b.length === 4 && b.every(Number.isFinite));
  if (!ok.length) return null;
  return [
    Math.min(...ok.map((b) => b[0])),
    Math.min(...ok.map((b) => b[1])),
    Math.max(...ok.map((b) => b[2])),
    Math.max(...ok.map((b) => b[3])),
  ];
}

/** The box of an open task's places to fit: its local places, or all of them when it has only the city. */
export function taskFitBbox(places: readonly { place: { kind: string; bbox: readonly number[] } }[]): Bbox | null {
  const local = places.filter((p) => p.place.kind !== "CITY");
  return unionBbox((local.length ? local : places).map((p) => p.place.bbox));
}

/**
 * The camera fit of a box: its bounds with a small margin, and of the candidate paddings (the overlays
 * leave a choice of sides, map/fit.ts) the one whose camera zooms in furthest; `zoomFor` asks the map.
 */
export function fitBoundsFor<P>(
  bbox: Bbox,
  paddings: readonly P[],
  zoomFor: (bounds: [[number, number], [number, number]], padding: P) => number | undefined,
): { bounds: [[number, number], [number, number]]; padding: P } {
  const [w, s, e, n] = bbox;
  const pad = 0.002;
  const bounds: [[number, number], [number, number]] = [
    [w - pad, s - pad],
    [e + pad, n + pad],
  ];
  let best = paddings[0];
  let bestZoom = -Infinity;
  for (const padding of paddings) {
    const zoom = zoomFor(bounds, padding);
    if (zoom !== undefined && zoom > bestZoom) {
      best = padding;
      bestZoom = zoom;
    }
  }
  return { bounds, padding: best };
}

// ---------------------------------------------------------------- draw

/** Where a polygon being drawn is: its vertices so far, or the finished ring. */
export type PolygonDraw = { ring: LngLat[]; done: LngLat[] | null };

/** A click while drawing a polygon: on the first vertex (within 10 px) with three or more it closes, else adds a vertex. */
export function polygonClick(ring: LngLat[], at: LngLat, pixelsFromFirst: number | null): PolygonDraw {
  if (ring.length >= 3 && pixelsFromFirst !== null && pixelsFromFirst < 10) return { ring, done: closeRing(ring) };
  return { ring: [...ring, at], done: null };
}

/** A double click (or Enter) closes the polygon when it has three distinct vertices. */
export function closeRing(ring: LngLat[]): LngLat[] | null {
  const poly = polygonFromRing(ring);
  return poly ? ringOf(poly) : null;
}

/** A key while drawing: Escape cancels; Enter closes a polygon of three or more vertices; anything else does nothing. */
export function drawKey(
  key: string,
  mode: "rectangle" | "polygon",
  ring: LngLat[],
): { cancel: true } | { done: LngLat[] } | null {
  if (key === "Escape") return { cancel: true };
  if (key === "Enter" && mode === "polygon" && ring.length >= 3) {
    const done = closeRing(ring);
    return done ? { done } : null;
  }
  return null;
}

/** The end of a rectangle's drag: its ring, or null when the pointer moved under 5 px either way (a click, not a box). */
export function rectangleDrag(a: LngLat, b: LngLat, pixelDx: number, pixelDy: number): LngLat[] | null {
  if (Math.abs(pixelDx) < 5 || Math.abs(pixelDy) < 5) return null;
  return ringOf(rectangleFromCorners(a, b));
}
