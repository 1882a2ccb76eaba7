/**
 * The projects layer: concrete undertakings (parks, plants, districts, lines)
 * styled by category, with a status ring once a report is approved, and by
 * precision like the places (hollow with a halo when only the county or city
 * is known). Points are clustered in a GeoJSON source; lines and areas sit in
 * a second, unclustered one. Above ~20,000 projects both give way to the
 * server's vector tiles (/tiles/projects/{z}/{x}/{y}.mvt), which cluster the
 * points themselves up to zoom 13 (a grid of 64 px cells, with the same
 * point_count and approx as the browser's clusters) and filter categories
 * (?categories=…). Pure builders; map-view.tsx applies them.
 */
import type {
  ExpressionSpecification,
  FilterSpecification,
  GeoJSONSourceSpecification,
  LayerSpecification,
  SourceSpecification,
} from "maplibre-gl";
import type { Feature, FeatureCollection, Geometry, Point } from "geojson";
import {
  PROJECT_CATEGORIES,
  type GeoPrecision,
  type MapProject,
  type ProjectCategory,
  type TaskStatus,
} from "../../api/types.ts";
import { INK, LOW_PRECISION } from "./places.ts";

export const PROJECT_POINTS_SOURCE = "project-points";
export const PROJECT_SHAPES_SOURCE = "project-shapes";
export const PROJECT_TILES_SOURCE = "project-tiles";
/** The layer name inside the server's tiles. */
export const PROJECT_TILE_LAYER = "projects";

/** Above this many projects the map stops downloading them as GeoJSON and reads vector tiles. */
export const TILE_THRESHOLD = 20_000;

/** The last zoom at which the server's tiles cluster points (server/src/modules/project/project-tiles.repository.ts CLUSTER_MAX_ZOOM). */
export const TILE_CLUSTER_MAX_ZOOM = 13;

/** Where a click on a tile cluster zooms to: two levels in (a 64 px cell becomes 256 px), at most to where every point is its own. */
export function tileClusterExpansionZoom(zoom: number): number {
  return Math.min(Math.floor(zoom) + 2, TILE_CLUSTER_MAX_ZOOM + 1);
}

export type ProjectSourceMode = "geojson" | "tiles";

/** GeoJSON (clustered in the browser) for a plan-sized list; vector tiles beyond the threshold. */
export function projectSourceMode(totalCount: number | undefined, threshold = TILE_THRESHOLD): ProjectSourceMode {
  return totalCount !== undefined && totalCount > threshold ? "tiles" : "geojson";
}

export const PROJECT_LAYER = {
  areaFill: "project-area-fill",
  areaLine: "project-area-line",
  line: "project-line",
  cluster: "project-cluster",
  clusterCount: "project-cluster-count",
  pointHalo: "project-point-halo",
  pointLow: "project-point-low",
  pointSurveyed: "project-point-surveyed",
  statusRing: "project-status-ring",
  selected: "project-selected",
} as const;

/** Project layers the pointer interacts with, topmost first (clusters are handled apart). */
export const PROJECT_INTERACTIVE_LAYERS: string[] = [
  PROJECT_LAYER.pointSurveyed,
  PROJECT_LAYER.pointLow,
  PROJECT_LAYER.line,
  PROJECT_LAYER.areaFill,
];

export { PROJECT_CATEGORIES };

/** Category colours: apart from the place kinds' and the choropleth's blues. */
export const CATEGORY_COLORS: Record<ProjectCategory | "NONE", string> = {
  INDUSTRIAL_TRANSFORMATION: "#862e9c",
  ECOLOGICAL_RESTORATION: "#2b8a3e",
  URBAN_RURAL_INTEGRATION: "#c2255c",
  LIVELIHOOD: "#e67700",
  NONE: "#495057",
};

/** Ring colours for reported statuses; NOT_STARTED draws no ring. */
export const STATUS_COLORS: Record<TaskStatus, string> = {
  NOT_STARTED: "rgba(0,0,0,0)",
  IN_PROGRESS: "#1c7ed6",
  AT_RISK: "#f59f00",
  DELAYED: "#e03131",
  COMPLETED: "#2f9e44",
};

