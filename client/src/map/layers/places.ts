/**
 * The places layers: the city outline, the ten county-level units (the
 * choropleth), approximate areas and points, styled by kind and by how
 * precisely their position is known. Pure builders; map-view.tsx applies them.
 */
import type { ExpressionSpecification, FilterSpecification, LayerSpecification } from "maplibre-gl";
import type { Feature, FeatureCollection, Geometry, Point } from "geojson";
import type { GeoPrecision, MapPlace, PlaceKind } from "../../api/types.ts";

export const PLACES_SOURCE = "places";
export const LABELS_SOURCE = "place-labels";

export const ADMIN_KINDS: PlaceKind[] = ["DISTRICT", "COUNTY", "COUNTY_CITY"];
/** Precisions that must never look surveyed: drawn hollow with a halo (points) or dashed (areas). */
export const LOW_PRECISION: GeoPrecision[] = ["ADM2", "ADM3", "APPROXIMATE"];

export const LAYER = {
  externalFill: "external-fill",
  externalLine: "external-line",
  cityGlow: "city-glow",
  adminFill: "admin-fill",
  adminLine: "admin-line",
  cityLine: "city-line",
  areaFill: "area-fill",
  areaLine: "area-line",
  focusFill: "focus-fill",
  focusLine: "focus-line",
  focusCasing: "focus-casing",
  matchLine: "match-line",
  selectedLine: "selected-line",
  hoverLine: "hover-line",
  pointHalo: "point-halo",
  pointFocus: "point-focus",
  pointLow: "point-low",
  pointSurveyed: "point-surveyed",
  adminLabel: "admin-label",
  placeLabel: "place-label",
} as const;

/** Layers the pointer interacts with (hover tooltip, click opens), topmost first. */
export const INTERACTIVE_LAYERS: string[] = [LAYER.pointSurveyed, LAYER.pointLow, LAYER.areaFill, LAYER.adminFill];

export type PlaceGroup = "city" | "admin" | "area" | "point" | "external" | "citywide";

export const INK = "#27323a";
export const ACCENT = "#d9480f";
/** Highlight for the places of the selected/hovered task: a yellow that stands apart from every kind and class colour. */
export const FOCUS = "#ffd43b";
export const LAND = "#f5f3ee";
export const WATER_BG = "#e3e8ec";

export const KIND_COLORS: Record<PlaceKind, string> = {
  CITY: INK,
  DISTRICT: INK,
  COUNTY: INK,
  COUNTY_CITY: INK,
  NEW_DISTRICT: "#7b3fa0",
  DEVELOPMENT_ZONE: "#c8590a",
  BONDED_ZONE: "#b0243b",
  SCENIC_AREA: "#2f7d4a",
  HERITAGE_SITE: "#8a5a2b",
  WATER_SOURCE: "#1f6fb2",
  OTHER: "#5f6b73",
  EXTERNAL: "#8c959b",
};

/** The `match` expression colouring a feature by its place kind. */
export function kindColorExpression(): ExpressionSpecification {
  const pairs = Object.entries(KIND_COLORS).flatMap(([k, c]) => [k, c]);
  return ["match", ["get", "kind"], ...pairs, KIND_COLORS.OTHER] as unknown as ExpressionSpecification;
}

/** Filter: the feature's precision is one that must not look surveyed. */
export function lowPrecisionFilter(): FilterSpecification {
  return ["in", ["get", "precision"], ["literal", LOW_PRECISION]];
}

/** Filter: surveyed (EXACT or NEAR). */
export function surveyedFilter(): FilterSpecification {
  return ["!", ["in", ["get", "precision"], ["literal", LOW_PRECISION]]];
}

/** Filter: the feature's id is one of ids (an empty list matches nothing). */
export function idFilter(ids: readonly string[]): ExpressionSpecification {
  return ["in", ["get", "id"], ["literal", [...ids]]];
}

function groupFilter(group: PlaceGroup, extra?: FilterSpecification): FilterSpecification {
  const g: FilterSpecification = ["==", ["get", "group"], group];
  return extra ? (["all", g, extra] as FilterSpecification) : g;
}

/**
 * Where a place is drawn: admin units and the city by boundary; a zone known only to its county, as a
 * point; one known only to lie somewhere in the city ("citywide") nowhere: the legend lists it.
 */
export function placeGroup(p: Pick<MapPlace, "kind" | "precision" | "geometry">): PlaceGroup {
  if (p.kind === "CITY") return "city";
  if (p.precision === "ADM2") return "citywide";
  if (p.kind === "EXTERNAL") return "external";
  if (ADMIN_KINDS.includes(p.kind)) return "admin";
  const isArea = p.geometry.type === "Polygon" || p.geometry.type === "MultiPolygon";
  if (isArea && p.precision !== "ADM3") return "area";
  return "point";
}

export interface PlaceFeatureProps {
  id: string;
  name: string;
  kind: PlaceKind;
  precision: GeoPrecision;
  group: PlaceGroup;
  value?: number;
  /** map zoom rank for label collision: admin units first */
  rank: number;
}

