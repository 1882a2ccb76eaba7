/**
 * The map's style, built in code: no glyphs URL (labels are drawn from local
 * fonts), no external source unless an online basemap is switched on.
 */
import type { ExpressionSpecification, StyleSpecification } from "maplibre-gl";
import type { FeatureCollection } from "geojson";
import { basemapParts, type Basemap } from "./layers/basemap.ts";
import { DRAW_SOURCE, drawLayers } from "./layers/draw.ts";
import { LABELS_SOURCE, LAND, LOCAL_FONT_STACK, PLACES_SOURCE, placeLayers } from "./layers/places.ts";

const EMPTY: FeatureCollection = { type: "FeatureCollection", features: [] };

export interface StyleInput {
  basemap: Basemap | null;
  places?: FeatureCollection;
  labels?: FeatureCollection;
  draw?: FeatureCollection;
  choroplethColor: ExpressionSpecification | string;
}

/** Font stack for our labels: local fonts offline; with a vector basemap, a font its glyph server has. */
export function textFontFor(basemap: Basemap | null): string[] {
  return basemap?.kind === "vector" && basemap.style.glyphs ? ["Noto Sans Regular"] : LOCAL_FONT_STACK;
}

export function buildStyle(input: StyleInput): StyleSpecification {
  const bm = basemapParts(input.basemap);
  const style: StyleSpecification = {
    version: 8,
    name: "taiyuan-atlas",
    sources: {
      ...bm.sources,
      [PLACES_SOURCE]: { type: "geojson", data: input.places ?? EMPTY, promoteId: "id" },
      [LABELS_SOURCE]: { type: "geojson", data: input.labels ?? EMPTY },
      [DRAW_SOURCE]: { type: "geojson", data: input.draw ?? EMPTY },
    },
    layers: [
      { id: "background", type: "background", paint: { "background-color": input.basemap ? "#eef0f1" : LAND } },
      ...bm.layers,
      ...placeLayers({
        choroplethColor: input.choroplethColor,
        choroplethOpacity: input.basemap ? 0.55 : 0.92,
        textFont: textFontFor(input.basemap),
      }),
      ...drawLayers(),
    ],
  };
  if (bm.glyphs) style.glyphs = bm.glyphs;
  if (bm.sprite) style.sprite = bm.sprite;
  return style;
}