export function categoryColorExpression(): ExpressionSpecification {
  const pairs = PROJECT_CATEGORIES.flatMap((c) => [c, CATEGORY_COLORS[c]]);
  return ["match", ["get", "category"], ...pairs, CATEGORY_COLORS.NONE] as unknown as ExpressionSpecification;
}

export function statusColorExpression(): ExpressionSpecification {
  const pairs = Object.entries(STATUS_COLORS).flatMap(([s, c]) => [s, c]);
  return [
    "match",
    ["coalesce", ["get", "status"], "NOT_STARTED"],
    ...pairs,
    STATUS_COLORS.NOT_STARTED,
  ] as unknown as ExpressionSpecification;
}

const low = (): ExpressionSpecification => ["in", ["get", "precision"], ["literal", LOW_PRECISION]];

export type ProjectGroup = "point" | "line" | "area";

/**
 * How a project is drawn: a point where it is a point, or where its shape is
 * only a stand-in for the county or city it lies in (ADM3/ADM2: its centroid);
 * a line; an area (surveyed or hand-drawn, APPROXIMATE).
 */
export function projectGroup(p: Pick<MapProject, "precision" | "geometry">): ProjectGroup | null {
  const t = p.geometry?.type;
  if (!t) return null;
  if (t === "Point" || t === "MultiPoint") return "point";
  if (t === "LineString" || t === "MultiLineString") return "line";
  return p.precision === "ADM2" || p.precision === "ADM3" ? "point" : "area";
}

/** A project known only to lie somewhere in the city (ADM2): listed, never drawn at its stand-in point. */
export function isCitywide(p: Pick<MapProject, "precision">): boolean {
  return p.precision === "ADM2";
}

export interface ProjectFeatureProps {
  id: string;
  name: string;
  category: ProjectCategory | "NONE";
  precision: GeoPrecision;
  status: TaskStatus;
}

function centroidOf(g: Geometry): Point {
  // the mean of the exterior-ring vertices is enough for a stand-in marker; the server's
  // point-on-surface lives with the places, which these stand-ins were taken from
  const pts: number[][] = [];
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === "number") pts.push(c as number[]);
    else if (Array.isArray(c)) (c as unknown[]).forEach(walk);
  };
  walk((g as { coordinates?: unknown }).coordinates);
  const n = pts.length || 1;
  return { type: "Point", coordinates: [pts.reduce((s, p) => s + p[0], 0) / n, pts.reduce((s, p) => s + p[1], 0) / n] };
}

/** Features for the two GeoJSON sources: points (a MultiPoint becomes one feature per point) and shapes. */
export function projectFeatures(
  projects: MapProject[],
  label: (p: MapProject) => string,
): { points: FeatureCollection<Point, ProjectFeatureProps>; shapes: FeatureCollection<Geometry, ProjectFeatureProps> } {
  const points: Feature<Point, ProjectFeatureProps>[] = [];
  const shapes: Feature<Geometry, ProjectFeatureProps>[] = [];
  for (const p of projects) {
    const group = projectGroup(p);
    if (!group || !p.geometry || isCitywide(p)) continue;
    const props: ProjectFeatureProps = {
      id: p.id,
      name: label(p),
      category: p.category ?? "NONE",
      precision: p.precision,
      status: p.status,
    };
    if (group === "point") {
      const g = p.geometry;
      const coords =
        g.type === "Point" ? [g.coordinates] : g.type === "MultiPoint" ? g.coordinates : [centroidOf(g).coordinates];
      for (const c of coords)
        points.push({ type: "Feature", geometry: { type: "Point", coordinates: c }, properties: props });
    } else {
      shapes.push({ type: "Feature", id: p.id, geometry: p.geometry, properties: props });
    }
  }
  return {
    points: { type: "FeatureCollection", features: points },
    shapes: { type: "FeatureCollection", features: shapes },
  };
}

/** Clustering of the point source: counts, and how many members are approximate (an all-approximate cluster is drawn hollow). */
export function clusterOptions(): Pick<
  GeoJSONSourceSpecification,
  "cluster" | "clusterRadius" | "clusterMaxZoom" | "clusterProperties"
> {
  return {
    cluster: true,
    clusterRadius: 44,
    clusterMaxZoom: 13,
    clusterProperties: { approx: ["+", ["case", low(), 1, 0]] },
  };
}

