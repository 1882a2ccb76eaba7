/**
 * The map's style, built in code: no glyphs URL (labels are drawn from local
 * fonts), no external source unless an online basemap is switched on. Split in
 * two so the map can load and draw its first frame from the base style alone
 * (background and basemap) while our data layers are added on top once it has
 * (map-view.tsx); buildStyle is the two together.
 */
import type { ExpressionSpecification, LayerSpecification, SourceSpecification, StyleSpecification } from "maplibre-gl";
import type { FeatureCollection } from "geojson";
import { basemapParts, type Basemap } from "./layers/basemap.ts";
import { DRAW_SOURCE, drawLayers } from "./layers/draw.ts";
import { LABELS_SOURCE, LAND, LAYER, LOCAL_FONT_STACK, PLACES_SOURCE, placeLayers } from "./layers/places.ts";
import { projectLayers, projectSources, type ProjectSourceMode } from "./layers/projects.ts";
import type { ProjectCategory } from "../api/types.ts";

const EMPTY: FeatureCollection = { type: "FeatureCollection", features: [] };

export interface StyleInput {
  basemap: Basemap | null;
  places?: FeatureCollection;
  labels?: FeatureCollection;
  draw?: FeatureCollection;
  choroplethColor: ExpressionSpecification | string;
  /** the project layer's source: clustered GeoJSON (default) or the server's vector tiles */
  projectMode?: ProjectSourceMode;
  projectPoints?: FeatureCollection;
  projectShapes?: FeatureCollection;
  /** absolute tile URL template (vector tiles need one) */
  projectTileUrl?: string;
  projectCategories?: readonly ProjectCategory[];
}

/** Font stack for our labels: local fonts offline; with a vector basemap, a font its glyph server has. */
export function textFontFor(basemap: Basemap | null): string[] {
  return basemap?.kind === "vector" && basemap.style.glyphs ? ["Noto Sans Regular"] : LOCAL_FONT_STACK;
}

/** The style without our data layers: the background and the basemap (if any), with its glyphs and sprite. */
export function buildBaseStyle(input: Pick<StyleInput, "basemap">): StyleSpecification {
  const bm = basemapParts(input.basemap);
  const style: StyleSpecification = {
    version: 8,
    name: "taiyuan-atlas",
    sources: { ...bm.sources },
    layers: [
      { id: "background", type: "background", paint: { "background-color": input.basemap ? "#eef0f1" : LAND } },
      ...bm.layers,
    ],
  };
  if (bm.glyphs) style.glyphs = bm.glyphs;
  if (bm.sprite) style.sprite = bm.sprite;
  return style;
}

/**
 * Our data layers, drawn above the base style: the places, the projects, the
 * place labels and the drawn filter, with their (GeoJSON or tile) sources, in
 * drawing order.
 */
export function buildOverlays(input: StyleInput): {
  sources: Record<string, SourceSpecification>;
  layers: LayerSpecification[];
} {
  const textFont = textFontFor(input.basemap);
  const places = placeLayers({
    choroplethColor: input.choroplethColor,
    choroplethOpacity: input.basemap ? 0.55 : 0.92,
    textFont,
  });
  // projects sit above the places' shapes and points, below their labels
  const labelsAt = places.findIndex((l) => l.id === LAYER.adminLabel);
  const projects = projectLayers({ mode: input.projectMode ?? "geojson", textFont });
  return {
    // the labels' source first: MapLibre loads sources in this order, and the labels' glyphs are drawn on the main
    // thread (local fonts) while the worker still cuts the places' tiles, instead of after
    sources: {
      [LABELS_SOURCE]: { type: "geojson", data: input.labels ?? EMPTY },
      [PLACES_SOURCE]: { type: "geojson", data: input.places ?? EMPTY, promoteId: "id" },
      [DRAW_SOURCE]: { type: "geojson", data: input.draw ?? EMPTY },
      ...projectSources(
        input.projectMode ?? "geojson",
        { points: input.projectPoints, shapes: input.projectShapes },
        input.projectTileUrl,
        input.projectCategories,
      ),
    },
    layers: [...places.slice(0, labelsAt), ...projects, ...places.slice(labelsAt), ...drawLayers()],
  };
}

/** The whole style: the base style with our data layers on top (what the map shows once its layers are added). */
export function buildStyle(input: StyleInput): StyleSpecification {
  const base = buildBaseStyle(input);
  const overlays = buildOverlays(input);
  return { ...base, sources: { ...base.sources, ...overlays.sources }, layers: [...base.layers, ...overlays.layers] };
}