/**
 * Features for the places source. Points stand for places whose geometry is a
 * point or is only known to its county/city; `values` adds the choropleth value.
 */
export function placeFeatures(
  places: MapPlace[],
  label: (p: MapPlace) => string,
  values: Map<string, number | null> = new Map(),
): FeatureCollection<Geometry, PlaceFeatureProps> {
  // a city-level stand-in is no position: not drawn, so the map never points at the placeholder
  const features: Feature<Geometry, PlaceFeatureProps>[] = places
    .filter((p) => placeGroup(p) !== "citywide")
    .map((p) => {
      const group = placeGroup(p);
      const geometry: Geometry = group === "point" && p.geometry.type !== "Point" ? p.centroid : p.geometry;
      const props: PlaceFeatureProps = {
        id: p.id,
        name: label(p),
        kind: p.kind,
        precision: p.precision,
        group,
        rank: group === "admin" ? 1 : group === "city" ? 0 : 2,
      };
      const v = values.get(p.id);
      if (typeof v === "number" && Number.isFinite(v)) props.value = v;
      return { type: "Feature", id: p.id, geometry, properties: props };
    });
  return { type: "FeatureCollection", features };
}

/** Label anchors: the centroid (guaranteed inside) of admin units and areas; points label themselves. */
export function labelFeatures(
  places: MapPlace[],
  label: (p: MapPlace) => string,
): FeatureCollection<Point, PlaceFeatureProps> {
  return {
    type: "FeatureCollection",
    features: places
      .filter((p) => ["admin", "area", "point"].includes(placeGroup(p)))
      .map((p) => {
        const group = placeGroup(p);
        return {
          type: "Feature",
          geometry: group === "point" && p.geometry.type === "Point" ? (p.geometry as Point) : (p.centroid as Point), // the schema says GeoJSON; a centroid is a Point
          properties: {
            id: p.id,
            name: label(p),
            kind: p.kind,
            precision: p.precision,
            group,
            rank: group === "admin" ? 1 : 2,
          },
        };
      }),
  };
}

export interface PlaceLayerOptions {
  /** a fill-color expression (see choropleth.ts) */
  choroplethColor: ExpressionSpecification | string;
  /** 0..1; lower when a basemap shows underneath */
  choroplethOpacity: number;
  textFont: string[];
}

/** Font stacks drawn locally (no glyphs URL): CJK families first so labels render from local fonts. */
export const LOCAL_FONT_STACK = [
  "Noto Sans CJK SC",
  "Source Han Sans SC",
  "PingFang SC",
  "Hiragino Sans GB",
  "Microsoft YaHei",
  "WenQuanYi Micro Hei",
  "sans-serif",
];