const EMPTY: FeatureCollection = { type: "FeatureCollection", features: [] };

/** The tile URL template, with the category filter the server applies before clustering. */
export function projectTileTemplate(base: string, categories: readonly ProjectCategory[] = []): string {
  return categories.length ? `${base}?categories=${[...categories].sort().join(",")}` : base;
}

/** The project sources for a mode; in tile mode the categories go to the server. */
export function projectSources(
  mode: ProjectSourceMode,
  data: { points?: FeatureCollection; shapes?: FeatureCollection } = {},
  tileUrl = "/tiles/projects/{z}/{x}/{y}.mvt",
  categories: readonly ProjectCategory[] = [],
): Record<string, SourceSpecification> {
  if (mode === "tiles") {
    return {
      [PROJECT_TILES_SOURCE]: {
        type: "vector",
        tiles: [projectTileTemplate(tileUrl, categories)],
        minzoom: 0,
        maxzoom: TILE_CLUSTER_MAX_ZOOM + 1,
      },
    };
  }
  return {
    [PROJECT_POINTS_SOURCE]: { type: "geojson", data: data.points ?? EMPTY, ...clusterOptions() },
    [PROJECT_SHAPES_SOURCE]: { type: "geojson", data: data.shapes ?? EMPTY, promoteId: "id" },
  };
}

function and(...fs: (FilterSpecification | null)[]): FilterSpecification {
  const kept = fs.filter((f): f is FilterSpecification => f !== null);
  return kept.length === 1 ? kept[0] : (["all", ...kept] as FilterSpecification);
}

export interface ProjectLayerOptions {
  mode: ProjectSourceMode;
  textFont: string[];
}

