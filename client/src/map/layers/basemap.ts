/**
 * Optional online basemaps. The map never depends on them: offline is the
 * default, and when a basemap is unreachable the map falls back to offline.
 */
import type { LayerSpecification, SourceSpecification, StyleSpecification } from "maplibre-gl";
import type { BasemapId } from "../../state/url-state.ts";

export interface RasterBasemap {
  kind: "raster";
  tiles: string[];
  attribution: string;
  maxzoom?: number;
}

export interface VectorBasemap {
  kind: "vector";
  /** the style JSON, already fetched (see loadBasemap in map-view.tsx) */
  style: StyleSpecification;
  attribution: string;
}

export type Basemap = RasterBasemap | VectorBasemap;

export const BASEMAP_PREFIX = "bm-";

export interface BasemapCatalogueEntry {
  kind: "raster" | "vector";
  /** raster: tile URL template; vector: style URL */
  url: string;
  attribution: string;
}

/** Where each online basemap comes from; the deployment may override these (see config.ts). */
export const DEFAULT_BASEMAPS: Record<Exclude<BasemapId, "none">, BasemapCatalogueEntry> = {
  positron: {
    kind: "vector",
    url: "https://tiles.openfreemap.org/styles/positron",
    attribution:
      '<a href="https://openfreemap.org" target="_blank" rel="noopener">OpenFreeMap</a> © <a href="https://www.openmaptiles.org/" target="_blank" rel="noopener">OpenMapTiles</a> Data from <a href="https://www.openstreetmap.org/copyright" target="_blank" rel="noopener">OpenStreetMap</a>',
  },
  osm: {
    kind: "raster",
    url: "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    attribution:
      '© <a href="https://www.openstreetmap.org/copyright" target="_blank" rel="noopener">OpenStreetMap</a> contributors',
  },
};

/** Sources and layers a basemap contributes, ids prefixed so they never clash with ours. */
export function basemapParts(b: Basemap | null): {
  sources: Record<string, SourceSpecification>;
  layers: LayerSpecification[];
  glyphs?: string;
  sprite?: StyleSpecification["sprite"];
} {
  if (!b) return { sources: {}, layers: [] };
  if (b.kind === "raster") {
    return {
      sources: {
        [`${BASEMAP_PREFIX}raster`]: {
          type: "raster",
          tiles: b.tiles,
          tileSize: 256,
          maxzoom: b.maxzoom ?? 19,
          attribution: b.attribution,
        },
      },
      layers: [
        {
          id: `${BASEMAP_PREFIX}raster`,
          type: "raster",
          source: `${BASEMAP_PREFIX}raster`,
          paint: { "raster-saturation": -0.6, "raster-opacity": 0.9 },
        },
      ],
    };
  }
  const sources: Record<string, SourceSpecification> = {};
  for (const [id, src] of Object.entries(b.style.sources ?? {})) {
    sources[BASEMAP_PREFIX + id] = { ...(src as object), attribution: b.attribution } as SourceSpecification;
  }
  const layers = (b.style.layers ?? [])
    .filter((l) => l.type !== "background")
    .map((l) => {
      const out = { ...l, id: BASEMAP_PREFIX + l.id } as LayerSpecification & { source?: string };
      if ("source" in l && typeof l.source === "string") out.source = BASEMAP_PREFIX + l.source;
      return out as LayerSpecification;
    });
  return { sources, layers, glyphs: b.style.glyphs, sprite: b.style.sprite };
}