/** The ordered layer specs of the places layers, bottom to top. */
export function placeLayers(o: PlaceLayerOptions): LayerSpecification[] {
  // The opacities MapView sets when nothing is matched (map-view.tsx, highlights) are written here as they are set:
  // a value that differs from the layer's starts a 300 ms paint transition, and the map is not idle until it ends.
  // every fill has a line layer of its own drawn over its edges: no antialiasing outline pass under it
  // (MapLibre draws one per fill layer and tile, each frame)
  const kindColor = kindColorExpression();
  const none = idFilter([]);
  return [
    {
      id: LAYER.externalFill,
      type: "fill",
      source: PLACES_SOURCE,
      filter: groupFilter("external"),
      paint: { "fill-color": "#dfe3e6", "fill-opacity": 0.6, "fill-antialias": false },
    },
    {
      id: LAYER.externalLine,
      type: "line",
      source: PLACES_SOURCE,
      filter: groupFilter("external"),
      paint: { "line-color": "#a7b0b6", "line-width": 0.8, "line-dasharray": [3, 2] },
    },
    {
      id: LAYER.cityGlow,
      type: "line",
      source: PLACES_SOURCE,
      filter: groupFilter("city"),
      paint: { "line-color": "#9fb3c2", "line-width": 14, "line-blur": 12, "line-opacity": 0.6 },
    },
    {
      id: LAYER.adminFill,
      type: "fill",
      source: PLACES_SOURCE,
      filter: groupFilter("admin"),
      paint: {
        "fill-color": o.choroplethColor as ExpressionSpecification,
        "fill-opacity": o.choroplethOpacity,
        "fill-antialias": false,
      },
    },
    {
      id: LAYER.adminLine,
      type: "line",
      source: PLACES_SOURCE,
      filter: groupFilter("admin"),
      layout: { "line-join": "round" },
      paint: { "line-color": "#ffffff", "line-width": ["interpolate", ["linear"], ["zoom"], 7, 1, 12, 2.5] },
    },
    {
      id: LAYER.cityLine,
      type: "line",
      source: PLACES_SOURCE,
      filter: groupFilter("city"),
      layout: { "line-join": "round" },
      paint: { "line-color": INK, "line-width": 1.6 },
    },
    {
      id: LAYER.areaFill,
      type: "fill",
      source: PLACES_SOURCE,
      filter: groupFilter("area"),
      paint: { "fill-color": kindColor, "fill-opacity": 0.16, "fill-antialias": false },
    },
    {
      id: LAYER.areaLine,
      type: "line",
      source: PLACES_SOURCE,
      filter: groupFilter("area"),
      paint: { "line-color": kindColor, "line-width": 1.4, "line-dasharray": [2, 1.5], "line-opacity": 1 },
    },
    {
      id: LAYER.matchLine,
      type: "line",
      source: PLACES_SOURCE,
      filter: none,
      paint: { "line-color": INK, "line-width": 2, "line-opacity": 0.8 },
    },
    {
      id: LAYER.focusFill,
      type: "fill",
      source: PLACES_SOURCE,
      filter: none,
      paint: { "fill-color": FOCUS, "fill-opacity": 0.25, "fill-antialias": false },
    },
    {
      id: LAYER.focusCasing,
      type: "line",
      source: PLACES_SOURCE,
      filter: none,
      layout: { "line-join": "round" },
      paint: { "line-color": INK, "line-width": 5.5 },
    },
    {
      id: LAYER.focusLine,
      type: "line",
      source: PLACES_SOURCE,
      filter: none,
      layout: { "line-join": "round" },
      paint: { "line-color": FOCUS, "line-width": 3 },
    },
    {
      id: LAYER.selectedLine,
      type: "line",
      source: PLACES_SOURCE,
      filter: none,
      layout: { "line-join": "round" },
      paint: { "line-color": INK, "line-width": 3.5 },
    },
    {
      // drawn for the hovered place only (interactions.ts hoverLineFilter), not for every place at width 0: a line
      // layer over every boundary costs each frame as much as a visible one
      id: LAYER.hoverLine,
      type: "line",
      source: PLACES_SOURCE,
      filter: none,
      paint: { "line-color": INK, "line-width": 2 },
    },
    {
      id: LAYER.pointHalo,
      type: "circle",
      source: PLACES_SOURCE,
      filter: ["all", groupFilter("point"), lowPrecisionFilter()] as FilterSpecification,
      paint: {
        "circle-radius": ["interpolate", ["linear"], ["zoom"], 8, 14, 13, 30],
        "circle-color": kindColor,
        "circle-opacity": 0.13,
        "circle-blur": 0.4,
      },
    },
    {
      id: LAYER.pointFocus,
      type: "circle",
      source: PLACES_SOURCE,
      filter: ["all", groupFilter("point"), none] as FilterSpecification,
      paint: {
        "circle-radius": 12,
        "circle-color": FOCUS,
        "circle-opacity": 1,
        "circle-stroke-color": INK,
        "circle-stroke-width": 1.5,
      },
    },
    {
      id: LAYER.pointLow,
      type: "circle",
      source: PLACES_SOURCE,
      filter: ["all", groupFilter("point"), lowPrecisionFilter()] as FilterSpecification,
      paint: {
        "circle-radius": ["case", ["boolean", ["feature-state", "hover"], false], 8, 6],
        "circle-color": "#ffffff",
        "circle-opacity": 0.85,
        "circle-stroke-color": kindColor,
        "circle-stroke-width": 2.2,
        "circle-stroke-opacity": 1,
      },
    },
    {
      id: LAYER.pointSurveyed,
      type: "circle",
      source: PLACES_SOURCE,
      filter: ["all", groupFilter("point"), surveyedFilter()] as FilterSpecification,
      paint: {
        "circle-radius": ["case", ["boolean", ["feature-state", "hover"], false], 8, 6],
        "circle-color": kindColor,
        "circle-opacity": 1,
        "circle-stroke-color": "#ffffff",
        "circle-stroke-width": 1.5,
        "circle-stroke-opacity": 1,
      },
    },
    {
      id: LAYER.adminLabel,
      type: "symbol",
      source: LABELS_SOURCE,
      filter: groupFilter("admin"),
      layout: {
        "text-field": ["get", "name"],
        "text-font": o.textFont,
        "text-size": ["interpolate", ["linear"], ["zoom"], 8, 12, 12, 16],
        "text-max-width": 8,
        "text-padding": 4,
      },
      paint: { "text-color": INK, "text-halo-color": "rgba(255,255,255,0.9)", "text-halo-width": 1.6 },
    },
    {
      id: LAYER.placeLabel,
      type: "symbol",
      source: LABELS_SOURCE,
      filter: ["!=", ["get", "group"], "admin"],
      minzoom: 9,
      layout: {
        "text-field": ["get", "name"],
        "text-font": o.textFont,
        "text-size": 11.5,
        "text-variable-anchor": ["left", "right", "top", "bottom"],
        "text-radial-offset": 0.9,
        "text-justify": "auto",
        "text-max-width": 9,
        "text-optional": true,
      },
      paint: { "text-color": kindColor, "text-halo-color": "rgba(255,255,255,0.92)", "text-halo-width": 1.5 },
    },
  ];
}