/** The ordered layer specs of the project layers, bottom to top. */
export function projectLayers(o: ProjectLayerOptions): LayerSpecification[] {
  const tiles = o.mode === "tiles";
  const color = categoryColorExpression();
  const ring = statusColorExpression();
  const pointSrc = tiles
    ? { source: PROJECT_TILES_SOURCE, "source-layer": PROJECT_TILE_LAYER }
    : { source: PROJECT_POINTS_SOURCE };
  const shapeSrc = tiles
    ? { source: PROJECT_TILES_SOURCE, "source-layer": PROJECT_TILE_LAYER }
    : { source: PROJECT_SHAPES_SOURCE };
  // categories are filtered where the data comes from: GraphQL for GeoJSON, the tile URL for tiles
  const isPoint: FilterSpecification = ["==", ["geometry-type"], "Point"];
  const unclustered: FilterSpecification = ["!", ["has", "point_count"]];
  const clustered: FilterSpecification = ["has", "point_count"];
  // a tile carries no status: every feature is NOT_STARTED as far as the style knows; stand-in areas (ADM2/ADM3)
  // come from the server as points, as projectFeatures makes them for the GeoJSON sources
  const area: FilterSpecification = ["==", ["geometry-type"], "Polygon"];
  const points = and(isPoint, unclustered);
  const none: FilterSpecification = ["in", ["get", "id"], ["literal", []]];
  const hover = (on: number, off: number): ExpressionSpecification => [
    "case",
    ["boolean", ["feature-state", "hover"], false],
    on,
    off,
  ];
  const layers: LayerSpecification[] = [
    {
      id: PROJECT_LAYER.areaFill,
      type: "fill",
      ...shapeSrc,
      filter: area,
      paint: { "fill-color": color, "fill-opacity": ["case", low(), 0.06, 0.16], "fill-antialias": false }, // its line layer draws the edge
    },
    {
      id: PROJECT_LAYER.areaLine,
      type: "line",
      ...shapeSrc,
      filter: area,
      paint: { "line-color": color, "line-width": tiles ? 1.4 : hover(2.6, 1.4), "line-dasharray": [2, 1.5] },
    },
    {
      id: PROJECT_LAYER.line,
      type: "line",
      ...shapeSrc,
      filter: ["==", ["geometry-type"], "LineString"],
      layout: { "line-cap": "round", "line-join": "round" },
      paint: {
        "line-color": color,
        "line-width": 3,
        "line-dasharray": ["case", low(), ["literal", [2, 1.5]], ["literal", [1, 0]]] as never,
      },
    },
  ];
  layers.push(
    // clusters: the browser's (GeoJSON) or the server's (tiles), with the same properties
    {
      id: PROJECT_LAYER.cluster,
      type: "circle",
      ...pointSrc,
      filter: clustered,
      paint: {
        "circle-radius": ["step", ["get", "point_count"], 13, 5, 16, 15, 20, 100, 23, 1000, 27],
        // all approximate: hollow, like a single approximate point; otherwise filled
        "circle-color": ["case", ["==", ["get", "approx"], ["get", "point_count"]], "#ffffff", INK],
        "circle-opacity": 0.92,
        "circle-stroke-color": ["case", ["==", ["get", "approx"], ["get", "point_count"]], INK, "#ffffff"],
        "circle-stroke-width": 2,
      },
    },
    {
      id: PROJECT_LAYER.clusterCount,
      type: "symbol",
      ...pointSrc,
      filter: clustered,
      layout: {
        "text-field": ["to-string", ["get", "point_count"]],
        "text-font": o.textFont,
        "text-size": 12,
        "text-allow-overlap": true,
      },
      paint: { "text-color": ["case", ["==", ["get", "approx"], ["get", "point_count"]], INK, "#ffffff"] },
    },
    {
      id: PROJECT_LAYER.pointHalo,
      type: "circle",
      ...pointSrc,
      filter: and(points, low() as FilterSpecification),
      paint: {
        "circle-radius": ["interpolate", ["linear"], ["zoom"], 8, 11, 13, 22],
        "circle-color": color,
        "circle-opacity": 0.14,
        "circle-blur": 0.4,
      },
    },
    {
      id: PROJECT_LAYER.pointLow,
      type: "circle",
      ...pointSrc,
      filter: and(points, low() as FilterSpecification),
      paint: {
        "circle-radius": 5,
        "circle-color": "#ffffff",
        "circle-opacity": 0.9,
        "circle-stroke-color": color,
        "circle-stroke-width": 2.2,
      },
    },
    {
      id: PROJECT_LAYER.pointSurveyed,
      type: "circle",
      ...pointSrc,
      filter: and(points, ["!", low()] as FilterSpecification),
      paint: {
        "circle-radius": 5,
        "circle-color": color,
        "circle-stroke-color": "#ffffff",
        "circle-stroke-width": 1.5,
      },
    },
  );
  if (!tiles) {
    layers.push({
      id: PROJECT_LAYER.statusRing,
      type: "circle",
      source: PROJECT_POINTS_SOURCE,
      filter: and(points, ["!=", ["get", "status"], "NOT_STARTED"]),
      paint: { "circle-radius": 8.5, "circle-opacity": 0, "circle-stroke-color": ring, "circle-stroke-width": 2.5 },
    });
  }
  layers.push({
    id: PROJECT_LAYER.selected,
    type: "circle",
    ...pointSrc,
    filter: and(isPoint, none),
    paint: { "circle-radius": 10, "circle-opacity": 0, "circle-stroke-color": INK, "circle-stroke-width": 3 },
  });
  return layers;
}

/** The selection filter for the selected-project ring (both modes' sources hold clusters beside single points). */
export function selectedProjectFilter(id: string | null): FilterSpecification {
  const isPoint: FilterSpecification = ["==", ["geometry-type"], "Point"];
  const match: FilterSpecification = ["==", ["get", "id"], id ?? ""];
  return ["all", isPoint, ["!", ["has", "point_count"]], match] as FilterSpecification;
}

/** [west, south, east, north] of any GeoJSON geometry. */
export function geometryBbox(g: Geometry): [number, number, number, number] | null {
  let w = Infinity,
    s = Infinity,
    e = -Infinity,
    n = -Infinity;
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === "number") {
      const [x, y] = c as number[];
      w = Math.min(w, x);
      s = Math.min(s, y);
      e = Math.max(e, x);
      n = Math.max(n, y);
    } else if (Array.isArray(c)) (c as unknown[]).forEach(walk);
  };
  if (g.type === "GeometryCollection") g.geometries.forEach((x) => walk((x as { coordinates?: unknown }).coordinates));
  else walk(g.coordinates);
  return Number.isFinite(w) ? [w, s, e, n] : null;
}
